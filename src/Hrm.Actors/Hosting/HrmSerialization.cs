using Akka.Configuration;
using Hrm.Protocol;
using Hrm.Protocol.Serialization;

namespace Hrm.Actors.Hosting;

/// <summary>Binds <see cref="HrmSerializer"/> to <see cref="IHrmMessage"/>; the same config for hosts and test kits.</summary>
public static class HrmSerialization
{
    public static Config Config { get; } = ConfigurationFactory.ParseString($$"""
        akka.actor {
          serializers.hrm = "{{typeof(HrmSerializer).AssemblyQualifiedName}}"
          serialization-bindings { "{{typeof(IHrmMessage).AssemblyQualifiedName}}" = hrm }
          serialization-identifiers { "{{typeof(HrmSerializer).AssemblyQualifiedName}}" = {{HrmSerializer.SerializerId}} }
        }
        """);
}

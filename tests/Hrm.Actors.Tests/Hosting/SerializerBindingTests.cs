using Akka.Actor;
using Hrm.Actors.Hosting;
using Hrm.Protocol.Serialization;

namespace Hrm.Actors.Tests.Hosting;

public sealed class SerializerBindingTests : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("binding", HrmSerialization.Config);

    public static TheoryData<Type> MessageTypes()
    {
        var data = new TheoryData<Type>();
        foreach (var type in HrmSerializer.KnownTypes.OrderBy(t => t.Name))
        {
            data.Add(type);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MessageTypes))]
    public void Akka_picks_the_hrm_serializer_for_every_message_type(Type type)
    {
        var serializer = _system.Serialization.FindSerializerForType(type);

        Assert.IsType<HrmSerializer>(serializer);
        Assert.Equal(HrmSerializer.SerializerId, serializer.Identifier);
    }

    public void Dispose() => _system.Dispose();
}

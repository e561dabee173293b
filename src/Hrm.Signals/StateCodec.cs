using MessagePack;
using MessagePack.Resolvers;

namespace Hrm.Signals;

/// <summary>Serializes analyzer and layer state for snapshots (private members included, exact doubles).</summary>
public static class StateCodec
{
    private static readonly MessagePackSerializerOptions Options =
        MessagePackSerializerOptions.Standard.WithResolver(StandardResolverAllowPrivate.Instance);

    public static byte[] Save<T>(T state) => MessagePackSerializer.Serialize(state, Options);

    public static T Load<T>(byte[] bytes) => MessagePackSerializer.Deserialize<T>(bytes, Options);
}

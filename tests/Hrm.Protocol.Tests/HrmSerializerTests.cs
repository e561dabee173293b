using Akka.Actor;
using Hrm.Protocol.Commands;
using Hrm.Protocol.Layers;
using Hrm.Protocol.Serialization;
using MessagePack;

namespace Hrm.Protocol.Tests;

public sealed class HrmSerializerTests : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("serializer-tests");
    private readonly HrmSerializer _serializer;

    public HrmSerializerTests() => _serializer = new HrmSerializer((ExtendedActorSystem)_system);

    public static TheoryData<IHrmMessage> Messages()
    {
        var data = new TheoryData<IHrmMessage>();
        foreach (var message in MessageSamples.All())
        {
            data.Add(message);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Every_message_round_trips_to_an_equal_value(IHrmMessage message)
    {
        var bytes = _serializer.ToBinary(message);
        var back = _serializer.FromBinary(bytes, _serializer.Manifest(message));

        Assert.IsType(message.GetType(), back);
        // Records compare arrays by reference, so compare the canonical (contractless JSON) rendering instead.
        Assert.Equal(Render(message), Render(back));
    }

    [Fact]
    public void Every_known_type_has_a_sample_and_a_unique_short_manifest()
    {
        var sampled = MessageSamples.All().Select(m => m.GetType()).ToHashSet();
        Assert.Equal(HrmSerializer.KnownTypes.OrderBy(t => t.Name), sampled.OrderBy(t => t.Name));
        var manifests = MessageSamples.All().Select(_serializer.Manifest).ToList();
        Assert.Equal(manifests.Count, manifests.Distinct().Count());
        Assert.All(manifests, m => Assert.InRange(m.Length, 2, 4));
    }

    [Fact]
    public void Messages_written_before_the_feature_fields_read_with_features_absent()
    {
        // The old layout ends before the appended key: LayerOutputs at 6.
        var outputs = (LayerOutputs)Read("lo", new object?[] { "BTCUSDT", 7L, 100.5, null, null, null, null });

        Assert.Null(outputs.Features);
        Assert.Equal(100.5, outputs.ReferencePrice);
    }

    private object Read(string manifest, object?[] fields) =>
        _serializer.FromBinary(MessagePackSerializer.Serialize(fields, MessagePackSerializerOptions.Standard), manifest);

    [Fact]
    public void An_unknown_manifest_is_a_clear_error()
    {
        var error = Assert.Throws<System.Runtime.Serialization.SerializationException>(() => _serializer.FromBinary([0x90], "zz"));
        Assert.Contains("zz", error.Message);
    }

    [Fact]
    public void A_type_without_a_manifest_is_refused()
    {
        Assert.Throws<ArgumentException>(() => _serializer.Manifest("not a message"));
    }

    private static string Render(object value) =>
        MessagePackSerializer.ConvertToJson(MessagePackSerializer.Serialize(value.GetType(), value, MessagePackSerializerOptions.Standard));

    public void Dispose() => _system.Dispose();
}

using Akka.Actor;
using Akka.Serialization;
using Hrm.Protocol.Commands;
using Hrm.Protocol.Layers;
using Hrm.Protocol.Market;
using MessagePack;

namespace Hrm.Protocol.Serialization;

/// <summary>
/// The one serializer for <see cref="IHrmMessage"/>: MessagePack contracts with short manifests that never change
/// (append new ones; never reuse or rename).
/// </summary>
public sealed class HrmSerializer : SerializerWithStringManifest
{
    public const int SerializerId = 5150;

    private static readonly MessagePackSerializerOptions Options =
        MessagePackSerializerOptions.Standard.WithSecurity(MessagePackSecurity.UntrustedData);

    private static readonly (Type Type, string Manifest)[] Contracts =
    [
        (typeof(DepthDiff), "md"),
        (typeof(DepthSnapshot), "ms"),
        (typeof(BookTicker), "mb"),
        (typeof(TradeTick), "mt"),
        (typeof(MarkPriceUpdate), "mm"),
        (typeof(Bar), "mr"),
        (typeof(FundingRate), "mf"),
        (typeof(L3Order), "ml"),
        (typeof(OnChainMetric), "mo"),
        (typeof(OptionQuote), "mq"),
        (typeof(MacroSignal), "sM"),
        (typeof(MesoSignal), "sm"),
        (typeof(MicroSignal), "su"),
        (typeof(AlphaSignal), "sa"),
        (typeof(MacroContext), "cM"),
        (typeof(MesoContext), "cm"),
        (typeof(MicroEvidence), "eu"),
        (typeof(MesoEvidence), "em"),
        (typeof(FeedBatch), "fb"),
        (typeof(FeedEnd), "fe"),
        (typeof(FeedAck), "fa"),
        (typeof(GetFeedOffset), "fo"),
        (typeof(GetSymbolStatus), "gs"),
        (typeof(SymbolStatus), "ss"),
        (typeof(SymbolSnapshot), "sn"),
        (typeof(LearnUntil), "lu"),
        (typeof(LayerOutputs), "lo"),
        (typeof(AttachFeed), "af"),
        (typeof(LeaderContext), "xc"),
        (typeof(GetLeaderContext), "xg"),
        (typeof(FollowLeader), "xf"),
        (typeof(GetSymbolState), "gS"),
        (typeof(SymbolState), "sS"),
        (typeof(RemoveSymbol), "rs"),
        (typeof(SymbolRemoved), "rS"),
        (typeof(AddSymbol), "as"),
        (typeof(SymbolAdded), "aS"),
    ];

    private static readonly Dictionary<Type, string> ManifestByType = Contracts.ToDictionary(c => c.Type, c => c.Manifest);
    private static readonly Dictionary<string, Type> TypeByManifest = Contracts.ToDictionary(c => c.Manifest, c => c.Type);

    public HrmSerializer(ExtendedActorSystem system) : base(system)
    {
    }

    public override int Identifier => SerializerId;

    /// <summary>Every concrete message type this serializer knows (for tests that round-trip them all).</summary>
    public static IReadOnlyCollection<Type> KnownTypes => ManifestByType.Keys;

    public override string Manifest(object o) =>
        ManifestByType.TryGetValue(o.GetType(), out var manifest)
            ? manifest
            : throw new ArgumentException($"{o.GetType()} has no HRM manifest; add it to {nameof(HrmSerializer)}.");

    public override byte[] ToBinary(object obj) =>
        MessagePackSerializer.Serialize(obj.GetType(), obj, Options);

    public override object FromBinary(byte[] bytes, string manifest) =>
        TypeByManifest.TryGetValue(manifest, out var type)
            ? MessagePackSerializer.Deserialize(type, bytes, Options)!
            : throw new System.Runtime.Serialization.SerializationException($"Unknown HRM manifest '{manifest}'.");
}

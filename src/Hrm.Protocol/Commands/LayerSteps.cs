using Hrm.Protocol.Layers;
using Hrm.Protocol.Market;
using MessagePack;

namespace Hrm.Protocol.Commands;

public enum LayerKind : byte
{
    Macro = 0,
    Meso = 1,
    Micro = 2,
}

/// <summary>
/// The symbol actor's order to one layer: first switch learning when <c>Learning</c> is set, then take the context and evidence (set only on the first step after a
/// decision tick closed), then apply the events, then answer with its output stamped <c>TsEvent</c> (the end of the
/// open decision tick), and its continuous features when <c>Features</c> is set. Every step is answered with
/// <see cref="LayerStepDone"/>, which keeps the three layers in lockstep so the same input yields the same signals
/// however messages interleave.
/// </summary>
[MessagePackObject]
public sealed record LayerStep(
    [property: Key(0)] string Symbol,
    [property: Key(1)] long StepId,
    [property: Key(2)] MarketEvent[] Events,
    [property: Key(3)] MacroContext? Macro,
    [property: Key(4)] MesoContext? Meso,
    [property: Key(5)] MicroEvidence? Micro,
    [property: Key(6)] MesoEvidence? MesoEvidence,
    [property: Key(7)] bool CaptureState,
    [property: Key(8)] long TsEvent,
    [property: Key(9)] bool? Learning = null,
    [property: Key(10)] bool Features = false) : IHrmMessage, IWithSymbol;

/// <summary>
/// A layer's answer: its current output (only its own field is set) and, when asked, its state and its features (its
/// own slice of the feature vector, in the order of <c>Hrm.Signals.Layers.FeatureSchema</c>; NaN = unavailable).
/// </summary>
[MessagePackObject]
public sealed record LayerStepDone(
    [property: Key(0)] string Symbol,
    [property: Key(1)] long StepId,
    [property: Key(2)] LayerKind Layer,
    [property: Key(3)] MacroSignal? Macro,
    [property: Key(4)] MesoSignal? Meso,
    [property: Key(5)] MicroEvidence? Micro,
    [property: Key(6)] byte[]? State,
    [property: Key(7)] double[]? Features = null) : IHrmMessage, IWithSymbol;

/// <summary>
/// What a symbol entity snapshots: every layer's state and the integrator's, with the feed offset they reflect, the
/// number of signals emitted so far and the entity's own feed (recovery from a snapshot skips the journaled
/// <see cref="AttachFeed"/>, so the spec travels here). Raw ticks are never journaled.
/// </summary>
[MessagePackObject]
public sealed record SymbolSnapshot(
    [property: Key(0)] long FeedOffset,
    [property: Key(1)] long SignalCount,
    [property: Key(2)] byte[] Macro,
    [property: Key(3)] byte[] Meso,
    [property: Key(4)] byte[] Micro,
    [property: Key(5)] byte[] Integrator,
    [property: Key(6)] FeedSpec? Feed = null) : IHrmMessage;

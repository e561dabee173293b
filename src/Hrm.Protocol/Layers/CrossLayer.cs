using MessagePack;

namespace Hrm.Protocol.Layers;

/// <summary>Top-down: the macro layer's current view, told to meso and micro when it changes.</summary>
[MessagePackObject]
public sealed record MacroContext(
    [property: Key(0)] string Symbol,
    [property: Key(1)] long TsEvent,
    [property: Key(2)] MacroSignal Signal) : IHrmMessage, IWithSymbol;

/// <summary>Top-down: the meso layer's current pattern, told to micro when it changes.</summary>
[MessagePackObject]
public sealed record MesoContext(
    [property: Key(0)] string Symbol,
    [property: Key(1)] long TsEvent,
    [property: Key(2)] MesoSignal Signal) : IHrmMessage, IWithSymbol;

/// <summary>
/// Bottom-up: what the micro layer saw during the last decision tick: its signals, the flow summary meso and macro
/// reason on, and whether the flow looked exhausted (aggression fading against the move).
/// </summary>
[MessagePackObject]
public sealed record MicroEvidence(
    [property: Key(0)] string Symbol,
    [property: Key(1)] long TsEvent,
    [property: Key(2)] MicroSignal[] Signals,
    [property: Key(3)] double AggressorRatio,
    [property: Key(4)] double OrderFlowImbalance,
    [property: Key(5)] bool Exhaustion) : IHrmMessage, IWithSymbol;

/// <summary>Bottom-up: the meso layer's pattern, told to macro.</summary>
[MessagePackObject]
public sealed record MesoEvidence(
    [property: Key(0)] string Symbol,
    [property: Key(1)] long TsEvent,
    [property: Key(2)] MesoSignal Signal) : IHrmMessage, IWithSymbol;

/// <summary>
/// What the three layers said when a decision tick closed (<see cref="TsEvent"/> = the tick's end) and the reference
/// price the integrator decided on, and the leader's macro view when the symbol follows one. Published by entities that are asked to (evaluation: layer-alone baselines and
/// per-layer metrics); a missing layer output is null. <see cref="Features"/> is every layer's continuous state as of
/// its last answer, in the order of <c>Hrm.Signals.Layers.FeatureSchema</c> (NaN = unavailable, or the layer has not
/// answered yet). A record holding arrays: compare instances by content, never with record equality.
/// </summary>
[MessagePackObject]
public sealed record LayerOutputs(
    [property: Key(0)] string Symbol,
    [property: Key(1)] long TsEvent,
    [property: Key(2)] double ReferencePrice,
    [property: Key(3)] MacroSignal? Macro,
    [property: Key(4)] MesoSignal? Meso,
    [property: Key(5)] MicroEvidence? Micro,
    [property: Key(6)] MacroSignal? Leader = null,
    [property: Key(7)] double[]? Features = null) : IHrmMessage, IWithSymbol;

/// <summary>A change of a leader symbol's macro view, stamped with the end of the decision tick it came from.</summary>
[MessagePackObject]
public sealed record LeaderMacro([property: Key(0)] long TsEvent, [property: Key(1)] MacroSignal Macro);

/// <summary>
/// Cross-asset context (the seed's "BTC patterns inform ALT movements"): a leader's macro changes and its
/// watermark, the event time up to which its view is final (every decision tick ending at or before it is closed;
/// <see cref="long.MaxValue"/> once its feed has ended or when it has none). <see cref="Changes"/> holds every change
/// stamped after <see cref="Since"/>, so a follower can tell a missed publication from an empty one. Published by
/// every entity on its context topic after each batch, and the reply to <see cref="GetLeaderContext"/>.
/// </summary>
[MessagePackObject]
public sealed record LeaderContext(
    [property: Key(0)] string Leader,
    [property: Key(1)] long Watermark,
    [property: Key(2)] long Since,
    [property: Key(3)] LeaderMacro[] Changes) : IHrmMessage;

/// <summary>Asks a leader entity for its macro changes after <see cref="Since"/> and its watermark.</summary>
[MessagePackObject]
public sealed record GetLeaderContext([property: Key(0)] string Symbol, [property: Key(1)] long Since) : IHrmMessage, IWithSymbol;

/// <summary>
/// Makes the entity follow a leader's macro context (journaled): its integrator adds the leader's trend to its prior,
/// and a decision tick ending at T closes only once the leader's watermark has reached T, so the leader's view at T
/// is known and the follower's signals do not depend on message timing. Acknowledged with <see cref="FeedAck"/>.
/// </summary>
[MessagePackObject]
public sealed record FollowLeader([property: Key(0)] string Symbol, [property: Key(1)] string Leader) : IHrmMessage, IWithSymbol;

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
/// price the integrator decided on. Published by entities that are asked to (evaluation: layer-alone baselines and
/// per-layer metrics); a missing layer output is null.
/// </summary>
[MessagePackObject]
public sealed record LayerOutputs(
    [property: Key(0)] string Symbol,
    [property: Key(1)] long TsEvent,
    [property: Key(2)] double ReferencePrice,
    [property: Key(3)] MacroSignal? Macro,
    [property: Key(4)] MesoSignal? Meso,
    [property: Key(5)] MicroEvidence? Micro) : IHrmMessage, IWithSymbol;

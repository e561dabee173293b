using MessagePack;

namespace Hrm.Protocol.Layers;

/// <summary>
/// The seed's MacroSignal: regime, strength in [0,1], drivers, risk budget, expected duration in hours. Equal when
/// every field is, the drivers compared element by element.
/// </summary>
[MessagePackObject]
public sealed record MacroSignal(
    [property: Key(0)] Regime Regime,
    [property: Key(1)] double Strength,
    [property: Key(2)] string[] Drivers,
    [property: Key(3)] double RiskBudget,
    [property: Key(4)] int TimeframeHours) : IHrmMessage
{
    public bool Equals(MacroSignal? other) =>
        other is not null && Regime == other.Regime && Strength.Equals(other.Strength) && RiskBudget.Equals(other.RiskBudget) &&
        TimeframeHours == other.TimeframeHours && Drivers.AsSpan().SequenceEqual(other.Drivers);

    public override int GetHashCode() => HashCode.Combine(Regime, Strength, RiskBudget, TimeframeHours, Drivers.Length);
}

/// <summary>A price level a pattern refers to (entry zone bound, invalidation).</summary>
[MessagePackObject]
public readonly record struct PatternLevel([property: Key(0)] double Price, [property: Key(1)] string Label);

/// <summary>
/// The seed's MesoSignal: pattern, completion and probability in [0,1], entry zones, invalidation, child micro
/// signals. <see cref="Direction"/> (-1, 0, 1) is ours: the direction the pattern implies, needed by the seed's
/// consistency rule. Equal when every field is, the zones and child signals compared element by element.
/// </summary>
[MessagePackObject]
public sealed record MesoSignal(
    [property: Key(0)] string Pattern,
    [property: Key(1)] double Completion,
    [property: Key(2)] double Probability,
    [property: Key(3)] PatternLevel[] EntryZones,
    [property: Key(4)] PatternLevel Invalidation,
    [property: Key(5)] MicroSignal[] ChildSignals,
    [property: Key(6)] int Direction) : IHrmMessage
{
    public bool Equals(MesoSignal? other) =>
        other is not null && Pattern == other.Pattern && Completion.Equals(other.Completion) && Probability.Equals(other.Probability) &&
        Invalidation == other.Invalidation && Direction == other.Direction && EntryZones.AsSpan().SequenceEqual(other.EntryZones) &&
        ChildSignals.AsSpan().SequenceEqual(other.ChildSignals);

    public override int GetHashCode() => HashCode.Combine(Pattern, Completion, Probability, Invalidation, Direction, EntryZones.Length, ChildSignals.Length);
}

/// <summary>
/// The seed's MicroSignal: type, direction (-1, 0, 1), magnitude in [0,1], duration in seconds, confidence after
/// macro/meso alignment, execution edge in basis points. <see cref="Name"/> says which analyzer produced it.
/// </summary>
[MessagePackObject]
public sealed record MicroSignal(
    [property: Key(0)] MicroSignalType Type,
    [property: Key(1)] int Direction,
    [property: Key(2)] double Magnitude,
    [property: Key(3)] int DurationSeconds,
    [property: Key(4)] double Confidence,
    [property: Key(5)] double ExecutionEdgeBps,
    [property: Key(6)] string Name) : IHrmMessage;

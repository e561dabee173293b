using System.Text.Json.Serialization;

namespace Hrm.Protocol.Api;

/// <summary>
/// The body of <c>POST /symbols</c>. Only <see cref="Symbol"/> is required; what is left out is left out of the JSON,
/// so the node's defaults apply. With <see cref="Live"/> the symbol is fed by the exchanges' live streams on
/// <see cref="Venues"/> (<c>spot</c>, <c>usdm</c>, <c>coinm</c>; default all three) instead of recorded data.
/// </summary>
public sealed record AddSymbolRequest(
    string? Symbol,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Source = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Data = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? History = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? WarmupDays = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Leader = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Live = false,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string[]? Venues = null);

/// <summary>One entry of <c>GET /symbols</c>.</summary>
public sealed record SymbolSummary(string Symbol, string Node, long FeedOffset, long SignalCount, bool FeedEnded, string? LastEventTime);

/// <summary>
/// A symbol's state (<c>GET /symbols/{symbol}</c>, and the answer to <c>POST /symbols</c>): where it runs, its feed, how
/// far the feed is, and the layers' view at the last decision tick (null where a layer has none).
/// </summary>
public sealed record SymbolView(
    string Symbol,
    string Node,
    bool Attached,
    FeedView? Feed,
    string? Leader,
    long FeedOffset,
    long SignalCount,
    string? LastEventTime,
    bool FeedEnded,
    RegimeView? Regime,
    PatternView? Pattern,
    MicroView[]? Micro,
    MicroFlowView? MicroFlow,
    SignalRow? LastSignal,
    GapView[]? Gaps = null,
    long GapCount = 0);

/// <summary>A window a live feed could not see: from its newest event before to the first after, and why.</summary>
public sealed record GapView(string? From, string To, long Offset, string Reason);

/// <summary>
/// Where a symbol's market data comes from; <see cref="CandlesFrom"/>/<see cref="CandlesTo"/> for a candle feed,
/// <see cref="LiveVenues"/> for a live one.
/// </summary>
public sealed record FeedView(
    string Source, string Data, string? History, int WarmupDays, int BatchSize, string? CandlesFrom, string? CandlesTo,
    string[]? LiveVenues = null);

/// <summary>The macro layer's regime.</summary>
public sealed record RegimeView(string Name, double Strength, string[] Drivers, double RiskBudget, int TimeframeHours);

/// <summary>The meso layer's active pattern; <see cref="Direction"/> is -1, 0 or 1.</summary>
public sealed record PatternView(string Name, int Direction, double Probability, double Completion, LevelView Invalidation, LevelView[] EntryZones);

/// <summary>A price level a pattern refers to.</summary>
public sealed record LevelView(double Price, string Label);

/// <summary>One micro signal of the last decision tick.</summary>
public sealed record MicroView(
    string Name, string Type, int Direction, double Magnitude, double Confidence, int DurationSeconds, double ExecutionEdgeBps);

/// <summary>The last decision tick's order-flow summary.</summary>
public sealed record MicroFlowView(string? Time, double AggressorRatio, double OrderFlowImbalance, bool Exhaustion);

using Hrm.Protocol.Market;
using MessagePack;

namespace Hrm.Protocol.Commands;

/// <summary>
/// A run of one symbol's events in event-time order. <see cref="Offset"/> is the index of the first event in that
/// symbol's feed, so a recovered entity can tell the feed where to resume and drop what it has already applied.
/// <see cref="GapBefore"/> is set by a live feed when it could not see the market before this batch (it started on a
/// node after a failover, its connection dropped, a book's update ids broke): the entity journals the gap.
/// </summary>
[MessagePackObject]
public sealed record FeedBatch(
    [property: Key(0)] string Symbol,
    [property: Key(1)] long Offset,
    [property: Key(2)] MarketEvent[] Events,
    [property: Key(3)] string? GapBefore = null) : IHrmMessage, IWithSymbol;

/// <summary>
/// A window of market data a live entity never saw, as journaled: from its newest event before the gap
/// (<see cref="FromTsEvent"/>, 0 when it had none) to the first event after it (<see cref="ToTsEvent"/>), at feed
/// offset <see cref="Offset"/>, and why.
/// </summary>
[MessagePackObject]
public sealed record FeedGap(
    [property: Key(0)] string Symbol,
    [property: Key(1)] long FromTsEvent,
    [property: Key(2)] long ToTsEvent,
    [property: Key(3)] long Offset,
    [property: Key(4)] string Reason) : IHrmMessage, IWithSymbol;

/// <summary>The feed has no more events for the symbol: close the open decision tick.</summary>
[MessagePackObject]
public sealed record FeedEnd([property: Key(0)] string Symbol, [property: Key(1)] long Offset) : IHrmMessage, IWithSymbol;

/// <summary>Reply to <see cref="FeedBatch"/> and <see cref="FeedEnd"/> once applied and journaled.</summary>
[MessagePackObject]
public sealed record FeedAck([property: Key(0)] string Symbol, [property: Key(1)] long NextOffset) : IHrmMessage, IWithSymbol;

/// <summary>Asks the entity which feed offset it has applied up to (the feed resumes there).</summary>
[MessagePackObject]
public sealed record GetFeedOffset([property: Key(0)] string Symbol) : IHrmMessage, IWithSymbol;

/// <summary>Asks the entity for its emitted-signal count and offset (status, tests).</summary>
[MessagePackObject]
public sealed record GetSymbolStatus([property: Key(0)] string Symbol) : IHrmMessage, IWithSymbol;

/// <summary>
/// Where an entity stands: its feed offset, signals emitted, the newest event time, the node hosting it, and whether
/// its feed has ended (the last decision tick closed).
/// </summary>
[MessagePackObject]
public sealed record SymbolStatus(
    [property: Key(0)] string Symbol,
    [property: Key(1)] long FeedOffset,
    [property: Key(2)] long SignalCount,
    [property: Key(3)] long LastTsEvent,
    [property: Key(4)] string Node = "",
    [property: Key(5)] bool FeedEnded = false) : IHrmMessage, IWithSymbol;

/// <summary>
/// Where an entity's market data comes from: the recorded captures under <see cref="DataDirectory"/> (and candle
/// history under <see cref="HistoryDirectory"/> for <see cref="WarmupDays"/> before the first tick) of
/// <see cref="SourceSymbol"/>, replayed as the entity's own feed. With <see cref="CandlesFrom"/> and
/// <see cref="CandlesTo"/> (Unix ns) the directory holds candle and funding CSVs instead, replayed over that span.
/// With <see cref="LiveVenues"/> the feed is the exchanges' live streams of <see cref="SourceSymbol"/> on those venues
/// (the node's connector settings say where they are) and <see cref="DataDirectory"/> is empty.
/// Paths must be readable on every node.
/// </summary>
[MessagePackObject]
public sealed record FeedSpec(
    [property: Key(0)] string SourceSymbol,
    [property: Key(1)] string DataDirectory,
    [property: Key(2)] string? HistoryDirectory = null,
    [property: Key(3)] int WarmupDays = 120,
    [property: Key(4)] int BatchSize = 4096,
    [property: Key(5)] long? CandlesFrom = null,
    [property: Key(6)] long? CandlesTo = null,
    [property: Key(7)] Venue[]? LiveVenues = null)
{
    [IgnoreMember] public bool IsLive => LiveVenues is { Length: > 0 };

    /// <summary>A live feed of <paramref name="sourceSymbol"/> on <paramref name="venues"/>.</summary>
    public static FeedSpec Live(string sourceSymbol, IEnumerable<Venue> venues, int batchSize = 256) =>
        new(sourceSymbol, "", BatchSize: batchSize, LiveVenues: [.. venues]);
}

/// <summary>
/// The entity's feed, as journaled when <see cref="AddSymbol"/> is accepted: wherever the entity comes back (restart,
/// failover, hand-off) it starts the feed again from its stored offset.
/// </summary>
[MessagePackObject]
public sealed record AttachFeed([property: Key(0)] string Symbol, [property: Key(1)] FeedSpec Spec) : IHrmMessage, IWithSymbol;

/// <summary>
/// Everything the entity learns from outcomes (pattern probabilities, flow hit rates, regime-model refits) is updated
/// only from events stamped before <see cref="TsEvent"/>; from the first event at or after it, learning is frozen and
/// only inference runs (a walk-forward test window). Journaled by the entity, so a recovered entity freezes at the same
/// event. Acknowledged with <see cref="FeedAck"/>.
/// </summary>
[MessagePackObject]
public sealed record LearnUntil([property: Key(0)] string Symbol, [property: Key(1)] long TsEvent) : IHrmMessage, IWithSymbol;

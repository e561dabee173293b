using Hrm.MarketData.Replay;
using Hrm.Protocol.Commands;
using Hrm.Protocol.Market;

namespace Hrm.Actors.Feed;

/// <summary>
/// The events of one entity's feed: the spec's captures (and candle history) for its source symbol, in the backtest's
/// event-time order, under the entity's name. The same spec always gives the same sequence, so an offset into it
/// names the same event on every node and after every restart.
/// </summary>
public static class FeedSource
{
    public static IEnumerable<MarketEvent> Open(FeedSpec spec, string entity)
    {
        var events = spec is { CandlesFrom: { } start, CandlesTo: { } end }
            ? RecordedSources.OpenHistory(spec.DataDirectory, [spec.SourceSymbol], start, end).Events
            : RecordedSources.Open(new RecordedInput(spec.DataDirectory, spec.HistoryDirectory, TimeSpan.FromDays(spec.WarmupDays), [spec.SourceSymbol])).Events;
        return events.Select(e => e.Symbol == entity ? e : e with { Symbol = entity });
    }

    /// <summary>
    /// The feed cut into batches from <paramref name="resumeAt"/> on, each stamped with the offset of its first event,
    /// then the end of the feed at the total count.
    /// </summary>
    public static IEnumerable<IFeedItem> Batches(IEnumerable<MarketEvent> events, string entity, long resumeAt, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var cursor = new FeedCursor(entity, resumeAt);
        foreach (var e in events)
        {
            if (cursor.Accept(e) && cursor.Pending == batchSize)
            {
                yield return new IFeedItem.Batch(cursor.TakeBatch()!);
            }
        }

        if (cursor.TakeBatch() is { } last)
        {
            yield return new IFeedItem.Batch(last);
        }

        yield return new IFeedItem.End(cursor.End());
    }
}

/// <summary>What an entity feed sends next: a batch of events or the end of the feed.</summary>
public interface IFeedItem
{
    /// <summary>The offset the entity must acknowledge after this item.</summary>
    long ExpectedAck { get; }

    object Message { get; }

    public sealed record Batch(FeedBatch Value) : IFeedItem
    {
        public long ExpectedAck => Value.Offset + Value.Events.Length;

        public object Message => Value;
    }

    public sealed record End(FeedEnd Value) : IFeedItem
    {
        public long ExpectedAck => Value.Offset;

        public object Message => Value;
    }
}

using Hrm.Protocol.Commands;
using Hrm.Protocol.Market;

namespace Hrm.Actors.Feed;

/// <summary>
/// One entity's place in its feed, for every feed (a backtest's replay, an entity's own recorded feed): numbers the
/// entity's events from 0, keeps those it has not applied yet (from <paramref name="resumeAt"/> on), and cuts them into
/// batches stamped with the offset of their first event. <see cref="Verify"/> holds the entity to the offset the feed
/// expects after each item.
/// </summary>
public sealed class FeedCursor(string entity, long resumeAt)
{
    private readonly List<MarketEvent> _pending = [];

    /// <summary>The offset the entity's next event gets.</summary>
    public long NextIndex { get; private set; }

    /// <summary>
    /// A live feed's cursor: the market cannot be replayed, so numbering continues at the entity's offset
    /// <paramref name="offset"/> and nothing is skipped.
    /// </summary>
    public static FeedCursor ContinuingAt(string entity, long offset) => new(entity, offset) { NextIndex = offset };

    /// <summary>Events kept and not yet cut into a batch.</summary>
    public int Pending => _pending.Count;

    /// <summary>Numbers the event and keeps it unless the entity has already applied it.</summary>
    public bool Accept(MarketEvent marketEvent)
    {
        if (NextIndex++ < resumeAt)
        {
            return false;
        }

        _pending.Add(marketEvent);
        return true;
    }

    /// <summary>The kept events as one batch (null when none are kept); <paramref name="gapBefore"/> marks a live feed's gap.</summary>
    public FeedBatch? TakeBatch(string? gapBefore = null)
    {
        if (_pending.Count == 0)
        {
            return null;
        }

        var batch = new FeedBatch(entity, NextIndex - _pending.Count, [.. _pending], gapBefore);
        _pending.Clear();
        return batch;
    }

    /// <summary>The end of the feed, at the count of every event numbered.</summary>
    public FeedEnd End() => new(entity, NextIndex);

    /// <summary>Throws when the entity acknowledged another offset than <paramref name="expected"/>: the feed and the entity disagree.</summary>
    public static void Verify(FeedAck ack, long expected)
    {
        if (ack.NextOffset != expected)
        {
            throw new InvalidOperationException($"{ack.Symbol}: the entity acknowledged offset {ack.NextOffset}, the feed expected {expected}.");
        }
    }
}

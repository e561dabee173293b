using Hrm.Protocol.Commands;

namespace Hrm.Actors.Feed;

/// <summary>
/// Cuts a live feed's events into batches numbered on from the entity's offset: a group of events that arrived
/// together becomes one batch, split where a gap comes before an event so each gap heads its own batch.
/// </summary>
public sealed class LiveBatches(string entity, long offset)
{
    private readonly FeedCursor _cursor = FeedCursor.ContinuingAt(entity, offset);

    public List<FeedBatch> Cut(IEnumerable<LiveFeedItem> group)
    {
        var batches = new List<FeedBatch>();
        string? gap = null;
        foreach (var item in group)
        {
            if (item.GapBefore is not null && _cursor.TakeBatch(gap) is { } before)
            {
                batches.Add(before);
            }

            if (item.GapBefore is not null || _cursor.Pending == 0)
            {
                gap = item.GapBefore;
            }

            _cursor.Accept(item.Event);
        }

        if (_cursor.TakeBatch(gap) is { } last)
        {
            batches.Add(last);
        }

        return batches;
    }
}

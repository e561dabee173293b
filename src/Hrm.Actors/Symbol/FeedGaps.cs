using Hrm.Protocol.Commands;

namespace Hrm.Actors.Symbol;

/// <summary>The live-feed gaps an entity has journaled: every one counted, the newest <see cref="SymbolState.MaxGapsShown"/> kept.</summary>
public sealed class FeedGaps
{
    private readonly Queue<FeedGap> _newest = new();

    public long Count { get; private set; }

    public FeedGap[] Newest => [.. _newest];

    public void Add(FeedGap gap)
    {
        Count++;
        _newest.Enqueue(gap);
        if (_newest.Count > SymbolState.MaxGapsShown)
        {
            _newest.Dequeue();
        }
    }

    /// <summary>Back to what a snapshot held (the gaps journaled after it are replayed on top).</summary>
    public void Restore(FeedGap[]? newest, long count)
    {
        _newest.Clear();
        foreach (var gap in newest ?? [])
        {
            _newest.Enqueue(gap);
        }

        Count = count;
    }
}

namespace Hrm.MarketData.Deribit;

/// <summary>How a book message relates to the book it is offered to.</summary>
public enum DeribitChain
{
    /// <summary>A snapshot, or a change whose <c>prev_change_id</c> is the book's <c>change_id</c>.</summary>
    Continues,

    /// <summary>Already applied (its <c>change_id</c> is not after the book's): a repeat, dropped without harm.</summary>
    Stale,

    /// <summary>A change that skips ahead: some change in between is missing.</summary>
    Broken,

    /// <summary>A change offered to a book that has no snapshot yet.</summary>
    Unsynced,
}

/// <summary>
/// One instrument's order book from <c>book.*.raw</c>: a snapshot, then changes chained by <c>change_id</c>. Levels are
/// kept by price; a delete (or a zero amount) removes the level.
/// </summary>
public sealed class DeribitBook
{
    private readonly SortedDictionary<double, double> _bids = new(Comparer<double>.Create((a, b) => b.CompareTo(a)));
    private readonly SortedDictionary<double, double> _asks = new();

    /// <summary>The last applied <c>change_id</c>; null before the first snapshot.</summary>
    public long? ChangeId { get; private set; }

    /// <summary>Bids, best (highest) first.</summary>
    public IReadOnlyDictionary<double, double> Bids => _bids;

    /// <summary>Asks, best (lowest) first.</summary>
    public IReadOnlyDictionary<double, double> Asks => _asks;

    /// <summary>How <paramref name="update"/> relates to this book (pure: the book is not changed).</summary>
    public DeribitChain Check(DeribitBookUpdate update)
    {
        if (update.IsSnapshot) return update.ChangeId == ChangeId ? DeribitChain.Stale : DeribitChain.Continues;
        if (ChangeId is not { } last) return DeribitChain.Unsynced;
        if (update.ChangeId <= last) return DeribitChain.Stale;
        return update.PrevChangeId == last ? DeribitChain.Continues : DeribitChain.Broken;
    }

    /// <summary>Applies a snapshot (replacing the book) or a change; the caller has checked it continues the chain.</summary>
    public void Apply(DeribitBookUpdate update)
    {
        if (update.IsSnapshot)
        {
            _bids.Clear();
            _asks.Clear();
        }

        Apply(_bids, update.Bids);
        Apply(_asks, update.Asks);
        ChangeId = update.ChangeId;
    }

    /// <summary>Forgets everything: the book waits for a snapshot.</summary>
    public void Clear()
    {
        _bids.Clear();
        _asks.Clear();
        ChangeId = null;
    }

    private static void Apply(SortedDictionary<double, double> side, DeribitLevel[] levels)
    {
        foreach (var level in levels)
        {
            if (level.Action == DeribitLevelAction.Delete || level.Amount == 0) side.Remove(level.Price);
            else side[level.Price] = level.Amount;
        }
    }
}

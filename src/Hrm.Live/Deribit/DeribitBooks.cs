using Hrm.MarketData.Deribit;
using Hrm.Protocol.Market;

namespace Hrm.Live.Deribit;

/// <summary>
/// The books of one connection and what each book message means for them (no I/O): an update that continues a book is
/// applied and passed on; a break forgets that book alone, reports the gap and asks for its channel to be
/// resubscribed (the fresh subscription sends a snapshot, which syncs it again); stale repeats and changes offered to a
/// book waiting for its snapshot are dropped.
/// </summary>
public sealed class DeribitBooks(int connection)
{
    private readonly Dictionary<string, DeribitBook> _books = new(StringComparer.Ordinal);
    private readonly HashSet<string> _resyncing = new(StringComparer.Ordinal);

    /// <summary>The notices of one book message; <paramref name="resubscribe"/> is the instrument whose book must be resubscribed.</summary>
    public IReadOnlyList<LiveNotice> Apply(DeribitBookUpdate update, long receiveNanos, out string? resubscribe)
    {
        resubscribe = null;
        if (!_books.TryGetValue(update.Instrument, out var book)) _books[update.Instrument] = book = new DeribitBook();
        switch (book.Check(update))
        {
            case DeribitChain.Continues:
                book.Apply(update);
                var applied = new DeribitBookApplied(receiveNanos, update);
                if (!update.IsSnapshot) return [applied];
                var resync = _resyncing.Remove(update.Instrument) || connection > 1;
                return [new BookSynced(receiveNanos, Venue.Deribit, update.Instrument, update.ChangeId, resync), applied];
            case DeribitChain.Broken:
                var gap = new BookGap(receiveNanos, Venue.Deribit, update.Instrument, book.ChangeId!.Value, update.PrevChangeId!.Value);
                book.Clear();
                _resyncing.Add(update.Instrument);
                resubscribe = update.Instrument;
                return [gap];
            default:
                return [];
        }
    }
}

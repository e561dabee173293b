using Hrm.Protocol.Market;

namespace Hrm.Signals.Book;

/// <summary>
/// Checks a capture's rebuilt book against the exchange's own bookTicker stream: after each depth update applied to a
/// valid book (final id u), the book's best bid and ask (price and size) must equal those of the latest bookTicker
/// with id ≤ u. Tickers are matched by id, not by arrival order, because the two streams arrive interleaved.
/// </summary>
public static class BookTickerAgreement
{
    private const int MismatchSamples = 20;

    public static BookAgreementReport Check(string name, Venue venue, IEnumerable<MarketEvent> events)
    {
        var tickers = new List<BookTicker>();
        var depth = new List<MarketEvent>();
        foreach (var e in events)
        {
            if (e is BookTicker ticker) tickers.Add(ticker);
            else if (e is DepthDiff or DepthSnapshot) depth.Add(e);
        }

        // Stable: among equal ids the later arrival wins.
        var ordered = tickers.Select((t, i) => (t, i)).OrderBy(x => x.t.UpdateId).ThenBy(x => x.i).Select(x => x.t).ToArray();
        var ids = ordered.Select(t => t.UpdateId).ToArray();

        var sync = new BookSynchronizer(venue);
        long snapshots = 0, compared = 0, agreed = 0, noTicker = 0;
        var samples = new List<BookMismatch>();
        foreach (var e in depth)
        {
            if (e is DepthSnapshot) snapshots++;
            var result = sync.Apply(e);
            if (result is not (BookSyncResult.Applied or BookSyncResult.Synced) || !sync.IsValid) continue;

            var u = sync.LastUpdateId;
            var index = LatestAtOrBefore(ids, u);
            if (index < 0)
            {
                noTicker++;
                continue;
            }

            compared++;
            var t = ordered[index];
            var bid = sync.Book.BestBid;
            var ask = sync.Book.BestAsk;
            if (bid == new PriceLevel(t.BidPrice, t.BidQty) && ask == new PriceLevel(t.AskPrice, t.AskQty))
            {
                agreed++;
            }
            else if (samples.Count < MismatchSamples)
            {
                samples.Add(new BookMismatch(u, t.UpdateId, bid, ask, new PriceLevel(t.BidPrice, t.BidQty),
                    new PriceLevel(t.AskPrice, t.AskQty)));
            }
        }

        return new BookAgreementReport(name, snapshots > 0, snapshots, compared, agreed, noTicker, sync.Gaps,
            sync.Resyncs, sync.DroppedStale, samples);
    }

    private static int LatestAtOrBefore(long[] ids, long u)
    {
        var i = Array.BinarySearch(ids, u);
        if (i < 0) return ~i - 1;
        while (i + 1 < ids.Length && ids[i + 1] == u) i++;
        return i;
    }
}

/// <summary>One disagreement: the book after update <paramref name="UpdateId"/> vs. ticker <paramref name="TickerId"/>.</summary>
public sealed record BookMismatch(long UpdateId, long TickerId, PriceLevel BookBid, PriceLevel BookAsk, PriceLevel TickerBid,
    PriceLevel TickerAsk);

/// <summary>Per-capture result of <see cref="BookTickerAgreement.Check"/>; unsyncable when no snapshot was recorded.</summary>
public sealed record BookAgreementReport(string Capture, bool Syncable, long Snapshots, long Compared, long Agreed,
    long NoTickerYet, long Gaps, long Resyncs, long DroppedStale, IReadOnlyList<BookMismatch> Mismatches)
{
    public double AgreementPercent => Compared == 0 ? double.NaN : 100.0 * Agreed / Compared;
}

using Hrm.MarketData.Binance;
using Hrm.Protocol.Market;
using Hrm.Signals.Book;

namespace Hrm.Signals.Tests.Book;

/// <summary>A real futures stream with one real diff removed: the pu chain breaks and the book must not be trusted.</summary>
public class FuturesGapTests
{
    private static readonly List<MarketEvent> Depth = new BinanceCaptureReader(
            CaptureCatalog.Discover(Hrm.Testing.SharedData.Micro).Single(c => c.Name == "2024-08-09_window/usdm_btcusdt"))
        .Where(e => e is DepthDiff or DepthSnapshot).ToList();

    [Fact]
    public void Dropped_diff_invalidates_the_book_until_a_later_snapshot()
    {
        // Sync on the intact stream to find the 200th applied diff, then replay without it.
        var intact = new BookSynchronizer(Venue.BinanceUsdm);
        var applied = 0;
        var removeAt = -1;
        for (var i = 0; i < Depth.Count && removeAt < 0; i++)
        {
            if (intact.Apply(Depth[i]) == BookSyncResult.Applied && ++applied == 200) removeAt = i + 1;
        }

        Assert.IsType<DepthDiff>(Depth[removeAt]);
        var broken = Depth.Where((_, i) => i != removeAt).ToList();

        var sync = new BookSynchronizer(Venue.BinanceUsdm);
        var results = broken.Select(sync.Apply).ToList();
        Assert.Equal(BookSyncResult.Gap, results[removeAt]);
        Assert.Equal(1, sync.Gaps);
        Assert.False(sync.IsValid);
        Assert.Equal(0, sync.Book.BidLevels + sync.Book.AskLevels);
        Assert.All(results.Skip(removeAt + 1), r => Assert.Equal(BookSyncResult.Buffered, r));

        // The capture's own snapshot is older than the buffered diffs: it cannot bridge them, so no resync.
        var oldSnapshot = Depth.OfType<DepthSnapshot>().Single();
        Assert.Equal(BookSyncResult.Gap, sync.Apply(oldSnapshot));
        Assert.False(sync.IsValid);
        Assert.Equal(0, sync.Resyncs);

        // A later snapshot (the real book as of a diff after the gap, from the intact replay) resyncs it.
        var reference = new BookSynchronizer(Venue.BinanceUsdm);
        var stopAt = removeAt + 500;
        for (var i = 0; i <= stopAt; i++) reference.Apply(Depth[i]);
        var later = new DepthSnapshot
        {
            Symbol = "BTCUSDT",
            Venue = Venue.BinanceUsdm,
            TsEvent = Depth[stopAt].TsEvent,
            TsInit = Depth[stopAt].TsInit,
            LastUpdateId = reference.LastUpdateId,
            Bids = Enumerable.Range(0, reference.Book.BidLevels).Select(reference.Book.Bid).ToArray(),
            Asks = Enumerable.Range(0, reference.Book.AskLevels).Select(reference.Book.Ask).ToArray(),
        };
        Assert.Equal(BookSyncResult.Synced, sync.Apply(later));
        Assert.True(sync.IsValid);
        Assert.Equal(1, sync.Resyncs);

        // Both books now agree to the end of the capture.
        for (var i = stopAt + 1; i < Depth.Count; i++) reference.Apply(Depth[i]);
        Assert.Equal(reference.LastUpdateId, sync.LastUpdateId);
        Assert.Equal(reference.Book.BidLevels, sync.Book.BidLevels);
        Assert.Equal(reference.Book.BestBid, sync.Book.BestBid);
        Assert.Equal(reference.Book.BestAsk, sync.Book.BestAsk);
        Assert.Equal(reference.Book.BidDepth(1000), sync.Book.BidDepth(1000));
    }
}

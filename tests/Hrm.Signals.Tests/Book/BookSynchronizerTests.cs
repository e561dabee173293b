using Hrm.Protocol.Market;
using Hrm.Signals;
using Hrm.Signals.Book;

namespace Hrm.Signals.Tests.Book;

/// <summary>Id-chain rules on hand-built ids; the real-data behaviour is in <c>BookAgreementTests</c>.</summary>
public class BookSynchronizerTests
{
    private static DepthDiff Diff(Venue venue, long first, long last, long prev, long bidPrice = 100) => new()
    {
        Symbol = "BTCUSDT",
        Venue = venue,
        TsEvent = 0,
        TsInit = 0,
        FirstUpdateId = first,
        FinalUpdateId = last,
        PrevFinalUpdateId = prev,
        Bids = [new PriceLevel(bidPrice, last)],
        Asks = [],
    };

    private static DepthSnapshot Snapshot(Venue venue, long id) => new()
    {
        Symbol = "BTCUSDT",
        Venue = venue,
        TsEvent = 0,
        TsInit = 0,
        LastUpdateId = id,
        Bids = [new PriceLevel(90, 1)],
        Asks = [new PriceLevel(110, 1)],
    };

    [Fact]
    public void Spot_buffers_until_snapshot_then_drops_stale_and_bridges()
    {
        var sync = new BookSynchronizer(Venue.BinanceSpot);
        Assert.Equal(BookSyncResult.Buffered, sync.Apply(Diff(Venue.BinanceSpot, 1, 5, -1)));
        Assert.Equal(BookSyncResult.Buffered, sync.Apply(Diff(Venue.BinanceSpot, 6, 12, -1)));
        Assert.False(sync.IsValid);
        Assert.Equal(BookSyncResult.Synced, sync.Apply(Snapshot(Venue.BinanceSpot, 8)));
        Assert.True(sync.IsValid);
        Assert.Equal(12, sync.LastUpdateId);
        Assert.Equal(1, sync.DroppedStale);
        Assert.Equal(BookSyncResult.Applied, sync.Apply(Diff(Venue.BinanceSpot, 13, 14, -1)));
        Assert.Equal(BookSyncResult.Dropped, sync.Apply(Diff(Venue.BinanceSpot, 13, 14, -1)));
        Assert.Equal(BookSyncResult.Ignored, sync.Apply(new FundingRate { Symbol = "BTCUSDT", Venue = Venue.BinanceSpot, TsEvent = 0, TsInit = 0, Rate = 0 }));
    }

    [Fact]
    public void Spot_gap_clears_the_book_until_a_newer_snapshot()
    {
        var sync = new BookSynchronizer(Venue.BinanceSpot);
        sync.Apply(Snapshot(Venue.BinanceSpot, 10));
        Assert.Equal(BookSyncResult.Applied, sync.Apply(Diff(Venue.BinanceSpot, 9, 11, -1)));
        Assert.Equal(BookSyncResult.Gap, sync.Apply(Diff(Venue.BinanceSpot, 13, 14, -1)));
        Assert.False(sync.IsValid);
        Assert.Equal(0, sync.Book.BidLevels);
        Assert.Equal(BookSyncResult.Buffered, sync.Apply(Diff(Venue.BinanceSpot, 15, 16, -1)));
        Assert.Equal(BookSyncResult.Synced, sync.Apply(Snapshot(Venue.BinanceSpot, 14)));
        Assert.Equal(16, sync.LastUpdateId);
        Assert.Equal(1, sync.Gaps);
        Assert.Equal(1, sync.Resyncs);
    }

    [Fact]
    public void A_book_the_live_feed_lost_is_invalid_until_any_next_snapshot_and_micro_reads_nothing_from_it()
    {
        var venue = new Hrm.Signals.Micro.VenueMicroState(Venue.BinanceUsdm);
        venue.Apply(Snapshot(Venue.BinanceUsdm, 100));
        Assert.True(venue.Sync.IsValid);

        venue.Apply(new BookInvalidated { Symbol = "BTCUSDT", Venue = Venue.BinanceUsdm, TsEvent = 5, TsInit = 5, Reason = "connection closed" });

        Assert.False(venue.Sync.IsValid);
        Assert.Equal(0, venue.Sync.Book.BidLevels);
        Assert.Equal(1, venue.Sync.Gaps);
        Assert.Equal(BookSyncResult.Buffered, venue.Sync.Apply(Diff(Venue.BinanceUsdm, 90, 95, 89)));

        // The new connection's snapshot may be at any id (a fresh connection is a fresh chain).
        Assert.Equal(BookSyncResult.Synced, venue.Sync.Apply(Snapshot(Venue.BinanceUsdm, 93)));
        Assert.Equal(95, venue.Sync.LastUpdateId);
        Assert.Equal(1, venue.Sync.Resyncs);
    }

    [Fact]
    public void Spot_first_diff_that_skips_past_the_snapshot_is_a_gap()
    {
        var sync = new BookSynchronizer(Venue.BinanceSpot);
        sync.Apply(Snapshot(Venue.BinanceSpot, 10));
        Assert.Equal(BookSyncResult.Gap, sync.Apply(Diff(Venue.BinanceSpot, 12, 13, -1)));
    }

    [Fact]
    public void Futures_bridge_may_end_at_the_snapshot_id_and_then_chains_on_pu()
    {
        var sync = new BookSynchronizer(Venue.BinanceUsdm);
        sync.Apply(Snapshot(Venue.BinanceUsdm, 10));
        Assert.Equal(BookSyncResult.Dropped, sync.Apply(Diff(Venue.BinanceUsdm, 5, 9, 4)));
        Assert.Equal(BookSyncResult.Applied, sync.Apply(Diff(Venue.BinanceUsdm, 8, 10, 7)));
        Assert.Equal(BookSyncResult.Applied, sync.Apply(Diff(Venue.BinanceUsdm, 15, 20, 10)));
        Assert.Equal(BookSyncResult.Gap, sync.Apply(Diff(Venue.BinanceUsdm, 30, 40, 25)));
        Assert.False(sync.IsValid);
    }

    [Fact]
    public void Buffer_is_bounded_and_counts_overflow()
    {
        var sync = new BookSynchronizer(Venue.BinanceSpot);
        for (var i = 0; i < BookSynchronizer.MaxBuffered + 3; i++) sync.Apply(Diff(Venue.BinanceSpot, i, i, -1));
        Assert.Equal(BookSynchronizer.MaxBuffered, sync.Buffered);
        Assert.Equal(3, sync.BufferOverflows);
    }

    [Fact]
    public void State_round_trips_mid_stream()
    {
        var sync = new BookSynchronizer(Venue.BinanceUsdm);
        sync.Apply(Diff(Venue.BinanceUsdm, 5, 9, 4));
        var buffered = StateCodec.Load<BookSynchronizer>(StateCodec.Save(sync));
        Assert.Equal(1, buffered.Buffered);
        Assert.Equal(Venue.BinanceUsdm, buffered.Venue);

        sync.Apply(Snapshot(Venue.BinanceUsdm, 9));
        var copy = StateCodec.Load<BookSynchronizer>(StateCodec.Save(sync));
        Assert.True(copy.IsValid);
        Assert.Equal(9, copy.LastUpdateId);
        Assert.Equal(sync.Book.BestBid, copy.Book.BestBid);
        Assert.Equal(BookSyncResult.Applied, copy.Apply(Diff(Venue.BinanceUsdm, 10, 11, 9)));
    }
}

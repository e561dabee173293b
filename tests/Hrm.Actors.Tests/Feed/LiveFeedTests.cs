using Hrm.Actors.Feed;
using Hrm.Live;
using Hrm.Protocol.Market;

namespace Hrm.Actors.Tests.Feed;

/// <summary>How a live feed's notices become an entity's numbered batches, and where it marks what it could not see.</summary>
public class LiveFeedTests
{
    private static TradeTick Trade(long id, long ts, Venue venue = Venue.BinanceSpot, string symbol = "BTCUSDT") => new()
    {
        Symbol = symbol,
        Venue = venue,
        TsEvent = ts,
        TsInit = ts + 5,
        TradeId = id,
        Price = 1,
        Qty = 1,
        BuyerIsMaker = false,
    };

    private static MarketUpdate Update(MarketEvent e) => new(e.TsInit, e);

    [Fact]
    public void A_fresh_feed_passes_events_on_under_the_entity_name_without_gaps()
    {
        var assembler = new LiveFeedAssembler("BTC-LIVE", [Venue.BinanceSpot], resumed: false);

        var items = assembler.Accept(Update(Trade(1, 100))).ToList();

        var item = Assert.Single(items);
        Assert.Null(item.GapBefore);
        Assert.Equal("BTC-LIVE", item.Event.Symbol);
        Assert.Equal(1, Assert.IsType<TradeTick>(item.Event).TradeId);
        Assert.Empty(assembler.Accept(new RawMessage(1, "spot_btcusdt", "btcusdt@trade", [])));
    }

    [Fact]
    public void A_resumed_feed_invalidates_every_venue_book_before_its_first_event_and_says_why()
    {
        var assembler = new LiveFeedAssembler("BTCUSDT", [Venue.BinanceSpot, Venue.BinanceUsdm], resumed: true);

        var items = assembler.Accept(Update(Trade(7, 200, Venue.BinanceUsdm))).ToList();

        Assert.Equal(3, items.Count);
        var spot = Assert.IsType<BookInvalidated>(items[0].Event);
        var usdm = Assert.IsType<BookInvalidated>(items[1].Event);
        Assert.Equal((Venue.BinanceSpot, Venue.BinanceUsdm), (spot.Venue, usdm.Venue));
        Assert.Equal(200, spot.TsEvent);
        Assert.Contains("restarted", items[0].GapBefore);
        Assert.Null(items[1].GapBefore);
        Assert.Null(items[2].GapBefore);
        Assert.Single(assembler.Accept(Update(Trade(8, 201))));
    }

    [Fact]
    public void A_book_gap_or_a_dropped_connection_invalidates_that_venue_only_and_a_rotation_does_not()
    {
        var assembler = new LiveFeedAssembler("BTCUSDT", [Venue.BinanceSpot, Venue.BinanceUsdm], resumed: false);

        Assert.Empty(assembler.Accept(new BookGap(1, Venue.BinanceUsdm, "btcusdt", 10, 15)));
        var afterGap = assembler.Accept(Update(Trade(1, 300))).ToList();
        Assert.Equal(Venue.BinanceUsdm, Assert.IsType<BookInvalidated>(afterGap[0].Event).Venue);
        Assert.Equal("binance-usdm btcusdt book gap: last id 10, next 15", afterGap[0].GapBefore);
        Assert.Equal(2, afterGap.Count);

        Assert.Empty(assembler.Accept(new ConnectionClosed(2, Venue.BinanceSpot, 1, "rotated", Rotated: true)));
        Assert.Single(assembler.Accept(Update(Trade(2, 301))));

        Assert.Empty(assembler.Accept(new ConnectionClosed(3, Venue.BinanceSpot, 2, "no data for 30 s")));
        var afterDrop = assembler.Accept(Update(Trade(3, 302))).ToList();
        Assert.Equal(Venue.BinanceSpot, Assert.IsType<BookInvalidated>(afterDrop[0].Event).Venue);
        Assert.Equal("binance-spot connection 2 closed: no data for 30 s", afterDrop[0].GapBefore);
    }

    [Fact]
    public void Batches_number_on_from_the_entity_offset_and_a_gap_heads_its_own_batch()
    {
        var batches = new LiveBatches("BTCUSDT", offset: 1000);

        var first = batches.Cut([new(Trade(1, 1), null), new(Trade(2, 2), null), new(Trade(3, 3), "dropped"), new(Trade(4, 4), null)]);
        var second = batches.Cut([new(Trade(5, 5), null)]);

        Assert.Equal([(1000L, 2, (string?)null), (1002L, 2, "dropped")], first.Select(b => (b.Offset, b.Events.Length, b.GapBefore)));
        var next = Assert.Single(second);
        Assert.Equal((1004L, 1, (string?)null), (next.Offset, next.Events.Length, next.GapBefore));
    }
}

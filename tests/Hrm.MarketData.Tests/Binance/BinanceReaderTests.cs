using Hrm.MarketData.Binance;
using Hrm.MarketData.Parsing;
using Hrm.Protocol.Market;

namespace Hrm.MarketData.Tests.Binance;

/// <summary>Parsing checked against values read by hand from the first lines of the real captures.</summary>
public class BinanceReaderTests
{
    private static readonly IReadOnlyList<Capture> Captures = CaptureCatalog.Discover(TestData.Micro);

    private static Capture Get(string name) => Captures.Single(c => c.Name == name);

    [Fact]
    public void Catalog_groups_files_by_prefix_in_name_order()
    {
        Assert.Equal(
        [
            "2023-04-05_window/spot_btcusdt", "2023-04-05_window/usdm_btcusdt",
            "2024-08-09_window/cm_btcusd_perp", "2024-08-09_window/cm_ethusd_perp",
            "2024-08-09_window/spot_btcusdt", "2024-08-09_window/spot_ethusdt",
            "2024-08-09_window/usdm_btcusdt", "2024-08-09_window/usdm_ethusdt",
        ], Captures.Select(c => c.Name));
        var cm = Get("2024-08-09_window/cm_btcusd_perp");
        Assert.Equal(Venue.BinanceCoinm, cm.Venue);
        Assert.Equal("btcusd_perp", cm.Instrument);
        Assert.Equal("BTCUSDT", cm.Symbol);
        Assert.Equal(["cm_btcusd_perp_20240808.gz", "cm_btcusd_perp_20240809.gz"], cm.Files.Select(Path.GetFileName));
        Assert.Equal(Venue.BinanceSpot, Get("2023-04-05_window/spot_btcusdt").Venue);
        Assert.Equal(Venue.BinanceUsdm, Get("2023-04-05_window/usdm_btcusdt").Venue);
    }

    [Fact]
    public void Spot_book_ticker_without_E_uses_the_latest_observed_clock_offset()
    {
        var events = new BinanceCaptureReader(Get("2024-08-09_window/spot_btcusdt")).Take(5).ToList();

        // Line 2: diff E=1723161255308 received 1723161254036059768: the recorder is ~1.27 s behind.
        Assert.Equal(1723161255308_000_000, Assert.IsType<DepthDiff>(events[1]).TsEvent);
        var diffOffset = 1723161254036059768 - 1723161255308_000_000;

        // Line 3: bookTicker (no E) received 1723161254087891268.
        var ticker = Assert.IsType<BookTicker>(events[2]);
        Assert.Equal(1723161254087891268, ticker.TsInit);
        Assert.Equal(1723161254087891268 - diffOffset, ticker.TsEvent);
        Assert.Equal(50093239212, ticker.UpdateId);
        Assert.Equal(6_183_763_000_000, ticker.BidPrice);
        Assert.Equal(378_826_000, ticker.BidQty);
        Assert.Equal(6_183_764_000_000, ticker.AskPrice);
        Assert.Equal(154_698_000, ticker.AskQty);

        // Line 4: trade E=1723161255343 T=1723161255342 received 1723161254087896568: stamped with T.
        var trade = Assert.IsType<TradeTick>(events[3]);
        Assert.Equal(1723161255342_000_000, trade.TsEvent);
        Assert.Equal(3735683259, trade.TradeId);
        Assert.True(trade.BuyerIsMaker);
        Assert.Equal(2_000_000, trade.Qty);

        // Line 5: bookTicker received 1723161254116723068 uses the trade's (latest) receive − E offset.
        var tradeOffset = 1723161254087896568 - 1723161255343_000_000;
        Assert.Equal(1723161254116723068 - tradeOffset, Assert.IsType<BookTicker>(events[4]).TsEvent);
    }

    [Fact]
    public void Message_without_exchange_time_before_any_that_had_one_is_rejected_not_stamped_with_the_receive_clock()
    {
        var rejects = new RejectCounts();
        var parser = new BinanceLineParser(Venue.BinanceSpot, "BTCUSDT", rejects);
        var ticker = "{\"stream\":\"x@bookTicker\",\"data\":{\"u\":1,\"b\":\"1\",\"B\":\"1\",\"a\":\"2\",\"A\":\"1\"}}"u8;
        var snapshot = "{\"lastUpdateId\":5,\"bids\":[],\"asks\":[]}"u8;

        Assert.Null(parser.Parse(1723161254087891268, ticker));
        Assert.Null(parser.Parse(1723161254087891269, snapshot));
        Assert.Equal(2, rejects[RejectReasons.NoExchangeTime]);

        var trade = "{\"stream\":\"x@trade\",\"data\":{\"E\":1723161255343,\"t\":1,\"p\":\"1\",\"q\":\"1\",\"m\":true}}"u8;
        Assert.NotNull(parser.Parse(1723161254087891270, trade));
        Assert.Equal(1723161255343_000_010, Assert.IsType<BookTicker>(parser.Parse(1723161254087891280, ticker)).TsEvent);
    }

    [Fact]
    public void Futures_2023_capture_has_microsecond_receive_times_and_a_spaced_snapshot()
    {
        var reader = new BinanceCaptureReader(Get("2023-04-05_window/usdm_btcusdt"));
        var events = reader.ToList();

        var first = Assert.IsType<BookTicker>(events[0]);
        Assert.Equal(1680652700423575_000, first.TsInit);
        Assert.Equal(1680652700435_000_000, first.TsEvent);
        Assert.Equal(2710246762461, first.UpdateId);

        var snapshot = Assert.Single(events.OfType<DepthSnapshot>());
        Assert.Equal(2710246765483, snapshot.LastUpdateId);
        Assert.Equal(1680652700590_000_000, snapshot.TsEvent);
        Assert.Equal(new PriceLevel(2_814_510_000_000, 381_800_000), snapshot.Bids[0]);

        var diff = events.OfType<DepthDiff>().First();
        Assert.Equal(2710246765373, diff.FirstUpdateId);
        Assert.Equal(2710246765597, diff.FinalUpdateId);
        Assert.Equal(2710246765326, diff.PrevFinalUpdateId);
        Assert.Equal(new PriceLevel(500_000_000_000, 1_436_800_000), diff.Bids[0]);

        var mark = events.OfType<MarkPriceUpdate>().First(m => m.TsInit / 1000 == 1680652800091265);
        Assert.Equal(2_815_510_000_000, mark.MarkPrice);
        Assert.Equal(2_816_504_857_143, mark.IndexPrice);
        Assert.Equal(0.0000276, mark.FundingRate);
        Assert.Equal(1680652800000_000_000, mark.NextFundingTime);
        Assert.Equal(0, reader.Rejects.Total);
    }

    [Fact]
    public void Spot_diffs_carry_no_previous_id()
    {
        var diff = new BinanceCaptureReader(Get("2024-08-09_window/spot_btcusdt")).OfType<DepthDiff>().First();
        Assert.Equal(-1, diff.PrevFinalUpdateId);
        Assert.Equal(50093239189, diff.FirstUpdateId);
        Assert.Equal(1723161255208_000_000, diff.TsEvent);
    }

    [Fact]
    public void Whole_2024_window_parses_without_rejects_but_the_one_ticker_before_any_exchange_time()
    {
        foreach (var capture in Captures.Where(c => c.Name.StartsWith("2024", StringComparison.Ordinal)))
        {
            var reader = new BinanceCaptureReader(capture);
            Assert.NotNull(reader.First()); // a probe (a replay finds its first tick this way) is not counted twice
            var count = reader.Count();
            Assert.True(count > 40_000, $"{capture.Name}: {count}");

            // spot_ethusdt opens with a bookTicker (no E) before its first diff.
            var expected = capture.Name.EndsWith("spot_ethusdt", StringComparison.Ordinal) ? 1 : 0;
            Assert.Equal(expected, reader.Rejects[RejectReasons.NoExchangeTime]);
            Assert.Equal(expected, reader.Rejects.Total);
        }
    }
}

using Hrm.Protocol.Market;
using Hrm.Signals.Bars;

namespace Hrm.Signals.Tests.Bars;

/// <summary>Synthetic trades and candles (formula checks), expected bars worked out by hand.</summary>
public sealed class BarConsolidatorTests
{
    private const long S = 1_000_000_000;
    private const long T0 = 1_723_161_600L * S; // 2024-08-09 00:00:00 UTC, a day boundary

    private static TradeTick Trade(long ts, double price, double qty, Venue venue = Venue.BinanceUsdm) => new()
    {
        Symbol = "BTCUSDT",
        Venue = venue,
        TsEvent = ts,
        TsInit = ts,
        TradeId = ts,
        Price = Fixed.FromDouble(price),
        Qty = Fixed.FromDouble(qty),
        BuyerIsMaker = false,
    };

    private static Bar Candle(long open, BarPeriod period, double o, double h, double l, double c, double v) => new()
    {
        Symbol = "BTCUSDT",
        Venue = Venue.BinanceSpot,
        TsEvent = open + period.Nanos(),
        TsInit = open + period.Nanos(),
        Period = period,
        Open = o,
        High = h,
        Low = l,
        Close = c,
        Volume = v,
    };

    [Fact]
    public void Trades_make_1m_bars_that_close_on_event_time_and_roll_up()
    {
        var c = new BarConsolidator("BTCUSDT");
        var closed = new List<Bar>();
        c.Apply(Trade(T0 + 10 * S, 100, 1), closed);
        c.Apply(Trade(T0 + 30 * S, 102, 2), closed);
        c.Apply(Trade(T0 + 50 * S, 99, 1), closed);
        Assert.Empty(closed);
        c.Apply(Trade(T0 + 65 * S, 101, 1), closed); // ≥ T0+60 s closes [T0, T0+60 s)
        var m1 = Assert.Single(closed);
        // O = 100 (first), H = 102, L = 99, C = 99 (last), V = 1 + 2 + 1 = 4, stamped at the close T0 + 60 s
        Assert.Equal((BarPeriod.M1, T0 + 60 * S, 100.0, 102.0, 99.0, 99.0, 4.0),
            (m1.Period, m1.TsEvent, m1.Open, m1.High, m1.Low, m1.Close, m1.Volume));

        closed.Clear();
        c.Flush(T0 + 300 * S, closed);
        // the 1m bar [60 s, 120 s) = 101 ×1, then the 5m bar [0, 300 s): O 100, H 102, L 99, C 101, V 5
        Assert.Equal(2, closed.Count);
        Assert.Equal((BarPeriod.M1, T0 + 120 * S, 101.0, 1.0), (closed[0].Period, closed[0].TsEvent, closed[0].Close, closed[0].Volume));
        Assert.Equal((BarPeriod.M5, T0 + 300 * S, 100.0, 102.0, 99.0, 101.0, 5.0),
            (closed[1].Period, closed[1].TsEvent, closed[1].Open, closed[1].High, closed[1].Low, closed[1].Close, closed[1].Volume));

        closed.Clear();
        c.Apply(Trade(T0 + 1000 * S, 105, 3), closed); // closes the 15m bar [0, 900 s) from the one 5m bar; no empty bars
        var m15 = Assert.Single(closed);
        Assert.Equal((BarPeriod.M15, T0 + 900 * S, 100.0, 102.0, 99.0, 101.0, 5.0),
            (m15.Period, m15.TsEvent, m15.Open, m15.High, m15.Low, m15.Close, m15.Volume));
    }

    [Fact]
    public void Venues_are_kept_apart()
    {
        var c = new BarConsolidator("BTCUSDT");
        var closed = new List<Bar>();
        c.Apply(Trade(T0 + 1 * S, 100, 1, Venue.BinanceSpot), closed);
        c.Apply(Trade(T0 + 2 * S, 200, 1, Venue.BinanceUsdm), closed);
        c.Flush(T0 + 60 * S, closed);
        Assert.Equal(2, closed.Count);
        Assert.Equal((Venue.BinanceSpot, 100.0), (closed[0].Venue, closed[0].Close));
        Assert.Equal((Venue.BinanceUsdm, 200.0), (closed[1].Venue, closed[1].Close));
    }

    [Fact]
    public void Read_hourly_candles_are_emitted_once_and_roll_up_into_4h()
    {
        var c = new BarConsolidator("BTCUSDT");
        var closed = new List<Bar>();
        const long h = 3600 * S;
        c.Apply(Candle(T0 + 0 * h, BarPeriod.H1, 10, 12, 9, 11, 1), closed);
        c.Apply(Candle(T0 + 1 * h, BarPeriod.H1, 11, 15, 10, 14, 2), closed);
        c.Apply(Candle(T0 + 2 * h, BarPeriod.H1, 14, 14, 8, 9, 3), closed);
        Assert.Equal([BarPeriod.H1, BarPeriod.H1, BarPeriod.H1], closed.Select(b => b.Period));
        closed.Clear();
        // the last hour of the 4h bar arrives stamped T0 + 4h: it is emitted, then the 4h bar it completes
        c.Apply(Candle(T0 + 3 * h, BarPeriod.H1, 9, 10, 7, 10, 4), closed);
        Assert.Equal([BarPeriod.H1, BarPeriod.H4], closed.Select(b => b.Period));
        var h4 = closed[1];
        // O 10 (first), H max(12, 15, 14, 10) = 15, L min(9, 10, 8, 7) = 7, C 10 (last), V 1+2+3+4 = 10
        Assert.Equal((BarPeriod.H4, Venue.BinanceSpot, T0 + 4 * h, 10.0, 15.0, 7.0, 10.0, 10.0),
            (h4.Period, h4.Venue, h4.TsEvent, h4.Open, h4.High, h4.Low, h4.Close, h4.Volume));
        closed.Clear();
        c.Flush(T0 + 24 * h, closed);
        var d1 = Assert.Single(closed);
        Assert.Equal((BarPeriod.D1, T0 + 24 * h, 10.0, 15.0, 7.0, 10.0, 10.0),
            (d1.Period, d1.TsEvent, d1.Open, d1.High, d1.Low, d1.Close, d1.Volume));
    }

    [Fact]
    public void The_first_source_owns_a_period_so_nothing_is_counted_twice()
    {
        var c = new BarConsolidator("BTCUSDT");
        var closed = new List<Bar>();
        const long h = 3600 * S;
        c.Apply(Candle(T0, BarPeriod.H1, 10, 12, 9, 11, 1), closed); // spot 1h is now read, not built
        c.Apply(Trade(T0 + h + 5 * S, 11, 1, Venue.BinanceSpot), closed);
        c.Flush(T0 + 4 * h, closed);
        // the read candle is emitted; the trade's 1m, 5m, 15m bars are built; its 1h bar is dropped (read candles
        // own spot 1h), so the 4h bar holds only the read candle
        Assert.Equal([BarPeriod.H1, BarPeriod.M1, BarPeriod.M5, BarPeriod.M15, BarPeriod.H4], closed.Select(b => b.Period));
        Assert.Equal(1.0, closed[^1].Volume);
    }

    [Fact]
    public void A_read_bar_for_a_period_already_derived_from_finer_bars_is_dropped()
    {
        var c = new BarConsolidator("BTCUSDT");
        var closed = new List<Bar>();
        const long h = 3600 * S;
        c.Apply(Candle(T0, BarPeriod.H1, 10, 12, 9, 11, 1), closed);        // 1h read → 4h derived from it
        c.Apply(Candle(T0 + 3 * h, BarPeriod.H4, 10, 12, 9, 11, 5), closed); // a 4h file bar for the same venue
        // emitted: the read 1h, then the derived 4h and 1d it closed at T0 + 4h… never the read 4h bar
        Assert.DoesNotContain(closed, b => b.Period == BarPeriod.H4 && b.Volume == 5);
        Assert.Single(closed, b => b.Period == BarPeriod.H1);
    }

    [Fact]
    public void State_round_trips_mid_bar()
    {
        var a = new BarConsolidator("BTCUSDT");
        var closedA = new List<Bar>();
        a.Apply(Trade(T0 + 10 * S, 100, 1), closedA);
        var b = StateCodec.Load<BarConsolidator>(StateCodec.Save(a));
        var closedB = new List<Bar>();
        foreach (var (c, list) in new[] { (a, closedA), (b, closedB) })
        {
            c.Apply(Trade(T0 + 20 * S, 103, 2), list);
            c.Flush(T0 + 900 * S, list);
        }

        Assert.Equal(closedA, closedB);
        Assert.Equal(3, closedB.Count);
    }
}

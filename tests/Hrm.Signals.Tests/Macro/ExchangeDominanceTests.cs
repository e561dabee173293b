using Hrm.MarketData.Candles;
using Hrm.Protocol.Market;
using Hrm.Signals.Bars;
using Hrm.Signals.Macro;
using Xunit.Abstractions;

namespace Hrm.Signals.Tests.Macro;

public sealed class ExchangeDominanceTests(ITestOutputHelper output)
{
    private const long H = 3600L * 1_000_000_000;

    private static Bar Hour(Venue venue, int hour, double volume) => new()
    {
        Symbol = "BTCUSDT",
        Venue = venue,
        TsEvent = hour * H,
        TsInit = hour * H,
        Period = BarPeriod.H1,
        Open = 100,
        High = 100,
        Low = 100,
        Close = 100,
        Volume = volume,
    };

    [Fact]
    public void Share_change_of_the_leader_over_consecutive_4h_windows()
    {
        var d = new ExchangeDominance();
        // hours 1–4: spot 6, usdm 4 each hour → spot leads with 24/40 = 0.6
        for (var h = 1; h <= 4; h++)
        {
            d.Update(Hour(Venue.BinanceSpot, h, 6));
            d.Update(Hour(Venue.BinanceUsdm, h, 4));
        }

        Assert.False(d.Current.Available); // no previous 4h window yet
        // hours 5–8: spot 8, usdm 2 → spot 32/40 = 0.8; change = 0.8 − 0.6 = +0.2 > 0.15 → fires, leader unchanged
        for (var h = 5; h <= 8; h++)
        {
            d.Update(Hour(Venue.BinanceSpot, h, 8));
            d.Update(Hour(Venue.BinanceUsdm, h, 2));
        }

        var r = d.Current;
        Assert.True(r.Available);
        Assert.Equal(8 * H, r.At);
        Assert.Equal(Venue.BinanceSpot, r.Leader);
        Assert.Equal(0.8, r.Share, 12);
        Assert.Equal(0.2, r.Change, 12);
        Assert.True(r.Fired);
        Assert.Equal(r, d.ShiftActive(8 * H));
        // hour 7's reading would compare hours 4–7 with 0–3, but the venues' first bars (hour 1) are not 8 hours back
        Assert.False(d.Evaluate(7 * H).Available);
    }

    [Fact]
    public void Leader_change_fires_even_with_a_small_share_move_and_a_fire_lasts_4h()
    {
        var d = new ExchangeDominance();
        for (var h = 1; h <= 4; h++)
        {
            d.Update(Hour(Venue.BinanceUs, h, 5.5)); // 22 of 40 → Binance.US 0.55
            d.Update(Hour(Venue.Kraken, h, 4.5));
        }

        for (var h = 5; h <= 8; h++)
        {
            d.Update(Hour(Venue.BinanceUs, h, 4.5)); // Kraken 22/40 = 0.55 now, was 18/40 = 0.45: +0.10 but the leader changed
            d.Update(Hour(Venue.Kraken, h, 5.5));
        }

        var r = d.Current;
        Assert.Equal(Venue.Kraken, r.Leader);
        Assert.Equal(Venue.BinanceUs, r.PreviousLeader);
        Assert.Equal(0.10, r.Change, 12);
        Assert.True(r.Fired);
        d.Update(Hour(Venue.BinanceUs, 9, 4.5)); // completes hour 8 → counted
        Assert.Equal(1, d.Fires);
        Assert.NotNull(d.ShiftActive(11 * H)); // (11h − 4h, 11h] holds 8h
        Assert.Null(d.ShiftActive(12 * H));
    }

    [Fact]
    public void A_venue_that_stops_is_not_a_shift_and_wrong_bars_are_ignored()
    {
        var d = new ExchangeDominance();
        for (var h = 1; h <= 4; h++)
        {
            d.Update(Hour(Venue.BinanceUs, h, 5));
            d.Update(Hour(Venue.Kraken, h, 5));
        }

        for (var h = 5; h <= 8; h++) d.Update(Hour(Venue.Kraken, h, 5)); // Binance.US feed ended
        Assert.False(d.Current.Available);
        d.Update(Hour(Venue.Kraken, 7, 5)); // older than the newest hour
        d.Update(Hour(Venue.Kraken, 9, double.NaN));
        d.Update(Hour(Venue.Kraken, 9, 1) with { Period = BarPeriod.M5 });
        Assert.Equal(3, d.Ignored);
    }

    [Fact]
    public void State_round_trips()
    {
        var d = new ExchangeDominance();
        for (var h = 1; h <= 8; h++)
        {
            d.Update(Hour(Venue.BinanceSpot, h, h));
            d.Update(Hour(Venue.BinanceUsdm, h, 3));
        }

        var copy = StateCodec.Load<ExchangeDominance>(StateCodec.Save(d));
        Assert.Equal(d.Current, copy.Current);
        Assert.Equal(d.Fires, copy.Fires);
    }

    /// <summary>
    /// Binance.US (1m bars of its USD, USDT and USDC books, rolled up to 1h) against Kraken (60m bars of its three books),
    /// 2023-03-01 → 03-21 (Binance.US data ends on 03-21 23:59).
    /// </summary>
    [Fact]
    public void Real_data_binance_us_vs_kraken_2023_q1()
    {
        var dir = Path.Combine(RealData.DataRoot(), "meso", "cross_exchange_2023Q1_iaqf");
        var sources = CrossExchangeBars.Discover(dir);
        var us = sources.Single(s => s.Files[0].Venue == Venue.BinanceUs && s.Files[0].Period == BarPeriod.M1);
        var kraken = sources.Single(s => s.Files[0].Venue == Venue.Kraken && s.Files[0].Period == BarPeriod.H1);
        var consolidator = new BarConsolidator("BTCUSDT");
        var hours = new List<Bar>();
        var closed = new List<Bar>();
        foreach (var e in us)
        {
            closed.Clear();
            consolidator.Apply(e, closed);
            hours.AddRange(closed.Where(b => b.Period == BarPeriod.H1));
        }

        closed.Clear();
        consolidator.Flush(long.MaxValue / 2, closed);
        hours.AddRange(closed.Where(b => b.Period == BarPeriod.H1));
        var end = hours.Max(b => b.TsEvent);
        hours.AddRange(kraken.Cast<Bar>().Where(b => b.TsEvent <= end));
        Assert.Equal(0, us.Rejects.Total);
        Assert.Equal(0, kraken.Rejects.Total);

        var d = new ExchangeDominance();
        var fires = new List<DominanceReading>();
        foreach (var group in hours.OrderBy(b => b.TsEvent).ThenBy(b => b.Venue).GroupBy(b => b.TsEvent))
        {
            foreach (var bar in group) d.Update(bar);
            var r = d.Current;
            if (r.Fired) fires.Add(r);
        }

        var leaderChanges = fires.Where(f => f.Leader != f.PreviousLeader).ToList();
        output.WriteLine($"hours {hours.Count / 2}, fires {fires.Count}, leader changes {leaderChanges.Count}");
        foreach (var f in leaderChanges)
            output.WriteLine($"{DateTimeOffset.FromUnixTimeMilliseconds(f.At / 1_000_000):yyyy-MM-dd HH:mm} {f.PreviousLeader} → {f.Leader} share {f.Share:0.000} change {f.Change:+0.000;-0.000}");
        Assert.Equal(74, fires.Count);
        Assert.Equal(38, leaderChanges.Count);
        Assert.Equal(Venue.Kraken, leaderChanges[0].Leader); // the first time Kraken out-trades Binance.US in 4h: 2023-03-09 08:00
        Assert.Equal(DateTimeOffset.Parse("2023-03-09T08:00:00Z").ToUnixTimeMilliseconds() * 1_000_000, leaderChanges[0].At);
    }

    /// <summary>Binance BTC spot vs USD-M perp 1h volume, 2024-12-31 → 2025-08-31 (no COIN-M candles in the data).</summary>
    [Fact]
    public void Real_data_binance_spot_vs_usdm()
    {
        var dir = Path.Combine(RealData.DataRoot(), "macro_meso", "binance_freqtrade_roshan");
        var from = DateTimeOffset.Parse("2025-01-01T00:00:00Z").ToUnixTimeMilliseconds() * 1_000_000;
        var to = DateTimeOffset.Parse("2025-09-01T00:00:00Z").ToUnixTimeMilliseconds() * 1_000_000;
        var bars = new[] { "BTC_USDT-spot-1h.csv.gz", "BTC_USDT_USDT-perp-1h.csv.gz" }
            .SelectMany(f => new CandleCsvReader(CandleFile.TryParse(Path.Combine(dir, f))!).Cast<Bar>())
            .Where(b => b.TsEvent > from && b.TsEvent <= to)
            .OrderBy(b => b.TsEvent).ThenBy(b => b.Venue)
            .ToList();
        var d = new ExchangeDominance();
        int fires = 0, leaderChanges = 0, readings = 0, spotLeads = 0;
        var maxChange = 0.0;
        foreach (var group in bars.GroupBy(b => b.TsEvent))
        {
            foreach (var bar in group) d.Update(bar);
            var r = d.Current;
            if (!r.Available) continue;
            readings++;
            if (r.Leader == Venue.BinanceSpot) spotLeads++;
            maxChange = Math.Max(maxChange, Math.Abs(r.Change));
            if (!r.Fired) continue;
            fires++;
            if (r.Leader != r.PreviousLeader) leaderChanges++;
        }

        output.WriteLine($"readings {readings}, spot leads {spotLeads}, fires {fires}, leader changes {leaderChanges}, max |change| {maxChange:0.000}");
        // USD-M out-trades spot in every 4h window of 2025 and the share never moves 15 points: no shift
        Assert.Equal(5825, readings);
        Assert.Equal(0, spotLeads);
        Assert.Equal(0, fires);
        Assert.True(maxChange is > 0.11 and < 0.12);
    }
}

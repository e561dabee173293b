using Hrm.MarketData.OnChain;
using Hrm.Protocol.Market;
using Hrm.Signals.Macro;
using Xunit.Abstractions;

namespace Hrm.Signals.Tests.Macro;

public sealed class OnChainTests(ITestOutputHelper output)
{
    private const long D = Protocol.EventTime.NanosPerDay;

    private static OnChainMetric Metric(string name, int day, double value) => new()
    {
        Symbol = "BTCUSDT",
        Venue = Venue.OnChain,
        TsEvent = day * D,
        TsInit = day * D,
        Metric = name,
        Value = value,
    };

    [Fact]
    public void Inflow_z_and_slope_by_hand()
    {
        // long 4, short 2, slope 3; inflows e^x − 1 so that x = ln(1 + inflow) = 4, 3, 2, 1 (oldest → newest)
        var t = new ExchangeInflowTrend(4, 2, 3, 1.0);
        double[] xs = [4, 3, 2, 1];
        for (var i = 0; i < xs.Length; i++)
        {
            Assert.False(t.IsReady);
            t.Update(Metric(OnChainMetrics.ExchangeInflow, i + 1, Math.Exp(xs[i]) - 1));
        }

        // mean 2.5; short mean (1 + 2)/2 = 1.5; sample std: squares 2.25 + 0.25 + 0.25 + 2.25 = 5, /3 → √1.6667 = 1.29099
        // z = (1.5 − 2.5)/1.29099 = −0.774597
        Assert.Equal(-0.774597, t.Z, 5);
        // slope of 3, 2, 1 over x = 0, 1, 2 → −1 per day
        Assert.Equal(-1.0, t.Slope, 12);
        Assert.Equal(FlowState.Neutral, t.State); // |z| < 1
        t.Update(Metric(OnChainMetrics.ExchangeInflow, 5, Math.Exp(0.0) - 1));
        // window 3, 2, 1, 0: mean 1.5, short mean 0.5, std 1.29099 → z = −0.774597 again; slope −1 → still neutral
        Assert.Equal(-0.774597, t.Z, 5);
        t.Update(Metric(OnChainMetrics.ExchangeInflow, 6, Math.Exp(0.0) - 1));
        // window 2, 1, 0, 0: mean 0.75; short mean 0; squares 1.5625 + 0.0625 + 0.5625 + 0.5625 = 2.75, /3 → std 0.957427
        // z = −0.75/0.957427 = −0.783349; slope of 1, 0, 0: x̄ = 1, ȳ = 1/3; Σxy = (−1)(2/3) + 0 + (1)(−1/3) = −1; Σxx = 2 → −0.5
        Assert.Equal(-0.783349, t.Z, 5);
        Assert.Equal(-0.5, t.Slope, 12);
        Assert.True(t.Available(6 * D + 3 * D));
        Assert.False(t.Available(6 * D + 3 * D + 1)); // stale after 3 days
        t.Update(Metric(OnChainMetrics.ExchangeInflow, 6, 1e9)); // same day again: ignored
        Assert.Equal(-0.5, t.Slope, 12);
    }

    [Fact]
    public void Mvrv_z_uses_the_expanding_population_std_of_market_cap()
    {
        var n = new NetworkValue();
        n.Update(Metric(OnChainMetrics.MarketCap, 1, 10));
        n.Update(Metric(OnChainMetrics.RealizedCap, 1, 8));
        Assert.True(double.IsNaN(n.MvrvZ)); // one market cap: no std yet
        n.Update(Metric(OnChainMetrics.RealizedCap, 2, 9)); // realised first this time
        n.Update(Metric(OnChainMetrics.MarketCap, 2, 14));
        // caps 10, 14: mean 12, population std 2; z = (14 − 9)/2 = 2.5
        Assert.Equal(2.5, n.MvrvZ, 12);
        n.Update(Metric(OnChainMetrics.MarketCap, 2, 1000)); // repeated day (second file): ignored
        n.Update(Metric(OnChainMetrics.MarketCap, 3, 6));
        n.Update(Metric(OnChainMetrics.RealizedCap, 3, 9));
        // caps 10, 14, 6: mean 10, squares 0 + 16 + 16 = 32, /3 → std 3.265986; z = (6 − 9)/3.265986 = −0.918559
        Assert.Equal(-0.918559, n.MvrvZ, 5);
        Assert.Equal(ValuationState.Undervalued, n.State);
        Assert.True(n.Available(3 * D));
        Assert.False(n.Available(7 * D));
        var copy = StateCodec.Load<NetworkValue>(StateCodec.Save(n));
        Assert.Equal(n.MvrvZ, copy.MvrvZ);
    }

    private static (NetworkValue Network, ExchangeInflowTrend Inflow, Dictionary<string, (double Z, double Nvt)> Days) ReplayBtc()
    {
        var network = new NetworkValue();
        var inflow = new ExchangeInflowTrend();
        var days = new Dictionary<string, (double, double)>();
        var dir = Path.Combine(RealData.DataRoot(), "onchain");
        var readers = new[]
        {
            new CoinMetricsCsvReader(Path.Combine(dir, "coinmetrics_btc_2009-2019_minzhi123.csv.gz")),
            new CoinMetricsCsvReader(Path.Combine(dir, "coinmetrics_btc_subset_flowinex_2009-2023_siap.csv.gz")),
        };
        // merge on event time, the 2009–2019 file first on ties (as the replay merge orders by source)
        var events = readers.SelectMany((r, i) => r.Cast<OnChainMetric>().Select(e => (e, i))).OrderBy(x => x.e.TsEvent).ThenBy(x => x.i);
        foreach (var (e, _) in events)
        {
            network.Update(e);
            inflow.Update(e);
            if (e.Metric == OnChainMetrics.RealizedCap)
            {
                var day = DateTimeOffset.FromUnixTimeMilliseconds((e.TsEvent - D) / 1_000_000).ToString("yyyy-MM-dd");
                days[day] = (network.MvrvZ, network.NvtZ);
            }
        }

        Assert.All(readers, r => Assert.Equal(0, r.Rejects.Total));
        return (network, inflow, days);
    }

    [Fact]
    public void Real_data_mvrv_z_at_the_2017_top_and_the_2018_bottom()
    {
        var (network, inflow, days) = ReplayBtc();
        foreach (var day in new[] { "2013-12-04", "2017-12-16", "2017-12-17", "2018-12-15", "2019-10-31" })
            output.WriteLine($"{day}: mvrv z {days[day].Z:0.000}, nvt z {days[day].Nvt:0.000}");
        // 2017-12-16, the daily-close top (PriceUSD 19 640): cap 328.90 B, realised 74.23 B, expanding population std of
        // all market caps since 2010-07-18 = 27.22 B → z = (328.90 − 74.23)/27.22 = 9.36 (≥ 7: overextended)
        Assert.Equal(9.356, days["2017-12-16"].Z, 3);
        // 2018-12-15, the cycle low (PriceUSD 3 185): cap 55.50 B < realised 80.38 B, std 50.61 B → z = −0.49 (undervalued)
        Assert.Equal(-0.4915, days["2018-12-15"].Z, 3);
        Assert.Equal(1.061, days["2019-10-31"].Z, 3); // the last day with a realised cap
        // NVTAdj90 against its last 365 days: 3.70 at the top (≥ 2: overextended), −1.01 at the bottom
        Assert.Equal(3.701, days["2017-12-16"].Nvt, 3);
        Assert.Equal(-1.014, days["2018-12-15"].Nvt, 3);
        // the realised cap ends in 2019: in 2020 the valuation is unavailable, never carried forward
        var y2020 = DateTimeOffset.Parse("2020-06-01T00:00:00Z").ToUnixTimeMilliseconds() * 1_000_000;
        Assert.False(network.Available(y2020));
        // exchange inflow runs to 2023-01-09 (stamped at the end of that day)
        var end = DateTimeOffset.Parse("2023-01-10T00:00:00Z").ToUnixTimeMilliseconds() * 1_000_000;
        Assert.Equal(end, inflow.LastTs);
        Assert.True(inflow.Available(end));
        Assert.False(inflow.Available(end + 4 * D));
        output.WriteLine($"inflow at end: z {inflow.Z:0.000}, slope {inflow.Slope:0.0000}, {inflow.State}");
    }

    [Fact]
    public void Real_data_inflow_states_over_the_btc_history()
    {
        var inflow = new ExchangeInflowTrend();
        var reader = new CoinMetricsCsvReader(Path.Combine(RealData.DataRoot(), "onchain", "coinmetrics_btc_subset_flowinex_2009-2023_siap.csv.gz"));
        var counts = new Dictionary<FlowState, int>();
        var runs = new List<string>();
        var last = FlowState.Neutral;
        foreach (var e in reader.Cast<OnChainMetric>())
        {
            inflow.Update(e);
            if (!inflow.IsReady || e.Metric != OnChainMetrics.ExchangeInflow) continue;
            var s = inflow.State;
            counts[s] = counts.GetValueOrDefault(s) + 1;
            if (s != last && s != FlowState.Neutral && e.TsEvent > DateTimeOffset.Parse("2019-01-01T00:00:00Z").ToUnixTimeMilliseconds() * 1_000_000)
                runs.Add($"{DateTimeOffset.FromUnixTimeMilliseconds(e.TsEvent / 1_000_000):yyyy-MM-dd} {s}");
            last = s;
        }

        output.WriteLine(string.Join(", ", counts.Select(kv => $"{kv.Key}={kv.Value}")));
        output.WriteLine(string.Join("; ", runs));
        Assert.Equal(176, counts[FlowState.Accumulation]);
        Assert.Equal(656, counts[FlowState.Distribution]);
    }
}

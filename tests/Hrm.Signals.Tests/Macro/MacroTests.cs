using Hrm.Protocol.Layers;
using Hrm.Protocol.Market;
using Hrm.Signals.Indicators;
using Hrm.Signals.Macro;

namespace Hrm.Signals.Tests.Macro;

/// <summary>Synthetic bars (formula checks), expected values worked out in the comments.</summary>
public sealed class MacroTests
{
    private const long H = 3600L * 1_000_000_000;

    private static Bar Hourly(Venue venue, long close, double price) => new()
    {
        Symbol = "BTCUSDT",
        Venue = venue,
        TsEvent = close,
        TsInit = close,
        Period = BarPeriod.H1,
        Open = price,
        High = price,
        Low = price,
        Close = price,
        Volume = 1,
    };

    private static Bar FourHour(int i, double close) => new()
    {
        Symbol = "BTCUSDT",
        Venue = Venue.BinanceUsdm,
        TsEvent = (i + 1) * 4 * H,
        TsInit = (i + 1) * 4 * H,
        Period = BarPeriod.H4,
        Open = close,
        High = close,
        Low = close,
        Close = close,
        Volume = 1,
    };

    [Fact]
    public void Funding_basis_divergence_fires_beyond_two_rolling_std_against_the_divergence()
    {
        var fb = new FundingBasisDivergence(window: 4, minPoints: 3);
        fb.OnFunding(0.0);
        (double Perp, double Spot)[] hours = [(100.1, 100), (100.2, 100), (100.1, 100), (99, 100)];
        for (var i = 0; i < hours.Length; i++)
        {
            fb.OnBar(Hourly(Venue.BinanceSpot, (i + 1) * H, hours[i].Spot));
            Assert.Equal(i == 0 ? 0 : i * H, fb.HasPoint ? fb.PointTs : 0); // spot alone makes no point for this hour
            fb.OnBar(Hourly(Venue.BinanceUsdm, (i + 1) * H, hours[i].Perp));
            Assert.Equal((i + 1) * H, fb.PointTs);
            if (i < 3) Assert.False(fb.IsReady); // fewer than 3 previous points back the threshold
        }

        // divergences = funding 0 − basis: −0.001, −0.002, −0.001, then basis 99/100 − 1 = −0.01 → divergence +0.01
        Assert.Equal(-0.01, fb.Basis, 12);
        Assert.Equal(0.01, fb.Divergence, 12);
        // sample std of the previous three: mean −0.0013333; deviations +0.000333, −0.000667, +0.000333;
        // squares 1.111e−7 + 4.444e−7 + 1.111e−7 = 6.667e−7; /2 = 3.333e−7; std = 5.7735e−4
        Assert.Equal(Math.Sqrt(2.0 / 3.0 * 1e-6 / 2), fb.RollingStd, 9);
        // |0.01| > 2 × 5.7735e−4 = 1.1547e−3: fired; funding rich to basis → expected reversion down
        Assert.True(fb.Fired);
        Assert.Equal(-1, fb.Direction);
    }

    [Fact]
    public void Regime_statistics_match_hand_values()
    {
        var closes = new RollingWindow<double>(4);
        foreach (var c in new[] { 10.0, 11, 10, 12 }) closes.Add(c);
        // ER over 3 changes: |12 − 10| / (|12−10| + |10−11| + |11−10|) = 2/4
        Assert.Equal(0.5, HeuristicRegimeModel.EfficiencyRatio(closes, 3), 12);

        // log returns (oldest → newest) +1, +1, −1, −1: closes e^0, e^1, e^2, e^1, e^0
        var w = new RollingWindow<double>(5);
        foreach (var k in new[] { 0, 1, 2, 1, 0 }) w.Add(Math.Exp(k));
        // mean 0, var1 = 4/4 = 1; 2-bar sums (newest first: −1−1, −1+1, +1+1) = −2, 0, 2 → var2 = 8/3; VR = (8/3)/(2·1) = 4/3
        Assert.Equal(4.0 / 3.0, HeuristicRegimeModel.VarianceRatio(w, 4, 2), 12);
        // alternating returns ±1: 2-bar sums all 0 → VR = 0
        var alt = new RollingWindow<double>(5);
        foreach (var k in new[] { 0, 1, 0, 1, 0 }) alt.Add(Math.Exp(k));
        Assert.Equal(0.0, HeuristicRegimeModel.VarianceRatio(alt, 4, 2), 12);

        var vols = new RollingWindow<double>(3);
        foreach (var v in new[] { 1.0, 3, 2 }) vols.Add(v);
        // newest 2: one value below, itself equal → (1 + 0.5)/3
        Assert.Equal(0.5, HeuristicRegimeModel.Percentile(vols), 12);
    }

    [Fact]
    public void Heuristic_model_classifies_clean_synthetic_regimes()
    {
        RegimeEstimate Run(Func<int, double> close, int bars = 60, double funding = double.NaN)
        {
            var m = new HeuristicRegimeModel();
            if (!double.IsNaN(funding)) m.ObserveFunding(funding);
            for (var i = 0; i < bars; i++)
            {
                m.Update(FourHour(i, close(i)));
                if (i < HeuristicRegimeModel.Window) Assert.False(m.IsReady);
            }

            return m.Estimate();
        }

        // +1 % per bar: ER = 1, constant volatility (mid-rank percentile 0.5) → trending, strength min(1, 1/0.6) = 1, up
        var trend = Run(i => 100 * Math.Pow(1.01, i));
        Assert.Equal((Regime.Trending, 1.0, 1), (trend.Regime, trend.Strength, trend.Direction));

        // alternating 100, 101: ER = 0 (42 changes end where they began), VR(4) = 0 → mean reverting, strength 1
        var range = Run(i => i % 2 == 0 ? 100 : 101);
        Assert.Equal((Regime.MeanReverting, 1.0), (range.Regime, range.Strength));

        // calm alternation, then ±5 % swings in the last bars: the newest volatility tops its history → volatile
        var wild = Run(i => i < 54 ? (i % 2 == 0 ? 100 : 100.1) : (i % 2 == 0 ? 100 : 105));
        Assert.Equal(Regime.Volatile, wild.Regime);

        // wide alternation, then calm with compressed funding: lowest volatility of its history → accumulation
        var calm = Run(i => i < 50 ? (i % 2 == 0 ? 100 : 104 + i % 3) : (i % 2 == 0 ? 100 : 100.01), funding: 0.00005);
        Assert.Equal(Regime.Accumulation, calm.Regime);
        Assert.InRange(calm.Strength, 0.5, 1.0);
    }

    [Fact]
    public void Risk_budget_and_timeframe_follow_the_documented_mapping()
    {
        // base(trending) 1.0 × (0.5 + 0.5 × 0.6) = 0.8; base(volatile) 0.3 × (0.5 + 0.5 × 1) = 0.3
        Assert.Equal(0.8, MacroParameters.RiskBudget(Regime.Trending, 0.6), 12);
        Assert.Equal(0.3, MacroParameters.RiskBudget(Regime.Volatile, 1.0), 12);
        Assert.Equal(24, MacroParameters.TimeframeHours(Regime.Trending));
        Assert.Equal(4, MacroParameters.TimeframeHours(Regime.Volatile));
    }
}

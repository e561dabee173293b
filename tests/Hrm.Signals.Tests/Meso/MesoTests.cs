using Hrm.Protocol.Layers;
using Hrm.Protocol.Market;
using Hrm.Signals.Layers;
using Hrm.Signals.Meso;

namespace Hrm.Signals.Tests.Meso;

/// <summary>Synthetic 5m bars built to switch components on and off (formula checks).</summary>
public sealed class MesoTests
{
    private const long M5 = 300L * 1_000_000_000;

    private static Bar Five(int i, double high, double low, double close, double volume) => new()
    {
        Symbol = "BTCUSDT",
        Venue = Venue.BinanceUsdm,
        TsEvent = (i + 1) * M5,
        TsInit = (i + 1) * M5,
        Period = BarPeriod.M5,
        Open = close,
        High = high,
        Low = low,
        Close = close,
        Volume = volume,
    };

    /// <summary>30 bars narrowing around 100 (half-range r_i = 2 − 0.05 i), closes alternating 99.9/100.1, volume 10.</summary>
    private static List<Bar> Coil()
    {
        var bars = new List<Bar>();
        for (var i = 0; i < 30; i++)
        {
            var r = 2 - 0.05 * i;
            bars.Add(Five(i, 100 + r, 100 - r, i % 2 == 0 ? 99.9 : 100.1, 10));
        }

        return bars;
    }

    [Fact]
    public void Breakout_components_on_a_coil_then_an_expansion_bar()
    {
        var engine = new PatternEngine();
        foreach (var b in Coil()) engine.Update(b);
        Assert.True(engine.IsReady);
        var coil = engine.Last;
        // true ranges shrink by 0.1 a bar (2r; the close gaps are smaller) → ATR strictly falling: compression
        Assert.True(coil.RangeCompression);
        // alternating ±0.2 closes keep Wilder's RSI near 50, inside [40, 60] for the last 6 bars: coiling
        Assert.True(coil.MomentumBuildup);
        Assert.False(coil.VolumeExpansion); // 10 is not > 2 × 10
        // close 100.1 (i = 29): step 10^(2−1) = 10, nearest 100, |0.1|/100.1 = 0.1 % ≤ 0.25 %: round-number proxy on
        Assert.True(coil.LiquidationCluster);

        // bar 30: high 103, low 100, close 102.9, volume 25 > 2 × mean(previous 20 volumes = 10) = 20
        engine.Update(Five(30, 103, 100, 102.9, 25));
        var c = engine.Last;
        Assert.True(c.VolumeExpansion);
        Assert.True(c.RangeCompression); // judged on the 5 bars before this one
        Assert.False(c.LiquidationCluster); // |102.9 − 100|/102.9 = 2.8 %
        // previous 20 bars are i = 10…29; their highest high is bar 10's: 100 + (2 − 0.05·10) = 101.5
        Assert.Equal(1, c.BreakoutDirection);
        Assert.Equal(101.5, c.BreakoutLevel, 12);
        Assert.Equal(101.5 - c.Atr, c.BreakoutInvalidation, 12);
    }

    [Fact]
    public void Exhaustion_of_a_long_rise_on_fading_volume_with_weak_flow()
    {
        // 40 bars rising 1 a bar (close 100 + i, high +0.5, low −0.5) on falling volume 100 − i
        var layer = new MesoLayer("BTCUSDT");
        for (var i = 0; i < 40; i++) layer.Apply(Five(i, 100.5 + i, 99.5 + i, 100 + i, 100 - i));
        var c = layer.FiveMinute.Last;
        Assert.Equal(1, c.MoveDirection);       // 139 > 134
        Assert.True(c.VolumeDivergence);        // (61+62+63+64+65) < (66+…+70)
        Assert.True(c.TimeDecay);               // above EMA(20) since bar 20: 20 bars > 12
        Assert.False(c.MomentumDivergence);     // RSI stays 100 (no losses): not lower at the new high
        Assert.Equal(0, c.BreakoutCount);       // constant TR 1.5 → no compression; RSI 100 → no coil; 139 is 0.7 % off 140

        var noFlow = Assert.IsType<MesoSignal>(layer.Output(40 * M5));
        // exhaustion 2 of 4 (order-flow weakness needs micro): completion 0.5, reversal direction −1
        Assert.Equal((MesoParameters.Exhaustion, 0.5, -1), (noFlow.Pattern, noFlow.Completion, noFlow.Direction));
        // Each bar with 2 of 4 components opened a reversal trial (stop = last 11 highs + 0.25 ATR ≈ close + 0.875) that
        // the next bar's high (close + 1.5) stopped out: the reversal never came, so P(reversal | exhaustion) learned
        // here sits below the seed's 0.68 — from failures only, and only those already resolved.
        var learned = layer.Outcomes.Estimate(MesoParameters.OutcomeKey(MesoParameters.Exhaustion, null), 0.68);
        Assert.Equal(0, learned.Successes);
        Assert.True(learned.Failures > 0);
        Assert.Equal(1, layer.Outcomes.Open); // the last bar's trial has no later bar yet
        Assert.Equal(13.6 / (20 + learned.Failures), learned.Mean, 12);
        // no 1m/1h bars → confluence 0: p = 0.5 + (learned − 0.5) × 0.5 × (0.5 + 0.5 × 0)
        Assert.Equal(0.5 + (learned.Mean - 0.5) * 0.25, noFlow.Probability, 12);
        // invalidation = highest high of the last 11 bars (139.5) + 0.25 ATR
        Assert.Equal(139.5 + 0.25 * c.Atr, noFlow.Invalidation.Price, 12);

        // micro: aggressor ratio 0.4 against the up move → order-flow weakness → 3 of 4
        var micro = new MicroEvidence("BTCUSDT", 40 * M5, [new MicroSignal(MicroSignalType.Flow, 0, 0.2, 60, 0.5, 0, "aggressor_ratio")], 0.4, 0, false);
        layer.Observe(new MacroContext("BTCUSDT", 0, new MacroSignal(Regime.Trending, 1, [], 1, 24)), null, micro, null);
        var withFlow = Assert.IsType<MesoSignal>(layer.Output(40 * M5));
        Assert.Equal(0.75, withFlow.Completion);
        // no exhaustion trial has resolved under "trending" yet, so its prior holds:
        // p = 0.5 + 0.18 × 0.75 × 0.5 = 0.5675 (the seed's 0.68 holds in any regime)
        Assert.Equal(0.5675, withFlow.Probability, 12);
        Assert.Single(withFlow.ChildSignals);
    }

    [Fact]
    public void Priors_are_the_seeds()
    {
        Assert.Equal(0.73, MesoParameters.Prior(MesoParameters.Breakout, Regime.Trending));
        Assert.Equal(0.31, MesoParameters.Prior(MesoParameters.Breakout, Regime.MeanReverting));
        Assert.Equal(0.5, MesoParameters.Prior(MesoParameters.Breakout, null));
        Assert.Equal(0.68, MesoParameters.Prior(MesoParameters.Exhaustion, Regime.Volatile));
        // full completion and full confluence keep the prior: 0.5 + (0.73 − 0.5) × 1 × 1
        Assert.Equal(0.73, MesoParameters.Probability(0.73, 1, 1), 12);
    }
}

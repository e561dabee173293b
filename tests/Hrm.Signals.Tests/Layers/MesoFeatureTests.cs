using Hrm.Protocol.Layers;
using Hrm.Protocol.Market;
using Hrm.Signals.Layers;
using Hrm.Signals.Meso;
using F = Hrm.Signals.Layers.FeatureSchema.Meso;

namespace Hrm.Signals.Tests.Layers;

/// <summary>The meso slice of the feature vector against a hand computation on 25 synthetic 5m bars.</summary>
public sealed class MesoFeatureTests
{
    private const long M5 = 300L * 1_000_000_000;

    private static double[] Features(MesoLayer layer, long ts)
    {
        var into = new double[F.Count];
        layer.WriteFeatures(ts, into);
        return into;
    }

    private static Bar FiveMinute(int i, double close, double halfRange, double volume) => new()
    {
        Symbol = "BTCUSDT",
        Venue = Venue.BinanceUsdm,
        TsEvent = (i + 1) * M5,
        TsInit = (i + 1) * M5,
        Period = BarPeriod.M5,
        Open = close,
        High = close + halfRange,
        Low = close - halfRange,
        Close = close,
        Volume = volume,
    };

    /// <summary>
    /// 24 bars closing at 100 (high 101, low 99, volume 10), then bar 25 closing at 100.5 with high 108.5, low 92.5,
    /// volume 25. Every true range is 2 until bar 25's 16, so ATR(14) = 2, then (13·2 + 16)/14 = 3; EMA(20) = 100, then
    /// 100 + (2/21)·0.5 = 100 + 1/21; RSI(14) = 50 on the flat run, then 100 (a gain, no loss). The previous 20 bars
    /// range over [99, 101].
    /// </summary>
    private static (MesoLayer Layer, long Ts) Sequence(int bars)
    {
        var layer = new MesoLayer("BTCUSDT");
        for (var i = 0; i < bars; i++)
        {
            layer.Apply(i < 24 ? FiveMinute(i, 100, 1, 10) : FiveMinute(i, 100.5, 8, 25));
        }

        return (layer, bars * M5);
    }

    [Fact]
    public void Continuous_bar_features_match_the_hand_computation()
    {
        var (layer, ts) = Sequence(25);
        var f = Features(layer, ts);

        Assert.Equal(5, f[F.TimeframeMinutes]);
        Assert.Equal(2.5, f[F.VolumeRatio], 12);                 // 25 / mean(10 × 20)
        Assert.Equal(3.0 / 2.0 - 1, f[F.AtrSlope], 12);          // ATR 3 against 2 five bars earlier
        Assert.Equal(100, f[F.Rsi], 12);
        Assert.Equal((101 - 100.5) / 3, f[F.RangeHighDistAtr], 12); // 1/6
        Assert.Equal((100.5 - 99) / 3, f[F.RangeLowDistAtr], 12);   // 0.5
        Assert.Equal((100.5 - 99) / (101 - 99), f[F.RangePosition], 12); // 0.75
        Assert.Equal((0.5 - 1.0 / 21) / 3, f[F.EmaDistAtr], 12);    // 19/126
        // trend sides: only the 5m period has bars; 100.5 above its EMA
        Assert.Equal(1, f[F.Trend5m]);
        Assert.True(double.IsNaN(f[F.Trend1m]));
        Assert.True(double.IsNaN(f[F.Trend15m]));
        Assert.True(double.IsNaN(f[F.Trend1h]));
    }

    [Fact]
    public void Pattern_features_are_what_the_output_reports()
    {
        var (layer, ts) = Sequence(25);
        var f = Features(layer, ts);
        var signal = Assert.IsType<MesoSignal>(layer.Output(ts));

        // volume 25 > 2 × 10: expansion; ATR not declining, RSI 100 not coiling, 100.5 is 0.5 % from 100: one breakout
        // component of four. The move over 5 bars is up (100.5 > 100), but no exhaustion component is present.
        Assert.Equal((1.0, 0.0, 0.0, 0.0), (f[F.VolumeExpansion], f[F.RangeCompression], f[F.MomentumBuildup], f[F.LiquidationCluster]));
        Assert.Equal((0.0, 0.0, 0.0, 0.0), (f[F.VolumeDivergence], f[F.MomentumDivergence], f[F.TimeDecay], f[F.FlowWeakness]));
        Assert.Equal(MesoParameters.Breakout, signal.Pattern);
        Assert.Equal((1.0, 0.0), (f[F.PatternBreakout], f[F.PatternExhaustion]));
        Assert.Equal(0.25, f[F.Completion]);
        Assert.Equal(signal.Completion, f[F.Completion]);
        Assert.Equal(1, f[F.Direction]); // inside the range, above its midpoint 100
        Assert.Equal(signal.Direction, f[F.Direction]);
        Assert.Equal(signal.Probability, f[F.Probability]);
        Assert.Equal(0, f[F.Confluence]); // no 1m or 1h trend side to align with
    }

    [Fact]
    public void Flow_weakness_comes_from_the_latest_micro_evidence()
    {
        var (layer, ts) = Sequence(25);
        // the 5-bar move is up; an aggressor ratio below 0.5 is flow against it
        layer.Observe(null, null, new MicroEvidence("BTCUSDT", ts, [], 0.3, 0, false), null);
        Assert.Equal(1, Features(layer, ts)[F.FlowWeakness]);
    }

    [Fact]
    public void Pattern_features_are_unavailable_until_an_engine_is_ready()
    {
        var (layer, ts) = Sequence(24);
        var f = Features(layer, ts);
        Assert.Null(layer.Output(ts));
        for (var i = 0; i < F.Count; i++)
        {
            if (i == F.Trend5m)
            {
                Assert.Equal(0, f[i]); // the EMA is ready after 20 bars; the close sits on it
                continue;
            }

            Assert.True(double.IsNaN(f[i]), FeatureSchema.Names[i]);
        }

        Assert.All(Features(new MesoLayer("BTCUSDT"), 0), v => Assert.True(double.IsNaN(v)));
        // components saved before the continuous values existed read as unavailable
        var old = new PatternComponents { Close = 100, Atr = 2, RangeHigh = 0, RangeLow = 0 };
        Assert.True(double.IsNaN(old.RangePosition));
        Assert.True(double.IsNaN(old.EmaDistanceAtr));
    }
}

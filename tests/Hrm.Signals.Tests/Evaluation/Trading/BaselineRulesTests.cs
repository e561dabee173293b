using Hrm.Protocol.Layers;
using Hrm.Signals.Evaluation.Trading;

namespace Hrm.Signals.Tests.Evaluation.Trading;

public sealed class BaselineRulesTests
{
    private const long D = 86_400_000_000_000;

    /// <summary>Monday 2024-01-01 00:00 UTC.</summary>
    private const long Monday = 1_704_067_200_000_000_000;

    private static LayerReading R(long ts, double mom1w, double mom4w, double vol) =>
        new(ts, "trending", 0, 0, 0, 0.5, 0, 0.1, 3600, new TrendFeatures(mom1w, mom4w, vol));

    private static AlphaSignal Signal(long seq, int direction, double size = 0.2, double stop = double.NaN, double take = double.NaN) =>
        new("BTCUSDT", seq, seq * 3_600_000_000_000, direction, 0.4, size, 3600, stop, take, "trending", "breakout", [], [], 100);

    [Fact]
    public void Vol_target_scales_to_forty_percent_and_trades_only_outside_its_band()
    {
        // vol 80 % → 0.5; 76 % → 0.526 (within 0.1: no trade); 50 % → 0.8 (trade); 20 % → capped at 1; unknown → flat.
        LayerReading[] readings = [R(0, 0, 0, 0.8), R(D, 0, 0, 0.76), R(2 * D, 0, 0, 0.5), R(3 * D, 0, 0, 0.2), R(4 * D, 0, 0, double.NaN)];
        var targets = PreRegisteredRules.VolTargetLong(readings);
        Assert.Equal([0.5, 0.8, 1.0, 0.0], targets.Select(t => t.Position));
        Assert.Equal([0, 2 * D, 3 * D, 4 * D], targets.Select(t => t.TsEvent));
        Assert.All(targets, t => Assert.Equal(0, t.HoldingSeconds));
    }

    [Fact]
    public void Tsmom_rebalances_at_the_first_decision_of_each_utc_week()
    {
        // Monday: both lookbacks up, vol 80 % → +1 × 0.5. Tuesday (same week): ignored though the signs flipped.
        // Next Monday: 1w down, 4w up → mean 0 → flat. The Monday after: both down, vol 40 % → −1.
        LayerReading[] readings =
        [
            R(Monday, 0.02, 0.1, 0.8), R(Monday + D, -0.05, -0.1, 0.8), R(Monday + 7 * D, -0.01, 0.03, 0.8),
            R(Monday + 14 * D + 3600, -0.01, -0.03, 0.4),
        ];
        var targets = PreRegisteredRules.TimeSeriesMomentum(readings);
        Assert.Equal([0.5, 0.0, -1.0], targets.Select(t => t.Position));
        Assert.Equal([Monday, Monday + 7 * D, Monday + 14 * D + 3600], targets.Select(t => t.TsEvent));
        Assert.Equal(PreRegisteredRules.Week(Monday), PreRegisteredRules.Week(Monday + 7 * D - 1));
        Assert.Equal(PreRegisteredRules.Week(Monday) + 1, PreRegisteredRules.Week(Monday + 7 * D));
    }

    [Fact]
    public void The_placebo_keeps_times_sizes_and_episodes_and_mirrors_the_levels_it_flips()
    {
        // Episodes: long (1, 2: a resize), flat (3), short (4). Each episode has one coin, so 1 and 2 share a sign.
        AlphaSignal[] signals = [Signal(1, 1, 0.2, 95, 110), Signal(2, 1, 0.3, 95, 110), Signal(3, 0), Signal(4, -1, 0.1, 104, 92)];
        var flips = 0;
        for (var draw = 0; draw < 64; draw++)
        {
            var placebo = RandomSignPlacebo.Signals(signals, RandomSignPlacebo.Seed("BTCUSDT", 0, draw));
            Assert.Equal(signals.Select(s => (s.TsEvent, s.Size, s.HoldingPeriodSeconds, s.Confidence)),
                placebo.Select(s => (s.TsEvent, s.Size, s.HoldingPeriodSeconds, s.Confidence)));
            Assert.Equal(placebo[0].Direction, placebo[1].Direction);
            Assert.Equal(0, placebo[2].Direction);
            if (placebo[0].Direction != signals[0].Direction)
            {
                flips++;
                Assert.Equal((105.0, 90.0), (placebo[0].StopLoss, placebo[0].TakeProfit));
            }
        }

        // a fair coin over 64 draws: far from always or never
        Assert.InRange(flips, 16, 48);
        // deterministic
        Assert.Equal(RandomSignPlacebo.Signals(signals, 42), RandomSignPlacebo.Signals(signals, 42));
    }
}

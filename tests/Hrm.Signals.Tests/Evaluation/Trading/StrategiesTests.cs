using Hrm.Protocol.Layers;
using Hrm.Signals.Evaluation;
using Hrm.Signals.Evaluation.Trading;
using Hrm.Signals.Macro;
using Hrm.Signals.Meso;

namespace Hrm.Signals.Tests.Evaluation.Trading;

/// <summary>Target streams for the hierarchy and the baselines; hand-computed sizes in the comments.</summary>
public sealed class StrategiesTests
{
    private const long S = Protocol.EventTime.NanosPerSecond;

    private static AlphaSignal Signal(long seconds, int direction, double confidence, double size) =>
        new("BTCUSDT", 1, seconds * S, direction, confidence, size, 3600, direction > 0 ? 99 : 101,
            direction > 0 ? 102 : 98, "trending", MesoParameters.Breakout, [], [], 100);

    private static MacroSignal Macro(Regime regime = Regime.Trending, string direction = MacroParameters.DirectionUp) =>
        new(regime, 0.8, [direction], 0.5, 24);

    private static MesoSignal Meso(int direction = 1, double probability = 0.7) =>
        new(MesoParameters.Breakout, 1, probability, [], new PatternLevel(99, "back_inside_range"), [], direction);

    // net score = +1 × 0.8 × 0.5 − 1 × 0.2 × 0.5 = 0.4 − 0.1 = 0.3
    private static MicroEvidence Micro(int direction = 1) =>
        new("BTCUSDT", 0, [
            new MicroSignal(MicroSignalType.Flow, direction, 0.5, 60, 0.8, 0, "aggressor_ratio"),
            new MicroSignal(MicroSignalType.Book, -direction, 0.5, 60, 0.2, 0, "book_imbalance"),
        ], 0.7, 0.3, false);

    [Fact]
    public void The_hierarchy_trades_direction_times_size_with_p_from_the_confidence()
    {
        var targets = Strategies.FromSignals([Signal(10, -1, 0.4, 0.2), Signal(20, 0, 0.05, 0)]);
        // short: position −1 × 0.2; p = 0.5 + 0.4/2 = 0.7 that the short is right; stop 101, take profit 98
        Assert.Equal(new PositionTarget(10 * S, -0.2, 3600, 101, 98, "trending", 0.7), targets[0]);
        // flat: no position, no levels, no call
        Assert.Equal(0, targets[1].Position);
        Assert.True(double.IsNaN(targets[1].StopLoss) && double.IsNaN(targets[1].Probability));
    }

    [Fact]
    public void A_reading_uses_the_integrators_definitions()
    {
        var r = LayerReading.FromLayers(5 * S, Macro(), Meso(), Micro());
        Assert.Equal(("trending", 1, 0.8, 1, 0.7), (r.Regime, r.MacroDirection, r.MacroStrength, r.MesoDirection, r.MesoProbability));
        Assert.Equal(0.3, r.MicroScore, 12);
        // cap = risk budget 0.5 × meso probability 0.7 = 0.35; holding = min(breakout 3600 s, 24 h)
        Assert.Equal(0.35, r.SizeCap, 12);
        Assert.Equal(3600, r.HoldingSeconds);
        // a ranging macro has no trend direction
        Assert.Equal(0, LayerReading.FromLayers(5 * S, Macro(Regime.MeanReverting), Meso(), Micro()).MacroDirection);
    }

    [Fact]
    public void Each_baseline_sizes_within_the_same_cap()
    {
        var r = LayerReading.FromLayers(5 * S, Macro(), Meso(), Micro());
        // macro: +1 × strength 0.8 × cap 0.35 = 0.28
        Assert.Equal(0.28, Strategies.MacroRule(r).Position, 12);
        // meso: +1 × (2 × 0.7 − 1 = 0.4) × 0.35 = 0.14, with the pattern's p = 0.7
        Assert.Equal(0.14, Strategies.MesoRule(r).Position, 12);
        Assert.Equal(0.7, Strategies.MesoRule(r).Probability);
        // micro: sign(0.3) × 0.35; naive: sign((1 + 1 + 1)/3) × 0.35
        Assert.Equal(0.35, Strategies.MicroRule(r).Position, 12);
        Assert.Equal(0.35, Strategies.NaiveRule(r).Position, 12);
    }

    [Fact]
    public void The_naive_average_follows_the_majority_and_macro_alone_needs_a_trend()
    {
        // macro down (−1), meso up (+1), micro up (+1): mean 1/3 > 0 → long at the cap; macro alone is short
        var r = LayerReading.FromLayers(5 * S, Macro(direction: MacroParameters.DirectionDown), Meso(), Micro());
        Assert.Equal(0.35, Strategies.NaiveRule(r).Position, 12);
        Assert.Equal(-0.28, Strategies.MacroRule(r).Position, 12);
        // macro down, meso down, micro up: mean −1/3 → short
        r = LayerReading.FromLayers(5 * S, Macro(direction: MacroParameters.DirectionDown), Meso(-1), Micro());
        Assert.Equal(-0.35, Strategies.NaiveRule(r).Position, 12);
        // volatile regime: macro alone is flat; a coin-flip pattern (p = 0.5) gives meso alone no size
        r = LayerReading.FromLayers(5 * S, Macro(Regime.Volatile), Meso(probability: 0.5), Micro());
        Assert.Equal(0, Strategies.MacroRule(r).Position);
        Assert.Equal(0, Strategies.MesoRule(r).Position);
    }

    [Fact]
    public void Baselines_emit_only_when_their_position_changes()
    {
        var readings = new[]
        {
            LayerReading.FromLayers(1 * S, Macro(), Meso(), Micro()),
            LayerReading.FromLayers(2 * S, Macro(), Meso(), Micro()), // same: no target (the holding clock keeps running)
            LayerReading.FromLayers(3 * S, Macro(), Meso(), Micro(-1)), // micro flips
        };
        var targets = Strategies.Baseline(Strategies.MicroAlone, readings);
        Assert.Equal([1 * S, 3 * S], targets.Select(t => t.TsEvent).ToArray());
        Assert.Equal([0.35, -0.35], targets.Select(t => Math.Round(t.Position, 12)).ToArray());
        Assert.All(targets, t => Assert.Equal(3600, t.HoldingSeconds));
        Assert.All(targets, t => Assert.True(double.IsNaN(t.StopLoss) && double.IsNaN(t.TakeProfit)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Strategies.Baseline("nope", readings));
    }

    [Fact]
    public void Buy_and_hold_is_stamped_just_before_the_first_price()
    {
        var bars = new[] { PriceBar.Tick(7 * S, 100), PriceBar.Tick(8 * S, 101) };
        var t = Assert.Single(Strategies.BuyAndHoldTargets(bars));
        Assert.Equal((7 * S - 1, 1.0, 0L), (t.TsEvent, t.Position, t.HoldingSeconds));
        Assert.Empty(Strategies.BuyAndHoldTargets([]));
    }
}

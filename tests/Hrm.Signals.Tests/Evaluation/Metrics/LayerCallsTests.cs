using Hrm.Protocol.Layers;
using Hrm.Signals.Evaluation;
using Hrm.Signals.Evaluation.Metrics;
using Hrm.Signals.Meso;

namespace Hrm.Signals.Tests.Evaluation.Metrics;

/// <summary>The layers' calls read off published <see cref="LayerOutputs"/>; expected values are worked out in the comments.</summary>
public sealed class LayerCallsTests
{
    private const long S = 1_000_000_000;
    private const long H = 3600 * S;

    private static LayerOutputs Tick(long ts, double price, MacroSignal? macro = null, MesoSignal? meso = null, MicroEvidence? micro = null) =>
        new("BTCUSDT", ts, price, macro, meso, micro);

    private static MacroSignal Macro(Regime regime, int timeframeHours, params string[] drivers) =>
        new(regime, 0.8, drivers, 0.5, timeframeHours);

    private static MacroSignal Up(int timeframeHours = 4) => Macro(Regime.Trending, timeframeHours, "direction:up");

    private static MesoSignal Pattern(string name, int direction, double invalidation, double probability = 0.6) =>
        new(name, 1.0, probability, [], new PatternLevel(invalidation, "invalidation"), [], direction);

    private static MicroEvidence Flow(double orderFlowImbalance, params MicroSignal[] signals) =>
        new("BTCUSDT", 0, signals, 0.5, orderFlowImbalance, false);

    private static MicroSignal Signal(string name, int direction, int durationSeconds) =>
        new(MicroSignalType.Flow, direction, 0.5, durationSeconds, 0.5, 1.0, name);

    // ---------------------------------------------------------------- regimes

    [Fact]
    public void Regime_call_on_change_of_regime_or_direction_and_ticks_without_macro_are_skipped()
    {
        // Hourly, 4 h timeframe (horizon 14 400 s), so no re-affirmation inside these 5 h:
        //   0h trending up → call (new).  1h no macro → skipped, the claim still stands.  2h trending up → none.
        //   3h trending down → call (direction changed).  4h mean_reverting (a direction driver is ignored outside
        //   trending: direction 0) → call.  5h mean_reverting → none.
        LayerOutputs[] outputs =
        [
            Tick(0, 100, Up()), Tick(H, 100), Tick(2 * H, 100, Up()),
            Tick(3 * H, 100, Macro(Regime.Trending, 4, "direction:down")),
            Tick(4 * H, 100, Macro(Regime.MeanReverting, 4, "direction:up")), Tick(5 * H, 100, Macro(Regime.MeanReverting, 4)),
        ];
        RegimeCall[] expected =
        [
            new(0, Regime.Trending, 1, 14_400), new(3 * H, Regime.Trending, -1, 14_400), new(4 * H, Regime.MeanReverting, 0, 14_400),
        ];
        Assert.Equal(expected, LayerCalls.Regimes(outputs));
    }

    [Fact]
    public void Standing_regime_claim_is_reaffirmed_once_per_horizon()
    {
        // Trending up at every hour 0..5 with a 2 h timeframe: call at 0, none at 1h (1h < 2h), again at 2h (= 2h),
        // none at 3h, again at 4h, none at 5h.
        var outputs = Enumerable.Range(0, 6).Select(i => Tick(i * H, 100, Up(timeframeHours: 2))).ToArray();
        Assert.Equal([0, 2 * H, 4 * H], LayerCalls.Regimes(outputs).Select(c => c.TsEvent));
        Assert.All(LayerCalls.Regimes(outputs), c => Assert.Equal(7200, c.HorizonSeconds));
    }

    [Fact]
    public void A_regime_change_restarts_the_horizon_clock()
    {
        // 3 h timeframe: volatile at 0 → call; accumulation at 1h → call (changed); 2h, 3h → none (1h, 2h since 1h);
        // 4h → call (3h since the 1h call, not 4h since the first); 5h → none.
        LayerOutputs[] outputs =
        [
            Tick(0, 100, Macro(Regime.Volatile, 3)),
            ..Enumerable.Range(1, 5).Select(i => Tick(i * H, 100, Macro(Regime.Accumulation, 3))),
        ];
        RegimeCall[] expected = [new(0, Regime.Volatile, 0, 10_800), new(H, Regime.Accumulation, 0, 10_800), new(4 * H, Regime.Accumulation, 0, 10_800)];
        Assert.Equal(expected, LayerCalls.Regimes(outputs));
    }

    [Fact]
    public void Trending_without_a_direction_driver_is_direction_zero()
    {
        Assert.Equal([new RegimeCall(0, Regime.Trending, 0, 14_400)], LayerCalls.Regimes([Tick(0, 100, Macro(Regime.Trending, 4))]));
    }

    // ---------------------------------------------------------------- patterns

    [Fact]
    public void Pattern_call_on_appearance_and_on_change_of_pattern_or_direction_but_not_on_trailing_levels()
    {
        // R: breakout 2, exhaustion 1.5. Holding: breakout 3600 s, exhaustion 1800 s.
        //   0   no meso → none.
        //   60s breakout long at 100, invalidation 99 under trending macro: risk 1, target 100 + 2·1 = 102, stop 99.
        //   120s same breakout, ref 101, invalidation trailed to 100 → none (same pattern and direction).
        //   180s exhaustion long at 101, invalidation 100: risk 1, target 101 + 1.5 = 102.5, stop 100; no macro.
        //   240s exhaustion short at 101, invalidation 102: risk 1, target 101 − 1.5 = 99.5, stop 102.
        LayerOutputs[] outputs =
        [
            Tick(0, 100),
            Tick(60 * S, 100, Up(), Pattern(MesoParameters.Breakout, 1, 99, 0.7)),
            Tick(120 * S, 101, Up(), Pattern(MesoParameters.Breakout, 1, 100, 0.7)),
            Tick(180 * S, 101, meso: Pattern(MesoParameters.Exhaustion, 1, 100, 0.65)),
            Tick(240 * S, 101, meso: Pattern(MesoParameters.Exhaustion, -1, 102, 0.55)),
        ];
        PatternCall[] expected =
        [
            new(60 * S, "breakout", "trending", 1, 102, 99, 3600, 0.7),
            new(180 * S, "exhaustion", "unavailable", 1, 102.5, 100, 1800, 0.65),
            new(240 * S, "exhaustion", "unavailable", -1, 99.5, 102, 1800, 0.55),
        ];
        Assert.Equal(expected, LayerCalls.Patterns(outputs));
    }

    [Fact]
    public void Pattern_reappearing_after_a_gap_is_a_new_call()
    {
        // breakout long (60s), nothing (120s), the same breakout long again (180s) → two calls.
        LayerOutputs[] outputs =
        [
            Tick(60 * S, 100, meso: Pattern(MesoParameters.Breakout, 1, 99)),
            Tick(120 * S, 100),
            Tick(180 * S, 100, meso: Pattern(MesoParameters.Breakout, 1, 99)),
        ];
        Assert.Equal([60 * S, 180 * S], LayerCalls.Patterns(outputs).Select(c => c.TsEvent));
    }

    [Fact]
    public void Invalidation_on_the_wrong_side_gives_the_mirrored_stop()
    {
        // Long at 100 with invalidation 100.5 (above): risk 0.5 → stop 100 − 0.5 = 99.5, target 100 + 2·0.5 = 101.
        // Short at 100 with invalidation 99 (below): risk 1 → stop 100 + 1 = 101, target 100 − 2·1 = 98.
        LayerOutputs[] outputs =
        [
            Tick(0, 100, meso: Pattern(MesoParameters.Breakout, 1, 100.5)),
            Tick(60 * S, 100, meso: Pattern(MesoParameters.Breakout, -1, 99)),
        ];
        var calls = LayerCalls.Patterns(outputs);
        Assert.Equal([(101.0, 99.5), (98.0, 101.0)], calls.Select(c => (c.Target, c.Invalidation)));
    }

    [Fact]
    public void Unknown_pattern_uses_reward_multiple_one_and_the_default_holding()
    {
        // "double_bottom" is neither breakout nor exhaustion: R 1, holding 900 s. Long at 50, invalidation 48:
        // risk 2, target 52, stop 48.
        var calls = LayerCalls.Patterns([Tick(0, 50, meso: Pattern("double_bottom", 1, 48))]);
        Assert.Equal([new PatternCall(0, "double_bottom", "unavailable", 1, 52, 48, 900, 0.6)], calls);
    }

    [Fact]
    public void No_pattern_call_for_zero_risk_pattern_none_direction_zero_or_no_reference_price()
    {
        Assert.Empty(LayerCalls.Patterns([Tick(0, 100, meso: Pattern(MesoParameters.Breakout, 1, 100))]));
        Assert.Empty(LayerCalls.Patterns([Tick(0, 100, meso: Pattern(MesoParameters.None, 1, 99))]));
        Assert.Empty(LayerCalls.Patterns([Tick(0, 100, meso: Pattern(MesoParameters.Breakout, 0, 99))]));
        Assert.Empty(LayerCalls.Patterns([Tick(0, 0, meso: Pattern(MesoParameters.Breakout, 1, 99))]));
    }

    // ---------------------------------------------------------------- micro

    [Fact]
    public void Micro_call_per_signal_name_on_appearance_or_flip_with_the_ticks_absolute_imbalance_as_toxicity()
    {
        //   0s  OFI −0.3: flow long 5 s appears → call (0, +1, 5, 0.3).
        //   1s  OFI 0.5: flow long stands → none; book short 10 s appears → call (1s, −1, 10, 0.5).
        //   2s  OFI 0.2: flow flips short → call (2s, −1, 5, 0.2); book short stands → none.
        //   3s  OFI −0.9: flow neutral (direction 0: not a call, and the signal is gone); book stands → none.
        //   4s  OFI 0.4: flow short again → call (4s, −1, 5, 0.4); book stands → none.
        LayerOutputs[] outputs =
        [
            Tick(0, 100, micro: Flow(-0.3, Signal("flow", 1, 5))),
            Tick(1 * S, 100, micro: Flow(0.5, Signal("flow", 1, 5), Signal("book", -1, 10))),
            Tick(2 * S, 100, micro: Flow(0.2, Signal("flow", -1, 5), Signal("book", -1, 10))),
            Tick(3 * S, 100, micro: Flow(-0.9, Signal("flow", 0, 5), Signal("book", -1, 10))),
            Tick(4 * S, 100, micro: Flow(0.4, Signal("flow", -1, 5), Signal("book", -1, 10))),
        ];
        MicroCall[] expected = [new(0, 1, 5, 0.3), new(1 * S, -1, 10, 0.5), new(2 * S, -1, 5, 0.2), new(4 * S, -1, 5, 0.4)];
        Assert.Equal(expected, LayerCalls.Micro(outputs));
    }

    [Fact]
    public void Micro_signal_with_no_duration_is_not_a_call()
    {
        Assert.Empty(LayerCalls.Micro([Tick(0, 100, micro: Flow(0.5, Signal("flow", 1, 0)))]));
    }

    // ---------------------------------------------------------------- prices and readings

    [Fact]
    public void Prices_leave_out_ticks_without_a_reference_price()
    {
        LayerOutputs[] outputs = [Tick(0, 100), Tick(S, 0), Tick(2 * S, 101)];
        Assert.Equal([new PricePoint(0, 100), new PricePoint(2 * S, 101)], LayerCalls.Prices(outputs));
    }

    [Fact]
    public void One_reading_per_tick()
    {
        // Tick 0: trending up (strength 0.8, risk budget 0.5, 4 h), breakout long p 0.7, flow long magnitude 0.5 ·
        //   confidence 0.5 → micro score 0.25; size cap 0.5 · 0.7 = 0.35; holding min(3600, 4·3600) = 3600.
        // Tick 1 (reference price 0, still a reading): nothing → "unavailable", flat, p 0.5, score 0,
        //   size cap 0.25 (default budget) · 0.5 = 0.125, holding 900 (pattern none).
        LayerOutputs[] outputs =
        [
            Tick(0, 100, Up(), Pattern(MesoParameters.Breakout, 1, 99, 0.7), Flow(0.1, Signal("flow", 1, 5))),
            Tick(S, 0),
        ];
        var readings = LayerCalls.Readings(outputs);
        Assert.Equal(2, readings.Count);
        var (first, second) = (readings[0], readings[1]);
        Assert.Equal((0L, "trending", 1, 0.8, 1, 0.7, 3600L), (first.TsEvent, first.Regime, first.MacroDirection, first.MacroStrength, first.MesoDirection, first.MesoProbability, first.HoldingSeconds));
        Assert.Equal(0.25, first.MicroScore, 12);
        Assert.Equal(0.35, first.SizeCap, 12);
        Assert.Equal((S, "unavailable", 0, 0, 0.5, 0.0, 900L), (second.TsEvent, second.Regime, second.MacroDirection, second.MesoDirection, second.MesoProbability, second.MicroScore, second.HoldingSeconds));
        Assert.Equal(0.125, second.SizeCap, 12);
    }
}

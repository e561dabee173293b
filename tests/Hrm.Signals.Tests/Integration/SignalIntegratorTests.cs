using Hrm.Protocol.Layers;
using Hrm.Signals.Integration;
using Hrm.Signals.Macro;
using Hrm.Signals.Meso;

namespace Hrm.Signals.Tests.Integration;

/// <summary>Synthetic layer outputs (formula and rule checks); the arithmetic is in the comments.</summary>
public sealed class SignalIntegratorTests
{
    private static MacroSignal Trend(double riskBudget = 1.0, params string[] extra) =>
        new(Regime.Trending, 1.0, [MacroParameters.DirectionUp, .. extra], riskBudget, 24);

    private static MesoSignal Breakout(int direction = 1, double probability = 0.73) =>
        new(MesoParameters.Breakout, 1.0, probability, [new PatternLevel(99.5, "breakout_level")],
            new PatternLevel(direction > 0 ? 99 : 101, "back_inside_range"), [], direction);

    private static MicroEvidence Flow(int direction, double confidence = 1.0, double magnitude = 0.5) =>
        new("BTCUSDT", 0, [new MicroSignal(MicroSignalType.Flow, direction, magnitude, 60, confidence, 0, "aggressor_ratio"),
            new MicroSignal(MicroSignalType.Flow, 0, 0.2, 10, 0.2, 0, "quote_stuffing")], 0.8, 1.0, false);

    [Fact]
    public void Log_odds_add_up_across_the_three_layers()
    {
        var d = SignalIntegrator.Evaluate(100, Trend(), Breakout(), Flow(+1));
        // prior = direction(+1) × strength(1) × ln 3 = 1.098612
        Assert.Equal(Math.Log(3), d.PriorLogOdds, 12);
        // meso LLR = ln(0.73/0.27) = 0.994623
        Assert.Equal(Math.Log(0.73 / 0.27), d.MesoLogLikelihood, 12);
        // micro LLR = +1 × (confidence 1 × magnitude 0.5) × ln(h/(1 − h)) with h = prior hit rate 0.6 (nothing learned
        // yet): 0.5 × ln 1.5 = 0.202733 (quote_stuffing has no direction)
        Assert.Equal(0.5 * Math.Log(1.5), d.MicroLogLikelihood, 12);
        // L = 1.098612 + 0.994623 + 0.202733 = 2.295967; p_up = 1/(1 + e^−L) = 0.908543; confidence = 2p − 1 = 0.817085
        Assert.Equal(0.9085425111526984, d.PosteriorUp, 12);
        Assert.Equal(0.8170850223053967, d.Confidence, 12);
        Assert.Equal(1, d.Direction);
        // stop = invalidation 99 (risk 1), take profit = 100 + 2 × 1 = 102 (breakout reward 2R)
        Assert.Equal((99.0, 102.0), (d.StopLoss, d.TakeProfit));
        // half Kelly: p = 0.908543, b = 2: (p − (1 − p)/2)/2 = (0.908543 − 0.045729)/2 = 0.431407 < cap 1 × 0.73
        Assert.Equal(0.43140688336452376, d.Size, 12);
        Assert.Equal(3600, d.HoldingPeriodSeconds); // breakout 1 h, under the 24 h macro timeframe
        Assert.Equal(["aggressor_ratio"], d.MicroDrivers);
        Assert.Empty(d.Rules);
    }

    [Fact]
    public void Micro_meso_disagreement_halves_confidence_and_is_recorded()
    {
        var d = SignalIntegrator.Evaluate(100, Trend(), Breakout(), Flow(-1));
        // L = 1.098612 + 0.994623 − 0.202733 = 1.890502; p = 0.868813; 2p − 1 = 0.737626; halved = 0.368813
        Assert.Equal(0.36881279299005776, d.Confidence, 12);
        Assert.Equal(1, d.Direction);
        Assert.Contains(SignalIntegrator.RuleConsistency, d.Rules);
        // size uses the halved confidence: p_win = 0.5 + 0.368813/2 = 0.684406; (0.684406 − 0.315594/2)/2 = 0.263305
        Assert.Equal(0.26330479737127166, d.Size, 12);
    }

    [Fact]
    public void A_pattern_inappropriate_for_the_regime_is_rejected()
    {
        var ranging = new MacroSignal(Regime.MeanReverting, 0.8, [], 0.5, 12);
        var d = SignalIntegrator.Evaluate(100, ranging, Breakout(), Flow(+1));
        Assert.True(d.Rejected);
        Assert.Equal((0, 0.0, 0.0), (d.Direction, d.Confidence, d.Size));
        Assert.Contains(SignalIntegrator.RuleRegime + ":breakout_in_mean_reverting", d.Rules);

        // An exhaustion reversal against an up trend is rejected; one with the trend (a pullback ending) is not.
        var against = new MesoSignal(MesoParameters.Exhaustion, 0.75, 0.6, [], new PatternLevel(101, "x"), [], -1);
        var with = against with { Direction = 1, Invalidation = new PatternLevel(99, "x") };
        Assert.True(SignalIntegrator.Evaluate(100, Trend(), against, Flow(-1)).Rejected);
        Assert.False(SignalIntegrator.Evaluate(100, Trend(), with, Flow(+1)).Rejected);

        // Decide: nothing to emit when flat after flat; a flat signal listing the rule after a long one.
        var integrator = new SignalIntegrator();
        Assert.Null(integrator.Decide("BTCUSDT", 1, 10, 100, ranging, Breakout(), Flow(+1)));
        Assert.NotNull(integrator.Decide("BTCUSDT", 1, 20, 100, Trend(), Breakout(), Flow(+1)));
        var flat = integrator.Decide("BTCUSDT", 2, 30, 100, ranging, Breakout(), Flow(+1));
        Assert.NotNull(flat);
        Assert.Equal(0, flat.Direction);
        Assert.Contains(SignalIntegrator.RuleRegime + ":breakout_in_mean_reverting", flat.Rules);
    }

    [Fact]
    public void Size_is_capped_by_risk_budget_times_meso_probability()
    {
        var d = SignalIntegrator.Evaluate(100, Trend(riskBudget: 0.2), Breakout(), Flow(+1));
        // half Kelly 0.447819 > cap 0.2 × 0.73 = 0.146
        Assert.Equal(0.2 * 0.73, d.Size, 12);
        Assert.Contains(SignalIntegrator.RuleMagnitude, d.Rules);
    }

    [Fact]
    public void A_stop_on_the_wrong_side_is_mirrored_and_recorded()
    {
        // meso says up with invalidation 99, but a strong down flow and a down trend make the posterior short
        var down = new MacroSignal(Regime.Trending, 1.0, [MacroParameters.DirectionDown], 1.0, 24);
        var weakUp = Breakout(probability: 0.55);
        var d = SignalIntegrator.Evaluate(100, down, weakUp, Flow(-1, 1, 1));
        // L = −ln 3 + ln(0.55/0.45) − 1 = −1.098612 + 0.200671 − 1 = −1.897942 → short
        Assert.Equal(-1, d.Direction);
        Assert.Contains(SignalIntegrator.RuleStopMirrored, d.Rules);
        Assert.Equal((101.0, 98.0), (d.StopLoss, d.TakeProfit)); // stop mirrored to 100 + 1, target 100 − 2 × 1
    }

    [Fact]
    public void Without_macro_the_prior_is_neutral_without_micro_there_is_no_flow_update_and_without_meso_nothing()
    {
        var d = SignalIntegrator.Evaluate(100, null, Breakout(), Flow(+1));
        Assert.Equal(0.0, d.PriorLogOdds);
        Assert.Contains(SignalIntegrator.RuleNoMacro, d.Rules);
        Assert.Null(new SignalIntegrator().Decide("BTCUSDT", 1, 0, 100, Trend(), null, Flow(+1)));

        // No micro: L = prior ln 3 + meso ln(0.73/0.27) = 2.093235, no micro term; p = 0.890213, confidence 0.780426
        var noFlow = SignalIntegrator.Evaluate(100, Trend(), Breakout(), null);
        Assert.Equal(0.0, noFlow.MicroLogLikelihood);
        Assert.Contains(SignalIntegrator.RuleNoMicro, noFlow.Rules);
        Assert.Empty(noFlow.MicroDrivers);
        Assert.Equal(1 / (1 + Math.Exp(-(Math.Log(3) + Math.Log(0.73 / 0.27)))), noFlow.PosteriorUp, 12);
        var integrator = new SignalIntegrator();
        var withoutMicro = integrator.Decide("BTCUSDT", 1, 0, 100, Trend(), Breakout(), null);
        Assert.NotNull(withoutMicro);
        Assert.Contains(SignalIntegrator.RuleNoMicro, withoutMicro.Rules);
        Assert.Equal(0, integrator.Flow.Open); // nothing to learn about flow

        var s = new SignalIntegrator().Decide("BTCUSDT", 1, 0, 100, null, Breakout(), Flow(+1));
        Assert.NotNull(s);
        Assert.Equal("unavailable", s.Regime);
    }

    [Fact]
    public void Emits_only_on_direction_change_or_a_confidence_move_of_at_least_a_tenth()
    {
        var integrator = new SignalIntegrator();
        var first = integrator.Decide("BTCUSDT", 7, 100, 100, Trend(), Breakout(), Flow(+1));
        Assert.NotNull(first);
        Assert.Equal((7L, 100L, 1, "trending", "breakout"), (first.Sequence, first.TsEvent, first.Direction, first.Regime, first.Pattern));
        Assert.Null(integrator.Decide("BTCUSDT", 8, 200, 100, Trend(), Breakout(), Flow(+1))); // same view
        // confidence 0.860850 → 0.85 magnitude: L = 1.098612 + 0.994623 + 0.51 … moves < 0.1: nothing
        Assert.Null(integrator.Decide("BTCUSDT", 8, 300, 100, Trend(), Breakout(), Flow(+1, magnitude: 0.51)));
        // disagreement halves confidence (0.86 → 0.33): emitted
        var halved = integrator.Decide("BTCUSDT", 8, 400, 100, Trend(), Breakout(), Flow(-1));
        Assert.NotNull(halved);
        Assert.Equal(8, halved.Sequence);

        var restored = SignalIntegrator.Restore(integrator.ExportState());
        Assert.Equal((integrator.LastDirection, integrator.LastConfidence), (restored.LastDirection, restored.LastConfidence));
        Assert.Null(restored.Decide("BTCUSDT", 9, 500, 100, Trend(), Breakout(), Flow(-1)));
    }
}

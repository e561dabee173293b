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
        // meso LLR = ln(R · p/(1 − p)) = ln(2 · 0.73/0.27) = 1.687770: the odds of reaching 2R before the stop over a
        // driftless price's 1 : 2
        Assert.Equal(Math.Log(2 * 0.73 / 0.27), d.MesoLogLikelihood, 12);
        // micro LLR = +1 × (confidence 1 × magnitude 0.5) × ln(h/(1 − h)) with h = prior hit rate 0.6 (nothing learned
        // yet): 0.5 × ln 1.5 = 0.202733 (quote_stuffing has no direction)
        Assert.Equal(0.5 * Math.Log(1.5), d.MicroLogLikelihood, 12);
        // L = 1.098612 + 1.687770 + 0.202733 = 2.989115; p_up = 1/(1 + e^−L) = 0.952080; confidence = 2p − 1 = 0.904160
        Assert.Equal(0.952079930987723, d.PosteriorUp, 12);
        Assert.Equal(0.9041598619754461, d.Confidence, 12);
        Assert.Equal(1, d.Direction);
        // stop = invalidation 99 (risk 1), take profit = 100 + 2 × 1 = 102 (breakout reward 2R)
        Assert.Equal((99.0, 102.0), (d.StopLoss, d.TakeProfit));
        // the 2 : 1 bet wins with odds e^L / 2 = 9.933…: p_win = 0.908543; edge (2 · 0.908543 − 0.091457) · 1% = 1.73% > 10 bps
        // half Kelly, b = 2: (p_win − (1 − p_win)/2)/2 = (0.908543 − 0.045729)/2 = 0.431407 < cap 1 × 0.73
        Assert.Equal(0.43140688336452376, d.Size, 12);
        Assert.Equal(3600, d.HoldingPeriodSeconds); // breakout 1 h, under the 24 h macro timeframe
        Assert.Equal(["aggressor_ratio"], d.MicroDrivers);
        Assert.Empty(d.Rules);
    }

    [Fact]
    public void Micro_meso_disagreement_halves_confidence_and_is_recorded()
    {
        var d = SignalIntegrator.Evaluate(100, Trend(), Breakout(), Flow(-1));
        // L = 1.098612 + 1.687770 − 0.202733 = 2.583649; p = 0.929802; 2p − 1 = 0.859604; halved = 0.429802
        Assert.Equal(0.42980184665792787, d.Confidence, 12);
        Assert.Equal(1, d.Direction);
        Assert.Contains(SignalIntegrator.RuleConsistency, d.Rules);
        // size uses the halved confidence: p = 0.5 + 0.429802/2 = 0.714901, odds 2.507… over R = 2: p_win = 0.556300;
        // (0.556300 − 0.443700/2)/2 = 0.167225
        Assert.Equal(0.16722517915556406, d.Size, 12);
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
        // half Kelly 0.431407 > cap 0.2 × 0.73 = 0.146
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
        // L = −ln 3 + ln(2 · 0.55/0.45) − 1 = −1.098612 + 0.893818 − 1 = −1.204794 → short
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

        // No micro: L = prior ln 3 + meso ln(2 · 0.73/0.27) = 2.786382, no micro term; p = 0.941935
        var noFlow = SignalIntegrator.Evaluate(100, Trend(), Breakout(), null);
        Assert.Equal(0.0, noFlow.MicroLogLikelihood);
        Assert.Contains(SignalIntegrator.RuleNoMicro, noFlow.Rules);
        Assert.Empty(noFlow.MicroDrivers);
        Assert.Equal(1 / (1 + Math.Exp(-(Math.Log(3) + Math.Log(2 * 0.73 / 0.27)))), noFlow.PosteriorUp, 12);
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
        // magnitude 0.5 → 0.51: L = 2.989115 → 2.993170, confidence 0.904160 → 0.904510, moves < 0.1: nothing
        Assert.Null(integrator.Decide("BTCUSDT", 8, 300, 100, Trend(), Breakout(), Flow(+1, magnitude: 0.51)));
        // disagreement halves confidence (0.90 → 0.43): emitted
        var halved = integrator.Decide("BTCUSDT", 8, 400, 100, Trend(), Breakout(), Flow(-1));
        Assert.NotNull(halved);
        Assert.Equal(8, halved.Sequence);

        var restored = SignalIntegrator.Restore(integrator.ExportState());
        Assert.Equal((integrator.LastDirection, integrator.LastConfidence), (restored.LastDirection, restored.LastConfidence));
        Assert.Null(restored.Decide("BTCUSDT", 9, 500, 100, Trend(), Breakout(), Flow(-1)));
    }

    [Fact]
    public void A_pattern_no_better_than_chance_carries_no_evidence()
    {
        // p = 1/(1 + R) = 1/3 for a 2R breakout is what a driftless price does: ln(2 · (1/3)/(2/3)) = ln 1 = 0
        var d = SignalIntegrator.Evaluate(100, null, Breakout(probability: 1.0 / 3), null);
        Assert.Equal(0.0, d.MesoLogLikelihood, 12);
        Assert.Equal(0, d.Direction);
        // worse than chance (p = 0.2) points the other way: ln(2 · 0.2/0.8) = −ln 2
        Assert.Equal(-Math.Log(2), SignalIntegrator.Evaluate(100, null, Breakout(probability: 0.2), null).MesoLogLikelihood, 12);
    }

    [Fact]
    public void A_trade_whose_expected_edge_does_not_cover_the_round_trip_cost_is_not_taken()
    {
        // Same view as the first test (p_win = 0.908543 on 2 : 1), but the invalidation sits 1 bp below the price:
        // edge (2 · 0.908543 − 0.091457) · 0.01% = 1.73 bps < 10 bps round trip → flat, rule listed.
        var tight = Breakout() with { Invalidation = new PatternLevel(99.99, "back_inside_range") };
        var d = SignalIntegrator.Evaluate(100, Trend(), tight, Flow(+1));
        Assert.Equal((0, 0.0), (d.Direction, d.Size));
        Assert.Contains(SignalIntegrator.RuleCostGate, d.Rules);
        // 10 bps of risk: edge 17.3 bps > 10 bps → traded.
        var wider = Breakout() with { Invalidation = new PatternLevel(99.9, "back_inside_range") };
        Assert.Equal(1, SignalIntegrator.Evaluate(100, Trend(), wider, Flow(+1)).Direction);
    }

    [Fact]
    public void A_trending_leader_shifts_the_prior_in_its_direction()
    {
        // No own macro (neutral prior); the leader trends down at strength 0.8: prior = −1 × 0.8 × ln 1.5 = −0.324372
        var leader = new MacroSignal(Regime.Trending, 0.8, [MacroParameters.DirectionDown], 0.5, 24);
        var d = SignalIntegrator.Evaluate(100, null, Breakout(), null, leader: leader);
        Assert.Equal(-0.8 * Math.Log(1.5), d.PriorLogOdds, 12);
        Assert.Contains(SignalIntegrator.RuleLeaderTrend, d.Rules);

        // A leader that is not trending says nothing.
        var ranging = new MacroSignal(Regime.MeanReverting, 0.8, [], 0.5, 24);
        var flat = SignalIntegrator.Evaluate(100, null, Breakout(), null, leader: ranging);
        Assert.Equal(0.0, flat.PriorLogOdds);
        Assert.DoesNotContain(SignalIntegrator.RuleLeaderTrend, flat.Rules);
    }
}

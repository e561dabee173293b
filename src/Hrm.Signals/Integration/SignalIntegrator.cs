using Hrm.Protocol.Layers;
using Hrm.Signals.Learning;
using Hrm.Signals.Macro;
using Hrm.Signals.Meso;
using MessagePack;

namespace Hrm.Signals.Integration;

/// <summary>Everything the integrator concluded at one decision (pure; <see cref="SignalIntegrator.Evaluate"/>).</summary>
public sealed record IntegratorDecision(
    double PriorLogOdds,
    double MesoLogLikelihood,
    double MicroLogLikelihood,
    double PosteriorUp,
    int Direction,
    double Confidence,
    double Size,
    long HoldingPeriodSeconds,
    double StopLoss,
    double TakeProfit,
    string[] MicroDrivers,
    string[] Rules,
    bool Rejected);

/// <summary>
/// The seed's hierarchical Bayesian integration in log-odds of "price goes up":
/// <c>L = prior(macro) + LLR(meso | regime) + LLR(micro | pattern)</c>, <c>p_up = 1/(1 + e^−L)</c>, then the seed's
/// cross-scale validation rules, half-Kelly sizing capped by the risk budget, and emission on change. The meso term
/// uses meso's learned P(outcome | pattern, regime); the micro term each signal's learned hit rate given the pattern
/// (<see cref="Flow"/>), both Beta estimates seeded with priors and updated only on resolved outcomes.
/// </summary>
[MessagePackObject]
public sealed class SignalIntegrator
{
    /// <summary>A full-strength trend puts the prior at p = 0.75 (log-odds ln 3).</summary>
    public static readonly double TrendPriorLogOdds = Math.Log(3);

    /// <summary>A fired funding-basis divergence shifts the prior by ln 1.5 toward the expected mean reversion.</summary>
    public static readonly double FundingPriorLogOdds = Math.Log(1.5);

    /// <summary>
    /// A full-strength trend of the symbol's leader (BTC for the alts: the seed's "BTC patterns inform ALT
    /// movements") shifts the prior by ln 1.5 in the leader's direction.
    /// </summary>
    public static readonly double LeaderPriorLogOdds = Math.Log(1.5);

    /// <summary>Cap on |LLR(micro)|: the flow can at most quadruple the odds.</summary>
    public static readonly double MaxMicroLogOdds = Math.Log(4);

    public const double MinConfidence = 0.1; // |2p − 1| below this is flat (p within 0.45…0.55)
    public const double EmitConfidenceStep = 0.1;
    public const double DisagreementFactor = 0.5;
    public const double DefaultRiskBudget = 0.25; // when macro is unavailable

    public const string RuleConsistency = "consistency_check:micro_meso_disagree:confidence_halved";
    public const string RuleRegime = "regime_appropriateness:rejected";
    public const string RuleMagnitude = "magnitude_scaling:size_capped_at_risk_budget_x_meso_probability";
    public const string RuleStopMirrored = "stop_mirrored:invalidation_on_wrong_side";
    public const string RuleRegimeShift = "regime_shift_hint:trend_prior_halved";
    public const string RuleNoMacro = "macro_unavailable:neutral_prior";
    public const string RuleNoMicro = "micro_unavailable:no_flow_update";
    public const string RuleCostGate = "cost_gate:expected_edge_below_round_trip_cost";
    public const string RuleLeaderTrend = "cross_asset:leader_trend_prior";

    /// <summary>
    /// Round-trip cost a trade must beat in expectation: taker fee 4 bps and ~1 bp half-spread per side on a
    /// USD-M perp (the simulator's default costs).
    /// </summary>
    public const double RoundTripCostBps = 10;

    /// <summary>Prior hit rate of a micro signal before its outcomes are known (odds 1.5 in its direction).</summary>
    public const double FlowPrior = 0.6;

    [Key(0)] private int _lastDirection;
    [Key(1)] private double _lastConfidence;
    [Key(2)] private long _emitted;
    [Key(3)] private OutcomeBook _flow = new(MesoParameters.PriorStrength);
    [Key(4)] private bool _frozen;

    [IgnoreMember] public int LastDirection => _lastDirection;
    [IgnoreMember] public double LastConfidence => _lastConfidence;
    [IgnoreMember] public long Emitted => _emitted;

    /// <summary>What the integrator has learned about each micro signal's hit rate given the pattern.</summary>
    [IgnoreMember] public OutcomeBook Flow => _flow;

    public static string FlowKey(string signal, string pattern) => signal + "|" + pattern;

    /// <summary>Frozen: no micro prediction opens or resolves; the hit rates stay as learned.</summary>
    public void SetLearning(bool enabled) => _frozen = !enabled;

    public byte[] ExportState() => StateCodec.Save(this);

    public static SignalIntegrator Restore(byte[] state) => StateCodec.Load<SignalIntegrator>(state);

    /// <summary>
    /// The signal to emit now, or null: needs meso (the pattern is what a signal trades); without macro the prior is
    /// neutral, without micro (no order book: candle history, a symbol without ticks) there is no flow update — each
    /// listed in the rules. Emits when the direction changes (flat included) or the confidence moved by ≥ 0.1 since
    /// the last emitted signal.
    /// </summary>
    public AlphaSignal? Decide(string symbol, long nextSequence, long tsEvent, double referencePrice,
        MacroSignal? macro, MesoSignal? meso, MicroEvidence? micro, MacroSignal? leader = null)
    {
        if (meso is null) return null;
        if (!_frozen && micro is not null) Learn(tsEvent, referencePrice, meso, micro);
        var d = Evaluate(referencePrice, macro, meso, micro, _flow, leader);
        if (d.Direction == _lastDirection && Math.Abs(d.Confidence - _lastConfidence) < EmitConfidenceStep) return null;
        _lastDirection = d.Direction;
        _lastConfidence = d.Confidence;
        _emitted++;
        return new AlphaSignal(symbol, nextSequence, tsEvent, d.Direction, d.Confidence, d.Size, d.HoldingPeriodSeconds,
            d.StopLoss, d.TakeProfit, macro is null ? "unavailable" : macro.Regime.Name(), meso.Pattern, d.MicroDrivers,
            d.Rules, referencePrice);
    }

    /// <summary>The decision for these inputs, with no emission logic and no state.</summary>
    public static IntegratorDecision Evaluate(
        double referencePrice, MacroSignal? macro, MesoSignal meso, MicroEvidence? micro, OutcomeBook? flow = null,
        MacroSignal? leader = null)
    {
        var rules = new List<string>(4);
        if (micro is null)
        {
            rules.Add(RuleNoMicro);
        }


        // 1. prior from macro
        var prior = 0.0;
        if (macro is null)
        {
            rules.Add(RuleNoMacro);
        }
        else
        {
            if (macro.Regime == Regime.Trending)
            {
                var trend = TrendDirection(macro) * Math.Clamp(macro.Strength, 0, 1) * TrendPriorLogOdds;
                if (Array.IndexOf(macro.Drivers, MacroParameters.RegimeShift) >= 0)
                {
                    trend *= 0.5;
                    rules.Add(RuleRegimeShift);
                }

                prior += trend;
            }

            if (Array.IndexOf(macro.Drivers, MacroParameters.FundingBasisUp) >= 0) prior += FundingPriorLogOdds;
            if (Array.IndexOf(macro.Drivers, MacroParameters.FundingBasisDown) >= 0) prior -= FundingPriorLogOdds;
        }

        // 1b. the leader's trend (cross-asset context), when the symbol follows one
        if (leader is { Regime: Regime.Trending } && TrendDirection(leader) != 0)
        {
            prior += TrendDirection(leader) * Math.Clamp(leader.Strength, 0, 1) * LeaderPriorLogOdds;
            rules.Add(RuleLeaderTrend);
        }

        // 2. regime appropriateness (seed: reject)
        if (macro is not null && !IsAppropriate(meso, macro))
        {
            rules.Add(RuleRegime + ":" + meso.Pattern + "_in_" + macro.Regime.Name());
            return new IntegratorDecision(prior, 0, 0, Sigmoid(prior), 0, 0, 0, 0, 0, 0, [], rules.ToArray(), true);
        }

        // 3. meso log-likelihood ratio. The pattern's probability p is P(target at R·risk before the stop at 1·risk).
        //    A driftless price gets there first with probability 1/(1 + R) (gambler's ruin), so the evidence for the
        //    pattern's direction is its odds over that chance: ln(p/(1 − p)) − ln(1/R) = ln(R·p/(1 − p)). A pattern
        //    that does no better than chance says nothing; only one that does worse points the other way.
        var reward = MesoParameters.RewardMultiple(meso.Pattern);
        var p = Math.Clamp(meso.Probability, 0.01, 0.99);
        var mesoLlr = meso.Direction == 0 ? 0.0 : Math.Sign(meso.Direction) * Math.Log(reward * p / (1 - p));

        // 4. micro log-likelihood ratio given the pattern: each signal's learned hit rate h (its direction was right
        //    over its own duration, when this pattern was current) as odds h/(1−h), weighted by magnitude × confidence
        var net = 0.0;
        var microLlr = 0.0;
        var signals = micro?.Signals ?? [];
        var drivers = new List<string>(signals.Length);
        foreach (var s in signals)
        {
            var weight = s.Confidence * s.Magnitude;
            if (s.Direction == 0 || weight <= 0) continue;
            var h = Math.Clamp(flow?.Probability(FlowKey(s.Name, meso.Pattern), FlowPrior) ?? FlowPrior, 0.01, 0.99);
            microLlr += Math.Sign(s.Direction) * weight * Math.Log(h / (1 - h));
            net += Math.Sign(s.Direction) * weight;
            drivers.Add(s.Name);
        }

        microLlr = Math.Clamp(microLlr, -MaxMicroLogOdds, MaxMicroLogOdds);

        var logOdds = prior + mesoLlr + microLlr;
        var pUp = Sigmoid(logOdds);
        var confidence = Math.Abs(2 * pUp - 1);

        // 5. consistency (seed: halve confidence when micro and meso disagree)
        var microDirection = Math.Sign(net);
        if (microDirection != 0 && meso.Direction != 0 && microDirection != Math.Sign(meso.Direction))
        {
            confidence *= DisagreementFactor;
            rules.Add(RuleConsistency);
        }

        var direction = confidence >= MinConfidence ? Math.Sign(logOdds) : 0;
        if (direction == 0)
            return new IntegratorDecision(prior, mesoLlr, microLlr, pUp, 0, confidence, 0, 0, 0, 0, drivers.ToArray(),
                rules.ToArray(), false);

        // 6. stop = meso invalidation (mirrored if it sits on the wrong side), target = R multiple of the pattern
        var stop = meso.Invalidation.Price;
        if (direction * (referencePrice - stop) <= 0)
        {
            stop = referencePrice - direction * Math.Abs(referencePrice - stop);
            rules.Add(RuleStopMirrored);
        }

        var risk = Math.Abs(referencePrice - stop);
        var takeProfit = referencePrice + direction * reward * risk;

        // 7. the bet: target R·risk against the stop. The posterior is about a move of equal size either way
        //    (p = 0.5 + confidence/2, odds O); the same view on an R : 1 bet wins with odds O/R, p_win = O/(O + R).
        //    Expected net edge per unit = p_win·R·risk% − (1 − p_win)·risk% − round-trip cost: below zero, no trade.
        var pMove = 0.5 + confidence / 2;
        var odds = pMove / (1 - pMove);
        var pWin = odds / (odds + reward);
        var riskFraction = referencePrice > 0 ? risk / referencePrice : 0;
        if (risk <= 0 || (pWin * reward - (1 - pWin)) * riskFraction <= RoundTripCostBps / 1e4)
        {
            rules.Add(RuleCostGate);
            return new IntegratorDecision(prior, mesoLlr, microLlr, pUp, 0, confidence, 0, 0, 0, 0, drivers.ToArray(),
                rules.ToArray(), false);
        }

        // 8. half Kelly with payoff b = R, capped by f(risk budget, meso probability)
        var size = Math.Max(0, (pWin - (1 - pWin) / reward) / 2);
        var cap = (macro?.RiskBudget ?? DefaultRiskBudget) * meso.Probability;
        if (size > cap)
        {
            size = cap;
            rules.Add(RuleMagnitude);
        }

        var holding = MesoParameters.HoldingSeconds(meso.Pattern);
        if (macro is not null) holding = Math.Min(holding, macro.TimeframeHours * 3600L);
        return new IntegratorDecision(prior, mesoLlr, microLlr, pUp, direction, confidence, size, holding, stop, takeProfit,
            drivers.ToArray(), rules.ToArray(), false);
    }

    /// <summary>
    /// Resolves the micro predictions that fell due (on the price now) and opens one per directional signal and
    /// pattern, due after the signal's own duration. Only prices at or after a prediction's opening decide it.
    /// </summary>
    private void Learn(long tsEvent, double referencePrice, MesoSignal meso, MicroEvidence micro)
    {
        if (referencePrice <= 0) return;
        _flow.Observe(referencePrice, referencePrice, referencePrice, tsEvent, tsEvent);
        foreach (var s in micro.Signals)
        {
            if (s.Direction == 0 || s.DurationSeconds <= 0) continue;
            _flow.OpenDirection(FlowKey(s.Name, meso.Pattern), FlowPrior, Math.Sign(s.Direction), referencePrice, tsEvent,
                tsEvent + s.DurationSeconds * 1_000_000_000L);
        }
    }

    public static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));

    /// <summary>+1 / −1 from the macro drivers (<c>direction:up|down</c>), else 0.</summary>
    public static int TrendDirection(MacroSignal macro) =>
        Array.IndexOf(macro.Drivers, MacroParameters.DirectionUp) >= 0 ? 1
        : Array.IndexOf(macro.Drivers, MacroParameters.DirectionDown) >= 0 ? -1 : 0;

    /// <summary>
    /// Breakouts fail in ranges (the seed's P(breakout | ranging) = 0.31): rejected in mean_reverting. An exhaustion
    /// reversal against a trending regime's direction is rejected; with it (a pullback ending) it is fine.
    /// </summary>
    public static bool IsAppropriate(MesoSignal meso, MacroSignal macro) => meso.Pattern switch
    {
        MesoParameters.Breakout => macro.Regime != Regime.MeanReverting,
        MesoParameters.Exhaustion => macro.Regime != Regime.Trending || TrendDirection(macro) == 0
                                     || Math.Sign(meso.Direction) != -TrendDirection(macro),
        _ => true,
    };

}

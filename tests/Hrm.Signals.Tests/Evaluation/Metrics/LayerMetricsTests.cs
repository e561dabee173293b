using Hrm.Protocol.Layers;
using Hrm.Signals.Evaluation;
using Hrm.Signals.Evaluation.Metrics;

namespace Hrm.Signals.Tests.Evaluation.Metrics;

/// <summary>Per-layer metrics judged ex post on synthetic prices; the arithmetic is in the comments.</summary>
public sealed class LayerMetricsTests
{
    private const long S = 1_000_000_000;
    private const long H = 3600 * S;

    private static PricePoint[] Hourly(params double[] prices) => prices.Select((p, i) => new PricePoint(i * H, p)).ToArray();

    private static PricePoint[] Seconds(params double[] prices) => prices.Select((p, i) => new PricePoint(i * S, p)).ToArray();

    [Fact]
    public void Trending_claim_needs_efficiency_and_the_right_sign()
    {
        // 100 → 104 in four equal steps: ER = 4/4 = 1 ≥ 0.3 and the move is up.
        var prices = Hourly(100, 101, 102, 103, 104);
        var up = MacroJudge.RegimeAccuracy([new RegimeCall(0, Regime.Trending, 1, 4 * 3600)], prices);
        var down = MacroJudge.RegimeAccuracy([new RegimeCall(0, Regime.Trending, -1, 4 * 3600)], prices);
        Assert.Equal(1.0, up.Value);
        Assert.Equal(0.0, down.Value);
    }

    [Fact]
    public void Volatile_accumulation_and_mean_reverting_claims_against_a_quiet_then_loud_series()
    {
        // 0–4h: 100, 100.1, 100, 100.1, 100 (vol ln 1.001 ≈ 0.001); 4–8h: 100, 102, 100, 102, 100 (vol ln 1.02 ≈ 0.0198).
        // Calls at 4h over 4h; the trailing 4h window [0, 4h] is the quiet one (the one before starts before the data).
        //   volatile: 0.0198 > 0.001 → right.   accumulation: vol above the median → wrong.
        //   mean_reverting: returns +a, −a, +a, −a; 2-sums all 0 → VR(2) = 0 < 1 → right.
        //   trending: ER = |100 − 100| / 8 = 0 → wrong.
        // Skipped: volatile at 0h (no trailing window), trending at 6h (window ends after the data).
        var prices = Hourly(100, 100.1, 100, 100.1, 100, 102, 100, 102, 100);
        RegimeCall[] calls =
        [
            new(4 * H, Regime.Volatile, 0, 4 * 3600), new(4 * H, Regime.Accumulation, 0, 4 * 3600),
            new(4 * H, Regime.MeanReverting, 0, 4 * 3600), new(4 * H, Regime.Trending, 1, 4 * 3600),
            new(0, Regime.Volatile, 0, 4 * 3600), new(6 * H, Regime.Trending, 1, 4 * 3600),
        ];
        var result = MacroJudge.RegimeAccuracy(calls, prices, new RegimeCheckOptions(VarianceRatioLag: 2));
        Assert.Equal(0.5, result.Value);
        Assert.Equal(4, result.Judged);
        Assert.Equal(2, result.Skipped);

        // The quiet half judged against nothing quieter: accumulation at 4h over the reversed series is right
        // (vol 0.001 ≤ median 0.0198, ER 0 < 0.3).
        var reversed = Hourly(100, 102, 100, 102, 100, 100.1, 100, 100.1, 100);
        Assert.Equal(1.0, MacroJudge.RegimeAccuracy([new RegimeCall(4 * H, Regime.Accumulation, 0, 4 * 3600)], reversed).Value);
    }

    [Fact]
    public void The_constant_baseline_scores_every_regime_name_on_the_calls_windows()
    {
        // The quiet-then-loud series above; one call at 4h over 4h (whatever it claimed) and one at 0h.
        //   at 4h: volatile right, accumulation wrong, mean_reverting right (VR(2) = 0), trending (any sign) ER 0 → wrong.
        //   at 0h: trending ER = 0 (100 → 100) → wrong, judged; mean_reverting: returns +a −a +a −a → VR 0 → right;
        //          volatile and accumulation have no trailing window → skipped.
        // So mean_reverting 2/2, volatile 1/1 (1 skipped), accumulation 0/1 (1 skipped), trending 0/2.
        var prices = Hourly(100, 100.1, 100, 100.1, 100, 102, 100, 102, 100);
        RegimeCall[] calls = [new(0, Regime.Accumulation, 0, 4 * 3600), new(4 * H, Regime.Trending, 1, 4 * 3600)];

        var constant = MacroJudge.ConstantRegimeAccuracy(calls, prices, new RegimeCheckOptions(VarianceRatioLag: 2));

        Assert.Equal(new AccuracyResult(1.0, 2, 0), constant[Regime.MeanReverting]);
        Assert.Equal(new AccuracyResult(1.0, 1, 1), constant[Regime.Volatile]);
        Assert.Equal(new AccuracyResult(0.0, 1, 1), constant[Regime.Accumulation]);
        Assert.Equal(new AccuracyResult(0.0, 2, 0), constant[Regime.Trending]);
    }

    [Fact]
    public void Transition_timing_locates_the_variance_change_and_signs_the_lag()
    {
        // Log returns r1..r6 alternate ±0.001, r7..r12 alternate ±0.02: the change is at price index 6 (6h). With
        // 3 returns a side, only τ = 6h splits quiet from loud, so the likelihood ratio peaks there.
        // A detector switching at 8h is 2h late (+2); one switching at 5h is 1h early (−1). Median of {2, −1} = 0.5.
        var r = Enumerable.Range(1, 12).Select(i => (i % 2 == 1 ? 1 : -1) * (i <= 6 ? 0.001 : 0.02)).ToArray();
        var prices = new double[13];
        prices[0] = 100;
        for (var i = 1; i <= 12; i++)
        {
            prices[i] = prices[i - 1] * Math.Exp(r[i - 1]);
        }

        var series = Hourly(prices);
        var late = MacroJudge.TransitionTiming([new(0, Regime.MeanReverting, 0, 0), new(8 * H, Regime.Volatile, 0, 0)], series, 4 * 3600, 3);
        Assert.Equal([2.0], late.LagsHours);
        var early = MacroJudge.TransitionTiming(
            [new(0, Regime.MeanReverting, 0, 0), new(5 * H, Regime.Volatile, 0, 0), new(7 * H, Regime.Volatile, 0, 0)], series, 4 * 3600, 3);
        Assert.Equal([-1.0], early.LagsHours);
        var both = MacroJudge.TransitionTiming(
            [new(0, Regime.MeanReverting, 0, 0), new(8 * H, Regime.Volatile, 0, 0), new(9 * H, Regime.Trending, 0, 0)], series, 4 * 3600, 3);
        Assert.Equal(2, both.LagsHours.Count);
        Assert.Equal(2.0, both.LagsHours[0]);
        // No regime change → nothing to time.
        Assert.Null(MacroJudge.TransitionTiming([new(0, Regime.Volatile, 0, 0), new(H, Regime.Volatile, 0, 0)], series, 3600, 3).MedianLagHours);
    }

    [Fact]
    public void Pattern_precision_target_before_invalidation()
    {
        // Prices 100, 101, 102, 103, 99 at 0..4h.
        //   long at 0, target 102, stop 98: 102 at 2h → success.
        //   long at 0, target 105, stop 99.5: 99 at 4h → failure.
        //   short at 1h, target 99, stop 103.5, 2h: 102, 103 → neither, due at 3h ≤ 4h → expired: no trial.
        //   long at 3h, 4h: due at 7h after the data and unresolved → left out; direction 0 → left out.
        // Precision 1/2 over 2 resolved; 1 expired.
        var prices = Hourly(100, 101, 102, 103, 99);
        PatternCall[] calls =
        [
            new(0, "breakout", "trending", 1, 102, 98, 4 * 3600, 0.7),
            new(0, "breakout", "trending", 1, 105, 99.5, 4 * 3600, 0.7),
            new(H, "reversal", "volatile", -1, 99, 103.5, 2 * 3600, 0.6),
            new(3 * H, "breakout", "trending", 1, 110, 90, 4 * 3600, 0.7),
            new(0, "none", "trending", 0, 0, 0, 3600, 0.5),
        ];
        var outcomes = MesoJudge.ResolvePatterns(calls, prices);
        Assert.Equal([true, false], outcomes.Select(o => o.Success));
        Assert.Equal(0.5, MesoJudge.PatternPrecision(outcomes)!.Value, 12);
        Assert.Equal(1, MesoJudge.ExpiredPatterns(calls, prices));
        Assert.Null(MesoJudge.PatternPrecision([]));
    }

    [Fact]
    public void Pattern_precision_chance_is_one_over_one_plus_the_reward_multiple_from_the_entry()
    {
        // The two resolved calls of the test above, both entered at the 0h price 100:
        //   target 102, stop 98: R = 2/2 = 1 → chance 1/2 (it succeeded).
        //   target 105, stop 99.5: R = 5/0.5 = 10 → chance 1/11 (it failed).
        // Chance (1/2 + 1/11)/2 = 13/44; precision 1/2 → skill 1/2 − 13/44 = 9/44.
        var prices = Hourly(100, 101, 102, 103, 99);
        PatternCall[] calls =
        [
            new(0, "breakout", "trending", 1, 102, 98, 4 * 3600, 0.7),
            new(0, "breakout", "trending", 1, 105, 99.5, 4 * 3600, 0.7),
        ];
        var outcomes = MesoJudge.ResolvePatterns(calls, prices);
        Assert.Equal([100.0, 100.0], outcomes.Select(o => o.Entry));
        Assert.Equal(13.0 / 44, MesoJudge.PatternPrecisionChance(outcomes)!.Value, 12);
        var meso = new MesoMetrics(MesoJudge.PatternPrecision(outcomes), 2, new AccuracyResult(null, 0, 0), null, null, 0,
            MesoJudge.PatternPrecisionChance(outcomes));
        Assert.Equal(9.0 / 44, meso.PatternPrecisionSkill!.Value, 12);

        // A short from 100, target 98.5, stop 101: R = 1.5 → 1/2.5 = 0.4. Levels already crossed at the entry: the
        // target → 1, the stop → 0 (the target is checked first). No entry → no chance; none at all → null.
        Assert.Equal(0.4, MesoJudge.PatternChance(new(new PatternCall(0, "exhaustion", "volatile", -1, 98.5, 101, 3600, 0.5), true, 100))!.Value, 12);
        Assert.Equal(1.0, MesoJudge.PatternChance(new(new PatternCall(0, "breakout", "trending", 1, 99, 98, 3600, 0.5), true, 100)));
        Assert.Equal(0.0, MesoJudge.PatternChance(new(new PatternCall(0, "breakout", "trending", 1, 102, 101, 3600, 0.5), false, 100)));
        Assert.Null(MesoJudge.PatternChance(new(new PatternCall(0, "breakout", "trending", 1, 102, 98, 3600, 0.5), true)));
        Assert.Null(MesoJudge.PatternPrecisionChance([]));
    }

    [Fact]
    public void Conditional_accuracy_is_one_minus_the_weighted_calibration_gap()
    {
        // breakout|trending: p 0.7, 0.7 with outcomes 1, 0 → gap |0.7 − 0.5| = 0.2, n 2.
        // reversal|volatile: p 0.6 with outcome 1 → gap 0.4, n 1. Weighted gap (2·0.2 + 0.4)/3 = 0.8/3.
        // Accuracy 1 − 0.8/3; Brier (0.09 + 0.49 + 0.16)/3 = 0.74/3.
        PatternOutcome[] outcomes =
        [
            new(new PatternCall(0, "breakout", "trending", 1, 0, 0, 0, 0.7), true),
            new(new PatternCall(0, "breakout", "trending", 1, 0, 0, 0, 0.7), false),
            new(new PatternCall(0, "reversal", "volatile", -1, 0, 0, 0, 0.6), true),
        ];
        Assert.Equal(1 - 0.8 / 3, MesoJudge.ConditionalAccuracy(outcomes)!.Value, 12);
        Assert.Equal(0.74 / 3, MesoJudge.ConditionalBrier(outcomes)!.Value, 12);
    }

    [Fact]
    public void Pattern_recall_counts_large_moves_preceded_by_a_pattern_in_their_direction()
    {
        // Prices (hourly) 100, 101, 100, 101, 100, 105, 110, 110, 110.2, 110.1, 100, 100; holding 1h (m = 1), k = 2,
        // ATR over 2 steps. i = 4: ATR (1 + 1)/2 = 1, move 105 − 100 = 5 > 2 → large up at 4h.
        // i = 5: ATR (1 + 5)/2 = 3, move 5 ≤ 6. i = 6: ATR 5, move 0. i = 7: ATR 2.5, move 0.2. i = 8: ATR 0.1,
        // move −0.1 ≤ 0.2. i = 9: ATR (0.2 + 0.1)/2 = 0.15, move −10.1 → large down at 9h. i = 10: ATR 5.1, move 0.
        var prices = Hourly(100, 101, 100, 101, 100, 105, 110, 110, 110.2, 110.1, 100, 100);
        var moves = MesoJudge.LargeMoves(prices, 3600, 2, 2);
        Assert.Equal([new MesoJudge.LargeMove(4 * H, 1), new MesoJudge.LargeMove(9 * H, -1)], moves);
        // Lead 2h: an up pattern at 3h covers the 4h move; the 9h move sees an up pattern at 8.5h (wrong side)
        // and a down pattern at 5h (too early) → recall 1/2.
        PatternCall[] calls =
        [
            new(3 * H, "breakout", "trending", 1, 0, 0, 0, 0.7),
            new(17 * H / 2, "breakout", "trending", 1, 0, 0, 0, 0.7),
            new(5 * H, "reversal", "volatile", -1, 0, 0, 0, 0.6),
        ];
        Assert.Equal(0.5, MesoJudge.PatternRecall(calls, moves, 2 * 3600).Value);
        Assert.Null(MesoJudge.PatternRecall(calls, [], 3600).Value);
    }

    [Fact]
    public void Micro_toxicity_execution_alpha_and_latency()
    {
        // Mids each second: 100, 100.01, 100.03, 100.05, 100.02, 99.98, 100.00.
        //   A: t 0, long, 3s, toxicity 0.9: 100.05/100 − 1 = +5 bps; first ≥ 2 bps: 100.03 (+3 bps) at 2s → 2000 ms.
        //   B: t 2s, short, 3s, toxicity 0.1: 99.98/100.03 − 1 = −4.9985 bps → +4.9985 in its direction;
        //      3s is against, 4s is +0.9997 bps, 5s is +4.9985 bps → 3000 ms.
        //   C: t 3s, long, 3s, toxicity 0.5: 100.00/100.05 − 1 = −4.9975 bps; never +2 bps → no latency.
        //   D: t 5s, 3s: ends after the data → not judged.
        // execution_alpha = mean of the three; latency median {2000, 3000} = 2500 ms, hit rate 2/3.
        // Toxicity ranks 3, 1, 2 vs |move| ranks 3, 2, 1: Σd² = 2 → 1 − 6·2/(3·8) = 0.5.
        var mids = Seconds(100, 100.01, 100.03, 100.05, 100.02, 99.98, 100.00);
        MicroCall[] calls = [new(0, 1, 3, 0.9), new(2 * S, -1, 3, 0.1), new(3 * S, 1, 3, 0.5), new(5 * S, 1, 3, 0.2)];
        var m = MicroJudge.Micro(calls, mids, latencyBps: 2);
        var expected = ((100.05 / 100 - 1) - (99.98 / 100.03 - 1) + (100.00 / 100.05 - 1)) * 1e4 / 3;
        Assert.Equal(3, m.Judged);
        Assert.Equal(expected, m.ExecutionAlphaBps!.Value, 9);
        Assert.Equal(2500.0, m.SignalLatencyMs);
        Assert.Equal(2.0 / 3, m.LatencyHitRate!.Value, 12);
        Assert.Equal(0.5, m.FlowToxicityScore!.Value, 12);
    }
}

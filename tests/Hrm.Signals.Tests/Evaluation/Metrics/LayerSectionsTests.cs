using Hrm.Protocol.Layers;
using Hrm.Signals.Evaluation;
using Hrm.Signals.Evaluation.Metrics;
using Hrm.Signals.Meso;

namespace Hrm.Signals.Tests.Evaluation.Metrics;

/// <summary>Per-layer sections pooled over several series; the arithmetic is in the comments.</summary>
public sealed class LayerSectionsTests
{
    private const long S = 1_000_000_000;
    private const long H = 3600 * S;

    private static LayerOutputs Tick(long ts, double price, MacroSignal? macro = null, MesoSignal? meso = null, MicroEvidence? micro = null) =>
        new("BTCUSDT", ts, price, macro, meso, micro);

    private static MacroSignal TrendingUp(int timeframeHours) => new(Regime.Trending, 0.8, ["direction:up"], 0.5, timeframeHours);

    private static MesoSignal Breakout(int direction, double invalidation, double probability) =>
        new(MesoParameters.Breakout, 1.0, probability, [], new PatternLevel(invalidation, "invalidation"), [], direction);

    private static MicroEvidence Flow(double orderFlowImbalance, int direction, int durationSeconds) =>
        new("BTCUSDT", 0, [new MicroSignal(MicroSignalType.Flow, direction, 0.5, durationSeconds, 0.5, 1.0, "flow")], 0.5, orderFlowImbalance, false);

    /// <summary>Hourly ticks at the given prices, each claiming trending up over a 2 h timeframe.</summary>
    private static LayerOutputs[] HourlyTrendingUp(params double[] prices) =>
        prices.Select((p, i) => Tick(i * H, p, TrendingUp(2))).ToArray();

    [Fact]
    public void Regime_accuracy_pools_judged_calls_not_series_averages()
    {
        // Trending up, 2 h horizon, hourly ticks: calls at 0, 2h, 4h, … (re-affirmed each horizon).
        //   A: 100, 99, 98. Call at 0 over [0, 2h]: ER 2/2 = 1 but the move is down → wrong. Call at 2h runs past
        //      the data → skipped. A alone: 0 of 1.
        //   B: 100, 101, 102, 103, 104. Calls at 0 and 2h: ER 1, up → right, right. Call at 4h → skipped. B: 2 of 2.
        // Pooled: 2 right of 3 judged = 2/3 (the mean of the series' accuracies, (0 + 1) / 2 = 0.5, would be wrong);
        // skipped 1 + 1 = 2. One regime throughout → no transitions, no lags.
        var result = LayerSections.Compute([HourlyTrendingUp(100, 99, 98), HourlyTrendingUp(100, 101, 102, 103, 104)]);
        var accuracy = result.Macro!.RegimeAccuracy;
        Assert.Equal(2.0 / 3, accuracy.Value!.Value, 12);
        Assert.Equal(3, accuracy.Judged);
        Assert.Equal(2, accuracy.Skipped);
        Assert.Empty(result.Macro.TransitionTiming.LagsHours);
        Assert.Null(result.Macro.TransitionTiming.MedianLagHours);
        // Neither series had a pattern or a micro signal.
        Assert.Null(result.Meso);
        Assert.Null(result.Micro);
    }

    [Fact]
    public void Regime_null_tallies_the_same_judged_calls_as_the_accuracy_and_the_best_constant_its_own()
    {
        // The two series above: 3 calls judged, 2 right. The null is tallied over exactly those calls, pooled over
        // the series like the accuracy; the best constant's null is over the best constant's judged calls.
        var macro = LayerSections.Compute([HourlyTrendingUp(100, 99, 98), HourlyTrendingUp(100, 101, 102, 103, 104)]).Macro!;
        var skill = macro.NullSkill!;
        Assert.Equal(3, skill.Overall.Calls);
        Assert.Equal(2, skill.Overall.Right);
        Assert.Equal(macro.RegimeAccuracy.Value, skill.Overall.Accuracy);
        Assert.Equal(skill.Overall, skill.ByClaim[Regime.Trending]);
        Assert.Equal(0, skill.ByClaim[Regime.Volatile].Calls);
        Assert.InRange(skill.Overall.NullAccuracy!.Value, 0, 1);
        Assert.Equal(macro.BestConstant!.Value.Accuracy.Judged, macro.BestConstantNull!.Value.Calls);
        Assert.Equal(macro.BestConstant.Value.Accuracy.Value!.Value, macro.BestConstantNull.Value.Accuracy!.Value, 12);
    }

    [Fact]
    public void Pattern_outcomes_of_all_series_are_concatenated()
    {
        // Minute ticks, no macro (regime "unavailable"). Breakout: R 2, holding 3600 s.
        //   A: long at 100, invalidation 99 → target 102, stop 99, p 0.7. Prices after: 101, 104 → 104 ≥ 102: success.
        //   B: short at 100, invalidation 101 → target 98, stop 101, p 0.6. Prices after: 100.5, 101.5 → 101.5 ≥ 101:
        //      failure.
        // Pooled: 2 resolved, precision 1/2. One group (breakout, unavailable): mean p 0.65 vs success rate 0.5 →
        // conditional accuracy 1 − 0.15 = 0.85. Brier ((0.7 − 1)² + (0.6 − 0)²) / 2 = (0.09 + 0.36) / 2 = 0.225.
        // Three prices per series are too few for a large move (the ATR needs 14 steps) → recall has nothing to judge.
        LayerOutputs[] a = [Tick(0, 100, meso: Breakout(1, 99, 0.7)), Tick(60 * S, 101), Tick(120 * S, 104)];
        LayerOutputs[] b = [Tick(0, 100, meso: Breakout(-1, 101, 0.6)), Tick(60 * S, 100.5), Tick(120 * S, 101.5)];
        var result = LayerSections.Compute([a, b]);
        var meso = result.Meso!;
        Assert.Equal(2, meso.Resolved);
        Assert.Equal(0.5, meso.PatternPrecision);
        Assert.Equal(0.85, meso.ConditionalAccuracy!.Value, 12);
        Assert.Equal(0.225, meso.ConditionalBrier!.Value, 12);
        Assert.Equal(new AccuracyResult(null, 0, 0), meso.PatternRecall);
        // Both entered at 100 with R 2 → chance 1/3 each; precision 1/2 → skill 1/6.
        Assert.Equal(1.0 / 3, meso.PatternPrecisionChance!.Value, 12);
        Assert.Equal(1.0 / 6, meso.PatternPrecisionSkill!.Value, 12);
        // No series had a macro output or a micro signal.
        Assert.Null(result.Macro);
        Assert.Null(result.Micro);
    }

    [Fact]
    public void Micro_calls_are_judged_on_their_own_series_then_pooled()
    {
        // Both series on the same clock (0–3 s), so their prices could not simply be concatenated.
        //   A: 100, 100.03, 100.05, 100.05; flow long 2 s at 0, OFI −0.4 → toxicity 0.4.
        //      Move to 2 s: 100.05/100 − 1 = +5 bps → alpha +5. First ≥ 2 bps: 100.03 (+3 bps) at 1 s → 1000 ms.
        //   B: 200, 200.02, 199.8, 199.8; flow short 2 s at 0, OFI 0.1 → toxicity 0.1.
        //      Move to 2 s: 199.8/200 − 1 = −10 bps → alpha +10. At 1 s +1 bps (against); at 2 s +10 in its
        //      direction → 2000 ms.
        // Pooled: judged 2, alpha (5 + 10)/2 = 7.5 bps, latency median {1000, 2000} = 1500 ms, hit rate 2/2 = 1.
        // Toxicity 0.4 > 0.1 while |move| 5 bps < 10 bps: opposite ranks → Spearman −1.
        LayerOutputs[] a = [Tick(0, 100, micro: Flow(-0.4, 1, 2)), Tick(S, 100.03), Tick(2 * S, 100.05), Tick(3 * S, 100.05)];
        LayerOutputs[] b = [Tick(0, 200, micro: Flow(0.1, -1, 2)), Tick(S, 200.02), Tick(2 * S, 199.8), Tick(3 * S, 199.8)];
        var micro = LayerSections.Compute([a, b]).Micro!;
        Assert.Equal(2, micro.Judged);
        Assert.Equal(7.5, micro.ExecutionAlphaBps!.Value, 9);
        Assert.Equal(1500.0, micro.SignalLatencyMs);
        Assert.Equal(1.0, micro.LatencyHitRate);
        Assert.Equal(-1.0, micro.FlowToxicityScore!.Value, 12);
    }

    [Fact]
    public void Multi_series_micro_equals_one_series_of_the_concatenated_calls_when_the_series_are_disjoint_in_time()
    {
        // The prices of the test above, B shifted 10 s later, with a second call in each: no call's window reaches
        // the other series, so judging each on its own prices or all on the concatenated prices is the same computation.
        MicroCall[] callsA = [new(0, 1, 2, 0.4), new(S, -1, 1, 0.2)];
        MicroCall[] callsB = [new(10 * S, -1, 2, 0.1), new(11 * S, 1, 2, 0.3)];
        PricePoint[] midsA = [new(0, 100), new(S, 100.03), new(2 * S, 100.05), new(3 * S, 100.05)];
        PricePoint[] midsB = [new(10 * S, 200), new(11 * S, 200.02), new(12 * S, 199.8), new(13 * S, 199.8)];
        var pooled = MicroJudge.Micro([(callsA, midsA), (callsB, midsB)]);
        var concatenated = MicroJudge.Micro([.. callsA, .. callsB], [.. midsA, .. midsB]);
        Assert.Equal(4, pooled.Judged);
        Assert.Equal(concatenated, pooled);
    }

    [Fact]
    public void No_series_gives_no_sections()
    {
        Assert.Equal(new LayerSectionsResult(null, null, null), LayerSections.Compute(Array.Empty<IReadOnlyList<LayerOutputs>>()));
    }

    [Fact]
    public void Micro_calls_can_be_judged_on_prices_given_with_the_series()
    {
        // Series A's micro call (long 2 s at 0) judged on separate mids 100, 100.01, 100.02, 100.02 instead of the
        // reference prices: move +2 bps → alpha 100.02/100 − 1 = +2 bps; +1 bps at 1 s, +2 bps at 2 s → 2000 ms.
        LayerOutputs[] a = [Tick(0, 100, micro: Flow(-0.4, 1, 2)), Tick(S, 100.03), Tick(2 * S, 100.05), Tick(3 * S, 100.05)];
        PricePoint[] mids = [new(0, 100), new(S, 100.01), new(2 * S, 100.02), new(3 * S, 100.02)];
        var micro = LayerSections.Compute([((IReadOnlyList<LayerOutputs>)a, (IReadOnlyList<PricePoint>)mids)]).Micro!;
        Assert.Equal(1, micro.Judged);
        Assert.Equal(2.0, micro.ExecutionAlphaBps!.Value, 9);
        Assert.Equal(2000.0, micro.SignalLatencyMs);
    }
}

using System.Runtime.InteropServices;
using Hrm.Protocol.Layers;
using Hrm.Signals.Meso;
using Hrm.Signals.Numerics;

namespace Hrm.Signals.Evaluation.Metrics;

/// <summary>How the per-layer metrics are judged (docs/EVALUATION.md, "Per-layer metrics").</summary>
/// <param name="TransitionSearchHours">± window around a detected regime change in which the ex-post change point is sought.</param>
/// <param name="TransitionSegmentReturns">Returns on each side of a candidate change point.</param>
/// <param name="LargeMoveK">A move over the holding time is large above k · ATR · √m.</param>
/// <param name="LargeMoveAtrPoints">Trailing steps in the ATR of the large-move test.</param>
/// <param name="LatencyBps">Move in the call's direction that counts as the market having reacted.</param>
public sealed record LayerSectionOptions(
    double TransitionSearchHours = 48,
    int TransitionSegmentReturns = 24,
    double LargeMoveK = 2,
    int LargeMoveAtrPoints = 14,
    double LatencyBps = 2);

/// <summary>The macro, meso and micro sections of one metrics block; a layer that said nothing in the run is null.</summary>
public sealed record LayerSectionsResult(MacroMetrics? Macro, MesoMetrics? Meso, MicroResult? Micro);

/// <summary>
/// Per-layer metrics over several series (one per symbol and test window): each series' calls are judged on that
/// series' own prices (<see cref="LayerCalls.Prices"/>), then pooled: counts add, lags and outcomes concatenate, so
/// a pooled value is exactly the metric over all judged calls (never an average of averages).
/// </summary>
public static class LayerSections
{
    public static LayerSectionsResult Compute(IReadOnlyList<IReadOnlyList<LayerOutputs>> series, LayerSectionOptions? options = null) =>
        Compute(series.Select(s => (s, LayerCalls.Prices(s))).ToList(), options);

    /// <summary>As above, each series judged on the prices given with it (e.g. book mids for the micro calls).</summary>
    public static LayerSectionsResult Compute(
        IReadOnlyList<(IReadOnlyList<LayerOutputs> Outputs, IReadOnlyList<PricePoint> Prices)> series, LayerSectionOptions? options = null)
    {
        options ??= new LayerSectionOptions();
        return new LayerSectionsResult(Macro(series, options), Meso(series, options), Micro(series, options));
    }

    private static MacroMetrics? Macro(IReadOnlyList<(IReadOnlyList<LayerOutputs> Outputs, IReadOnlyList<PricePoint> Prices)> series, LayerSectionOptions options)
    {
        double held = 0;
        int count = 0, skipped = 0;
        var lags = new List<double>();
        var constantHeld = Enum.GetValues<Regime>().ToDictionary(r => r, _ => (Held: 0.0, Judged: 0, Skipped: 0));
        var skill = RegimeNullResult.Empty;
        var claimed = new List<(IReadOnlyList<RegimeCall> Calls, IReadOnlyList<PricePoint> Prices)>();
        foreach (var (outputs, prices) in series)
        {
            var calls = LayerCalls.Regimes(outputs);
            if (calls.Count == 0) continue;
            claimed.Add((calls, prices));
            skill = skill.Merge(RegimeNull.Evaluate(calls, prices));
            var accuracy = MacroJudge.RegimeAccuracy(calls, prices);
            held += (accuracy.Value ?? 0) * accuracy.Judged;
            count += accuracy.Judged;
            skipped += accuracy.Skipped;
            lags.AddRange(MacroJudge.TransitionTiming(calls, prices, (long)(options.TransitionSearchHours * 3600),
                options.TransitionSegmentReturns).LagsHours);
            foreach (var (name, constant) in MacroJudge.ConstantRegimeAccuracy(calls, prices))
            {
                var sum = constantHeld[name];
                constantHeld[name] = (sum.Held + (constant.Value ?? 0) * constant.Judged, sum.Judged + constant.Judged, sum.Skipped + constant.Skipped);
            }
        }

        // The best constant call, first in the seed's order on a tie.
        var best = Enum.GetValues<Regime>()
            .Where(n => constantHeld[n].Judged > 0)
            .Select(n => (Regime: n, Accuracy: new AccuracyResult(constantHeld[n].Held / constantHeld[n].Judged, constantHeld[n].Judged, constantHeld[n].Skipped)))
            .OrderByDescending(c => c.Accuracy.Value)
            .Cast<(Regime Regime, AccuracyResult Accuracy)?>()
            .FirstOrDefault();
        if (claimed.Count == 0) return null;
        // The best constant's own null, on the same windows (only the winner's: the others are not reported).
        RegimeSkill? bestNull = best is { } b
            ? claimed.Aggregate(default(RegimeSkill), (sum, s) =>
                sum + RegimeNull.Evaluate(s.Calls.Select(c => c with { Regime = b.Regime, Direction = 0 }).ToArray(), s.Prices).Overall)
            : null;
        return new MacroMetrics(new AccuracyResult(count == 0 ? null : held / count, count, skipped), new TimingResult(Stats.Median(CollectionsMarshal.AsSpan(lags)), lags), best,
            skill, bestNull);
    }

    private static MesoMetrics? Meso(IReadOnlyList<(IReadOnlyList<LayerOutputs> Outputs, IReadOnlyList<PricePoint> Prices)> series, LayerSectionOptions options)
    {
        var outcomes = new List<PatternOutcome>();
        int moves = 0, covered = 0, expired = 0;
        var any = false;
        foreach (var (outputs, prices) in series)
        {
            var calls = LayerCalls.Patterns(outputs);
            any |= calls.Count > 0;
            outcomes.AddRange(MesoJudge.ResolvePatterns(calls, prices));
            expired += MesoJudge.ExpiredPatterns(calls, prices);
            if (prices.Count < 2) continue;
            // A large move is judged over the longest holding time a pattern claims, and a call may precede it by as much.
            var holding = MesoParameters.HoldingSeconds(MesoParameters.Breakout);
            var recall = MesoJudge.PatternRecall(calls, MesoJudge.LargeMoves(prices, holding, options.LargeMoveK, options.LargeMoveAtrPoints), holding);
            moves += recall.Judged;
            covered += (int)Math.Round((recall.Value ?? 0) * recall.Judged);
        }

        return any
            ? new MesoMetrics(MesoJudge.PatternPrecision(outcomes), outcomes.Count,
                new AccuracyResult(moves == 0 ? null : (double)covered / moves, moves, 0),
                MesoJudge.ConditionalAccuracy(outcomes), MesoJudge.ConditionalBrier(outcomes), expired,
                MesoJudge.PatternPrecisionChance(outcomes))
            : null;
    }

    private static MicroResult? Micro(IReadOnlyList<(IReadOnlyList<LayerOutputs> Outputs, IReadOnlyList<PricePoint> Prices)> series, LayerSectionOptions options)
    {
        var calls = series.Select(s => (Calls: LayerCalls.Micro(s.Outputs), s.Prices)).ToList();
        return calls.All(c => c.Calls.Count == 0)
            ? null
            : MicroJudge.Micro(calls.Select(c => (c.Calls, c.Prices)).ToList(), options.LatencyBps);
    }
}

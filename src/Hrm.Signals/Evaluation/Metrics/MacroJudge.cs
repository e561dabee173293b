using System.Runtime.InteropServices;
using Hrm.Protocol;
using Hrm.Protocol.Layers;
using Hrm.Signals.Numerics;

namespace Hrm.Signals.Evaluation.Metrics;

/// <summary>
/// Macro's claims judged from observable ex-post outcomes on the price series, without regime labels
/// (docs/EVALUATION.md says why). Prices must be sorted by event time; times are Unix nanoseconds.
/// </summary>
public static class MacroJudge
{
    /// <summary>
    /// macro.regime_accuracy: the share of calls whose claim the prices over [t, t + horizon] bear out. trending:
    /// efficiency ratio ≥ threshold and the move's sign = the call's direction (any sign when direction 0);
    /// mean_reverting: VR(q) &lt; 1 (<see cref="Stats.VarianceRatio"/>); volatile: realised vol above the median of the trailing windows' vols;
    /// accumulation: realised vol at or below that median and efficiency ratio below the threshold. A call is skipped
    /// when its window runs past the data, is too short, or (volatile/accumulation) has no trailing window.
    /// </summary>
    public static AccuracyResult RegimeAccuracy(IReadOnlyList<RegimeCall> calls, IReadOnlyList<PricePoint> prices, RegimeCheckOptions? options = null)
    {
        options ??= new RegimeCheckOptions();
        PriceWindows.RequireSorted(prices);
        int judged = 0, right = 0, skipped = 0;
        foreach (var call in calls)
        {
            var verdict = Judge(call, prices, options);
            if (verdict is null)
            {
                skipped++;
                continue;
            }

            judged++;
            right += verdict.Value ? 1 : 0;
        }

        return new AccuracyResult(judged == 0 ? null : (double)right / judged, judged, skipped);
    }

    /// <summary>
    /// The naive baseline of <see cref="RegimeAccuracy"/>: the accuracy each constant claim would have had at the
    /// same times and horizons (trending with any direction), in the enum's order. The best of them is what always calling one regime
    /// achieves in hindsight, the bar a regime model has to clear.
    /// </summary>
    public static IReadOnlyDictionary<Regime, AccuracyResult> ConstantRegimeAccuracy(
        IReadOnlyList<RegimeCall> calls, IReadOnlyList<PricePoint> prices, RegimeCheckOptions? options = null) =>
        Enum.GetValues<Regime>().ToDictionary(
            regime => regime,
            regime => RegimeAccuracy(calls.Select(c => c with { Regime = regime, Direction = 0 }).ToArray(), prices, options));

    /// <summary>Whether the prices bear the call out; null when it cannot be judged.</summary>
    public static bool? Judge(RegimeCall call, IReadOnlyList<PricePoint> prices, RegimeCheckOptions options)
    {
        var h = call.HorizonSeconds * EventTime.NanosPerSecond;
        var w = PriceWindows.Window(prices, call.TsEvent, call.TsEvent + h);
        if (w is null)
        {
            return null;
        }

        var (a, b) = w.Value;
        var er = Stats.EfficiencyRatio(PriceWindows.Levels(prices, a, b));
        switch (call.Regime)
        {
            case Regime.Trending:
                var sign = Math.Sign(prices[b].Price - prices[a].Price);
                return er >= options.EfficiencyThreshold && (call.Direction == 0 || sign == Math.Sign(call.Direction));
            case Regime.MeanReverting:
                return Stats.VarianceRatio(PriceWindows.LogReturns(prices, a, b), options.VarianceRatioLag) is { } vr ? vr < 1 : null;
            case Regime.Volatile:
            case Regime.Accumulation:
                if (Stats.SampleStd(PriceWindows.LogReturns(prices, a, b)) is null)
                {
                    return null;
                }

                var vol = Stats.PopulationStd(PriceWindows.LogReturns(prices, a, b));
                var trailing = PriceWindows.TrailingWindows(prices, call.TsEvent, h, options).Select(tw => Stats.PopulationStd(PriceWindows.LogReturns(prices, tw.A, tw.B))).ToArray();
                if (Stats.Median(trailing) is not { } median)
                {
                    return null;
                }

                return call.Regime == Regime.Volatile ? vol > median : vol <= median && er < options.EfficiencyThreshold;
            default:
                return null;
        }
    }

    /// <summary>
    /// macro.transition_timing: for each change of claimed regime between consecutive calls (detected at the later
    /// call's time t), the ex-post change point τ* is the price index in [t − search, t + search] that maximises the
    /// Gaussian log-likelihood ratio of a change in mean and variance of the log returns, with
    /// <paramref name="segmentReturns"/> returns on each side: 2L·ln σ̂²_all − L·ln σ̂²_before − L·ln σ̂²_after (MLE
    /// variances). Lag = (t − τ*) in hours: positive = late, negative = early. The metric is the median lag.
    /// </summary>
    public static TimingResult TransitionTiming(IReadOnlyList<RegimeCall> calls, IReadOnlyList<PricePoint> prices, long searchSeconds, int segmentReturns)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(segmentReturns, 2);
        PriceWindows.RequireSorted(prices);
        var lags = new List<double>();
        var ordered = calls.OrderBy(c => c.TsEvent).ToArray();
        for (var i = 1; i < ordered.Length; i++)
        {
            if (ordered[i].Regime == ordered[i - 1].Regime)
            {
                continue;
            }

            var t = ordered[i].TsEvent;
            var best = double.NegativeInfinity;
            var bestTs = (long?)null;
            for (var m = segmentReturns; m + segmentReturns < prices.Count; m++)
            {
                if (Math.Abs(prices[m].TsEvent - t) > searchSeconds * EventTime.NanosPerSecond)
                {
                    continue;
                }

                var before = PriceWindows.LogReturns(prices, m - segmentReturns, m);
                var after = PriceWindows.LogReturns(prices, m, m + segmentReturns);
                var all = before.Concat(after).ToArray();
                var stat = 2 * segmentReturns * Math.Log(PriceWindows.Floor(Stats.PopulationVariance(all)))
                    - segmentReturns * Math.Log(PriceWindows.Floor(Stats.PopulationVariance(before)))
                    - segmentReturns * Math.Log(PriceWindows.Floor(Stats.PopulationVariance(after)));
                if (stat > best)
                {
                    best = stat;
                    bestTs = prices[m].TsEvent;
                }
            }

            if (bestTs is { } tau)
            {
                lags.Add((t - tau) / 3600.0 / EventTime.NanosPerSecond);
            }
        }

        return new TimingResult(Stats.Median(CollectionsMarshal.AsSpan(lags)), lags);
    }
}

using Hrm.Protocol;
using Hrm.Signals.Evaluation.Trading;

namespace Hrm.Signals.Evaluation.Labels;

/// <summary>
/// Labels for decisions (docs/EVALUATION.md, "Labels"), on the prices the simulator trades at. Pure and deterministic.
/// <list type="bullet">
/// <item>Fill: the open of the first bar with <c>TsEvent &gt; t</c>, the simulator's own rule, so δ is the real fill
/// delay (one candle on candles, at most one 100 ms sample on captures).</item>
/// <item>End: the open of the first bar with <c>TsEvent ≥ fill + h</c>; unknown when there is none, or when it opens
/// a horizon or more late (a gap in the data: the label would be about a longer horizon).</item>
/// <item>σ: the sample standard deviation of the K log returns of P(t − kΔ), k = 0 … K (P(x) = the open of the last
/// bar with <c>TsEvent ≤ x</c>, a price known at t), scaled to the horizon as σ_Δ·√(h/Δ); unknown until K steps of
/// prices precede t.</item>
/// </list>
/// </summary>
public static class ForwardLabels
{

    /// <summary>Labels of every decision time (sorted ascending) at every horizon of the spec: [horizon][decision].</summary>
    public static ForwardLabel[][] For(IReadOnlyList<PriceBar> bars, IReadOnlyList<long> decisionTimes, LabelSpec spec)
    {
        var labels = spec.Horizons.Select(_ => new ForwardLabel[decisionTimes.Count]).ToArray();
        for (var i = 0; i < decisionTimes.Count; i++)
        {
            var t = decisionTimes[i];
            var sigmaStep = TrailingSigma(bars, t, spec.VolStepSeconds, spec.VolReturns);
            for (var h = 0; h < spec.Horizons.Count; h++)
            {
                labels[h][i] = Label(bars, t, spec.Horizons[h].Seconds, sigmaStep, spec.VolStepSeconds);
            }
        }

        return labels;
    }

    /// <summary>
    /// The label of a decision at <paramref name="t"/> over <paramref name="horizonSeconds"/>, its σ scaled from
    /// <paramref name="sigmaStep"/> (σ of one <paramref name="stepSeconds"/> return; NaN when unknown).
    /// </summary>
    public static ForwardLabel Label(IReadOnlyList<PriceBar> bars, long t, long horizonSeconds, double sigmaStep, long stepSeconds)
    {
        var fill = FirstAfter(bars, t);
        if (fill < 0)
        {
            return ForwardLabel.Unknown(t);
        }

        var h = horizonSeconds * EventTime.NanosPerSecond;
        var target = bars[fill].TsEvent + h;
        var end = FirstAtOrAfter(bars, target, fill);
        var sigma = double.IsFinite(sigmaStep) ? sigmaStep * Math.Sqrt((double)horizonSeconds / stepSeconds) : double.NaN;
        if (end < 0 || bars[end].TsEvent >= target + h)
        {
            return ForwardLabel.Unknown(t) with { FillTs = bars[fill].TsEvent, Sigma = sigma };
        }

        return new ForwardLabel(t, bars[fill].TsEvent, bars[end].TsEvent, Math.Log(bars[end].Open / bars[fill].Open), sigma);
    }

    /// <summary>
    /// σ of one <paramref name="stepSeconds"/> log return from the <paramref name="returns"/> returns of the grid
    /// t, t − Δ, …, t − KΔ (prices at or before each point); NaN when the grid starts before the first price or the
    /// returns are constant.
    /// </summary>
    public static double TrailingSigma(IReadOnlyList<PriceBar> bars, long t, long stepSeconds, int returns)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(returns, 2);
        var step = stepSeconds * EventTime.NanosPerSecond;
        var index = LastAtOrBefore(bars, t);
        if (index < 0 || t - returns * step < bars[0].TsEvent)
        {
            return double.NaN;
        }

        double sum = 0, sumSq = 0;
        var later = bars[index].Open;
        for (var k = 1; k <= returns; k++)
        {
            var at = t - k * step;
            while (index > 0 && bars[index].TsEvent > at)
            {
                index--;
            }

            var price = bars[index].Open;
            var r = Math.Log(later / price);
            sum += r;
            sumSq += r * r;
            later = price;
        }

        var variance = (sumSq - sum * sum / returns) / (returns - 1);
        return variance > 0 ? Math.Sqrt(variance) : double.NaN;
    }

    /// <summary>Index of the first bar with <c>TsEvent &gt; ts</c>, or −1.</summary>
    public static int FirstAfter(IReadOnlyList<PriceBar> bars, long ts) => FirstAtOrAfter(bars, ts + 1, 0);

    /// <summary>Index of the last bar with <c>TsEvent ≤ ts</c>, or −1.</summary>
    public static int LastAtOrBefore(IReadOnlyList<PriceBar> bars, long ts)
    {
        var first = FirstAtOrAfter(bars, ts + 1, 0);
        return first < 0 ? bars.Count - 1 : first - 1;
    }

    private static int FirstAtOrAfter(IReadOnlyList<PriceBar> bars, long ts, int from)
    {
        int lo = from, hi = bars.Count - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (bars[mid].TsEvent >= ts)
            {
                found = mid;
                hi = mid - 1;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return found;
    }
}

using Hrm.Protocol;

namespace Hrm.Signals.Evaluation.Metrics;

/// <summary>The price-window arithmetic the layer metrics share: spans, trailing windows, log returns, variances.</summary>
internal static class PriceWindows
{
    /// <summary>Points a..b spanning [from, to]: a = last at or before from, b = last at or before to; null when the
    /// span starts before the data, ends after it, or has fewer than two points.</summary>
    internal static (int A, int B)? Window(IReadOnlyList<PricePoint> prices, long from, long to)
    {
        if (prices.Count == 0 || to > prices[^1].TsEvent || from < prices[0].TsEvent)
        {
            return null;
        }

        var a = Stats.IndexAtOrBefore(prices, from);
        var b = Stats.IndexAtOrBefore(prices, to);
        return b - a >= 1 ? (a, b) : null;
    }

    /// <summary>
    /// The volatility reference of a call at <paramref name="ts"/> with horizon <paramref name="h"/> (ns): the windows
    /// [ts − k·h, ts − (k − 1)·h], k = 1..TrailingWindows, that lie inside the data and hold at least two returns.
    /// </summary>
    internal static List<(int A, int B)> TrailingWindows(IReadOnlyList<PricePoint> prices, long ts, long h, RegimeCheckOptions options)
    {
        var windows = new List<(int A, int B)>(options.TrailingWindows);
        for (var k = 1; k <= options.TrailingWindows; k++)
        {
            if (Window(prices, ts - k * h, ts - (k - 1) * h) is { } tw && tw.B - tw.A >= 2)
            {
                windows.Add(tw);
            }
        }

        return windows;
    }

    internal static double[] LogReturns(IReadOnlyList<PricePoint> prices, int a, int b)
    {
        var r = new double[b - a];
        for (var i = a + 1; i <= b; i++)
        {
            r[i - a - 1] = Math.Log(prices[i].Price / prices[i - 1].Price);
        }

        return r;
    }

    internal static double PopulationVariance(IReadOnlyList<double> xs)
    {
        if (xs.Count == 0)
        {
            return 0;
        }

        var mean = xs.Average();
        return xs.Sum(x => (x - mean) * (x - mean)) / xs.Count;
    }

    internal static double PopulationStd(IReadOnlyList<double> xs) => Math.Sqrt(PopulationVariance(xs));

    internal static double Floor(double variance) => Math.Max(variance, 1e-20);
}

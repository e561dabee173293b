using Hrm.Protocol;
using Hrm.Signals.Numerics;

namespace Hrm.Signals.Evaluation.Metrics;

/// <summary>The price-series arithmetic the layer metrics share: lookups, spans, trailing windows, log returns.</summary>
internal static class PriceWindows
{
    /// <summary>Index of the last point with <c>TsEvent ≤ ts</c>, or −1. Points must be sorted by time.</summary>
    internal static int IndexAtOrBefore(IReadOnlyList<PricePoint> prices, long ts)
    {
        int lo = 0, hi = prices.Count - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (prices[mid].TsEvent <= ts)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found;
    }

    /// <summary>Throws when the prices are not sorted by event time or a price is not positive and finite.</summary>
    internal static void RequireSorted(IReadOnlyList<PricePoint> prices)
    {
        for (var i = 0; i < prices.Count; i++)
        {
            if (!(prices[i].Price > 0) || !double.IsFinite(prices[i].Price))
            {
                throw new ArgumentException($"price {i} is not positive and finite: {prices[i].Price}");
            }

            if (i > 0 && prices[i].TsEvent < prices[i - 1].TsEvent)
            {
                throw new ArgumentException($"prices are not sorted by TsEvent at index {i}");
            }
        }
    }

    /// <summary>Points a..b spanning [from, to]: a = last at or before from, b = last at or before to; null when the
    /// span starts before the data, ends after it, or has fewer than two points.</summary>
    internal static (int A, int B)? Window(IReadOnlyList<PricePoint> prices, long from, long to)
    {
        if (prices.Count == 0 || to > prices[^1].TsEvent || from < prices[0].TsEvent)
        {
            return null;
        }

        var a = IndexAtOrBefore(prices, from);
        var b = IndexAtOrBefore(prices, to);
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

    /// <summary>The prices of points a..b.</summary>
    internal static double[] Levels(IReadOnlyList<PricePoint> prices, int a, int b)
    {
        var levels = new double[Math.Max(0, b - a + 1)];
        for (var i = 0; i < levels.Length; i++)
        {
            levels[i] = prices[a + i].Price;
        }

        return levels;
    }

    /// <summary>The log returns of points a..b: ln(P_i / P_{i−1}), i = a + 1..b.</summary>
    internal static double[] LogReturns(IReadOnlyList<PricePoint> prices, int a, int b) => Stats.LogReturns(Levels(prices, a, b));

    internal static double Floor(double variance) => Math.Max(variance, 1e-20);
}

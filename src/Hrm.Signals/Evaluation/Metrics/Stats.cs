namespace Hrm.Signals.Evaluation.Metrics;

/// <summary>
/// The small statistics the metrics share. Every function returns <c>null</c> when the statistic is undefined
/// (too few values, zero variance) rather than a made-up number.
/// </summary>
public static class Stats
{
    /// <summary>Arithmetic mean; null when empty.</summary>
    public static double? Mean(IReadOnlyList<double> xs)
    {
        if (xs.Count == 0)
        {
            return null;
        }

        var sum = 0.0;
        foreach (var x in xs)
        {
            sum += x;
        }

        return sum / xs.Count;
    }

    /// <summary>Sample standard deviation (divisor n − 1); null when fewer than two values.</summary>
    public static double? SampleStd(IReadOnlyList<double> xs)
    {
        if (xs.Count < 2)
        {
            return null;
        }

        var mean = Mean(xs)!.Value;
        var ss = 0.0;
        foreach (var x in xs)
        {
            ss += (x - mean) * (x - mean);
        }

        return Math.Sqrt(ss / (xs.Count - 1));
    }

    /// <summary>Median (mean of the two middle values for an even count); null when empty.</summary>
    public static double? Median(IReadOnlyList<double> xs)
    {
        if (xs.Count == 0)
        {
            return null;
        }

        var sorted = xs.ToArray();
        Array.Sort(sorted);
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>
    /// Pearson correlation; null when the lengths differ, fewer than two pairs, or either side is constant.
    /// </summary>
    public static double? Pearson(IReadOnlyList<double> xs, IReadOnlyList<double> ys)
    {
        if (xs.Count != ys.Count || xs.Count < 2)
        {
            return null;
        }

        var mx = Mean(xs)!.Value;
        var my = Mean(ys)!.Value;
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < xs.Count; i++)
        {
            var dx = xs[i] - mx;
            var dy = ys[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }

        if (sxx <= 0 || syy <= 0)
        {
            return null;
        }

        return sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>Ranks from 1; tied values share the mean of the ranks they span (1, 2.5, 2.5, 4).</summary>
    public static double[] Ranks(IReadOnlyList<double> xs)
    {
        var order = Enumerable.Range(0, xs.Count).ToArray();
        Array.Sort(order, (a, b) => xs[a].CompareTo(xs[b]) is var c && c != 0 ? c : a.CompareTo(b));
        var ranks = new double[xs.Count];
        var i = 0;
        while (i < order.Length)
        {
            var j = i;
            while (j + 1 < order.Length && xs[order[j + 1]].Equals(xs[order[i]]))
            {
                j++;
            }

            var rank = (i + j) / 2.0 + 1;
            for (var k = i; k <= j; k++)
            {
                ranks[order[k]] = rank;
            }

            i = j + 1;
        }

        return ranks;
    }

    /// <summary>
    /// Spearman rank correlation: Pearson on average ranks (the tie-correct form, not 1 − 6Σd²/(n(n²−1))).
    /// Non-finite pairs are dropped first. Null when fewer than two pairs remain or either side is constant.
    /// </summary>
    public static double? Spearman(IReadOnlyList<double> xs, IReadOnlyList<double> ys)
    {
        if (xs.Count != ys.Count)
        {
            return null;
        }

        var fx = new List<double>(xs.Count);
        var fy = new List<double>(ys.Count);
        for (var i = 0; i < xs.Count; i++)
        {
            if (double.IsFinite(xs[i]) && double.IsFinite(ys[i]))
            {
                fx.Add(xs[i]);
                fy.Add(ys[i]);
            }
        }

        return Pearson(Ranks(fx), Ranks(fy));
    }

    /// <summary>Index of the last point with <c>TsEvent ≤ ts</c>, or −1. Points must be sorted by time.</summary>
    public static int IndexAtOrBefore(IReadOnlyList<PricePoint> prices, long ts)
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
    public static void RequireSorted(IReadOnlyList<PricePoint> prices)
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
}

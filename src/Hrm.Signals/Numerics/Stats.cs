namespace Hrm.Signals.Numerics;

/// <summary>
/// The small statistics the layers and the metrics share, one home per formula. Sums run in the order the values are
/// given (results are pinned byte for byte). Functions return <c>null</c> when the statistic is undefined (too few
/// values, zero variance) rather than a made-up number.
/// </summary>
public static class Stats
{
    /// <summary>Arithmetic mean; null when empty.</summary>
    public static double? Mean(ReadOnlySpan<double> xs) => xs.IsEmpty ? null : Sum(xs) / xs.Length;

    /// <summary>Population variance Σ(x − mean)² / n (the MLE); 0 when empty.</summary>
    public static double PopulationVariance(ReadOnlySpan<double> xs) => xs.IsEmpty ? 0 : SquaredDeviations(xs) / xs.Length;

    /// <summary>√<see cref="PopulationVariance"/>.</summary>
    public static double PopulationStd(ReadOnlySpan<double> xs) => Math.Sqrt(PopulationVariance(xs));

    /// <summary>Sample standard deviation (divisor n − 1); null when fewer than two values.</summary>
    public static double? SampleStd(ReadOnlySpan<double> xs) => xs.Length < 2 ? null : Math.Sqrt(SquaredDeviations(xs) / (xs.Length - 1));

    /// <summary>Log returns ln(x_{i+1} / x_i) of a level series, in its order; empty with fewer than two levels.</summary>
    public static double[] LogReturns(ReadOnlySpan<double> levels)
    {
        var r = new double[Math.Max(0, levels.Length - 1)];
        for (var i = 0; i < r.Length; i++)
        {
            r[i] = Math.Log(levels[i + 1] / levels[i]);
        }

        return r;
    }

    /// <summary>
    /// Kaufman's efficiency ratio |x_last − x_first| / Σ|x_i − x_{i−1}| of a level series: 1 for a straight path, near
    /// 0 for noise; 0 when the path is flat. Symmetric in time, so a newest-first series gives the same value.
    /// </summary>
    public static double EfficiencyRatio(ReadOnlySpan<double> levels)
    {
        var path = 0.0;
        for (var i = 1; i < levels.Length; i++)
        {
            path += Math.Abs(levels[i] - levels[i - 1]);
        }

        return path > 0 ? Math.Abs(levels[^1] - levels[0]) / path : 0;
    }

    /// <summary>
    /// Variance ratio VR(q) of N returns r: the variance of the N − q + 1 overlapping q-sums, centred on q·μ̂
    /// (μ̂ the mean return), over q times the population variance of r. The centring is Lo and MacKinlay's
    /// (1988, "Stock market prices do not follow random walks", RFS 1(1), σ̂²_c(q)); the sums' average is over their
    /// count, and there is no small-sample correction. Below 1: q-period moves partly undo each other (mean
    /// reversion); above 1: they persist. Sums run in the order given (time-symmetric, so newest-first is fine).
    /// Null when q &lt; 2, N &lt; q + 1 or r has no variance. <see cref="Macro.Regimes.VarianceRatio"/> is the test
    /// (de-biased, with its z statistic).
    /// </summary>
    public static double? VarianceRatio(ReadOnlySpan<double> returns, int q)
    {
        if (q < 2 || returns.Length < q + 1)
        {
            return null;
        }

        var v1 = PopulationVariance(returns);
        if (!(v1 > 0))
        {
            return null;
        }

        var drift = q * (Sum(returns) / returns.Length);
        var count = returns.Length - q + 1;
        var ss = 0.0;
        for (var j = 0; j < count; j++)
        {
            var sum = 0.0;
            for (var k = j; k < j + q; k++)
            {
                sum += returns[k];
            }

            ss += (sum - drift) * (sum - drift);
        }

        return ss / count / (q * v1);
    }

    /// <summary>Median (mean of the two middle values for an even count); null when empty.</summary>
    public static double? Median(ReadOnlySpan<double> xs)
    {
        if (xs.IsEmpty)
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
    public static double? Pearson(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys)
    {
        if (xs.Length != ys.Length || xs.Length < 2)
        {
            return null;
        }

        var mx = Mean(xs)!.Value;
        var my = Mean(ys)!.Value;
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < xs.Length; i++)
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

    private static double Sum(ReadOnlySpan<double> xs)
    {
        var sum = 0.0;
        foreach (var x in xs)
        {
            sum += x;
        }

        return sum;
    }

    private static double SquaredDeviations(ReadOnlySpan<double> xs)
    {
        var mean = Sum(xs) / xs.Length;
        var ss = 0.0;
        foreach (var x in xs)
        {
            ss += (x - mean) * (x - mean);
        }

        return ss;
    }
}

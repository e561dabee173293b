namespace Hrm.Signals.Macro.Regimes;

/// <summary>The five rescaled-range Hurst estimates of pracma's <c>hurstexp</c> (names as there).</summary>
public readonly record struct HurstEstimates(double Simple, double DyadicRs, double Empirical, double CorrectedEmpirical, double Theoretical);

/// <summary>
/// Rescaled-range (R/S) Hurst exponent estimators, as pinned down in reference/03_hurst_brown72/EXPECTED.md.
/// R/S of a segment z of length n: Y = cumsum(z − mean z) (starting at the first deviation), R/S = (max Y − min Y)/sd(z)
/// with the sample std (n − 1). Windows are given explicitly (no truncation of the series, unlike pracma ≥ 2.0).
/// </summary>
public static class Hurst
{
    public static double RescaledRange(ReadOnlySpan<double> z)
    {
        var n = z.Length;
        if (n < 2)
        {
            return double.NaN;
        }

        var mean = 0.0;
        foreach (var v in z)
        {
            mean += v;
        }

        mean /= n;
        double y = 0, max = double.NegativeInfinity, min = double.PositiveInfinity, ss = 0;
        foreach (var v in z)
        {
            var d = v - mean;
            y += d;
            ss += d * d;
            max = Math.Max(max, y);
            min = Math.Min(min, y);
        }

        var sd = Math.Sqrt(ss / (n - 1));
        return sd > 0 ? (max - min) / sd : double.NaN;
    }

    /// <summary>Hs = log(R/S of the whole series) / log N.</summary>
    public static double Simple(ReadOnlySpan<double> x) => Math.Log(RescaledRange(x)) / Math.Log(x.Length);

    /// <summary>
    /// Hrs: OLS slope of ln(mean R/S) on ln(mean segment length) over the whole series, its halves, quarters, …
    /// (a segment [a, b) splits at a + ⌊(b − a + 1)/2⌋) while the smallest segment has at least 8 values.
    /// </summary>
    public static double DyadicRs(ReadOnlySpan<double> x)
    {
        var n = x.Length;
        var xs = new List<double> { Math.Log(n) };
        var ys = new List<double> { Math.Log(RescaledRange(x)) };
        var bounds = new List<int> { 0, n / 2, n };
        while (MinGap(bounds) >= 8)
        {
            double length = 0, rs = 0;
            for (var i = 1; i < bounds.Count; i++)
            {
                length += bounds[i] - bounds[i - 1];
                rs += RescaledRange(x[bounds[i - 1]..bounds[i]]);
            }

            var segments = bounds.Count - 1;
            xs.Add(Math.Log(length / segments));
            ys.Add(Math.Log(rs / segments));
            var next = new List<int>(bounds.Count * 2) { bounds[0] };
            for (var i = 1; i < bounds.Count; i++)
            {
                var (a, b) = (bounds[i - 1], bounds[i]);
                next.Add(a + (b - a + 1) / 2);
                next.Add(b);
            }

            bounds = next.Distinct().Order().ToList();
        }

        return Slope(xs, ys);
    }

    /// <summary>Mean R/S over the ⌊N/n⌋ non-overlapping blocks of length n from the start.</summary>
    public static double BlockRescaledRange(ReadOnlySpan<double> x, int n)
    {
        var blocks = x.Length / n;
        var sum = 0.0;
        for (var b = 0; b < blocks; b++)
        {
            sum += RescaledRange(x.Slice(b * n, n));
        }

        return sum / blocks;
    }

    /// <summary>He: slope of log10 RSe(n) on log10 n over the windows.</summary>
    public static double Empirical(ReadOnlySpan<double> x, IReadOnlyList<int> windows)
    {
        var ys = new double[windows.Count];
        for (var i = 0; i < windows.Count; i++)
        {
            ys[i] = Math.Log10(BlockRescaledRange(x, windows[i]));
        }

        return Slope(windows.Select(w => Math.Log10(w)).ToList(), ys);
    }

    /// <summary>Hal (Weron 2002): slope of log10(RSe − ERS + √(πn/2)) on log10 n; ≈ 0.5 for independent increments.</summary>
    public static double CorrectedEmpirical(ReadOnlySpan<double> x, IReadOnlyList<int> windows)
    {
        var ys = new double[windows.Count];
        for (var i = 0; i < windows.Count; i++)
        {
            var n = windows[i];
            ys[i] = Math.Log10(BlockRescaledRange(x, n) - ExpectedRescaledRange(n) + Math.Sqrt(Math.PI * n / 2));
        }

        return Slope(windows.Select(w => Math.Log10(w)).ToList(), ys);
    }

    /// <summary>Ht: slope of log10 ERS(n) on log10 n.</summary>
    public static double Theoretical(IReadOnlyList<int> windows) =>
        Slope(windows.Select(w => Math.Log10(w)).ToList(), windows.Select(w => Math.Log10(ExpectedRescaledRange(w))).ToList());

    /// <summary>
    /// Anis–Lloyd/Peters expected R/S of n independent normals: [Γ((n−1)/2)/(√π Γ(n/2))]·((n−½)/n)·Σ_{k=1}^{n−1}√((n−k)/k)
    /// for n ≤ 340, else ((n−½)/n)·Σ√((n−k)/k)/√(πn/2).
    /// </summary>
    public static double ExpectedRescaledRange(int n)
    {
        var sum = 0.0;
        for (var k = 1; k < n; k++)
        {
            sum += Math.Sqrt((double)(n - k) / k);
        }

        var factor = (n - 0.5) / n;
        return n <= 340
            ? Math.Exp(LogGamma((n - 1) / 2.0) - LogGamma(n / 2.0)) / Math.Sqrt(Math.PI) * factor * sum
            : factor * sum / Math.Sqrt(Math.PI * n / 2);
    }

    /// <summary>All five estimates on x with the given windows for He, Hal and Ht.</summary>
    public static HurstEstimates Estimate(ReadOnlySpan<double> x, IReadOnlyList<int> windows) => new(
        Simple(x),
        DyadicRs(x),
        Empirical(x, windows),
        CorrectedEmpirical(x, windows),
        Theoretical(windows));

    /// <summary>ln Γ(x) for x &gt; 0 (Lanczos, g = 7, 9 terms; relative error ~1e-15).</summary>
    public static double LogGamma(double x)
    {
        ReadOnlySpan<double> c =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
        ];
        if (x < 0.5)
        {
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        }

        x -= 1;
        var a = c[0];
        var t = x + 7.5;
        for (var i = 1; i < 9; i++)
        {
            a += c[i] / (x + i);
        }

        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(a);
    }

    private static int MinGap(List<int> bounds)
    {
        var min = int.MaxValue;
        for (var i = 1; i < bounds.Count; i++)
        {
            min = Math.Min(min, bounds[i] - bounds[i - 1]);
        }

        return min;
    }

    internal static double Slope(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var n = x.Count;
        double mx = 0, my = 0;
        for (var i = 0; i < n; i++)
        {
            mx += x[i];
            my += y[i];
        }

        mx /= n;
        my /= n;
        double sxy = 0, sxx = 0;
        for (var i = 0; i < n; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }

        return sxy / sxx;
    }
}

namespace Hrm.Signals.Evaluation.Anchors;

/// <summary>
/// An OLS fit with heteroskedasticity- and autocorrelation-consistent (HAC) standard errors. Coefficient 0 is the
/// intercept; coefficients 1..k−1 follow the regressors in the order given.
/// </summary>
/// <param name="Coefficients">β̂ = (X′X)⁻¹X′y.</param>
/// <param name="StandardErrors">√diag(V̂), V̂ the HAC covariance (see <see cref="NeweyWestOls.Fit"/>).</param>
/// <param name="TStats">β̂ⱼ / s.e.ⱼ; null where the standard error is 0 (a perfect fit: SSR ≤ 10⁻²⁴ Σy²).</param>
/// <param name="N">Observations used (rows with a non-finite value are dropped before fitting).</param>
/// <param name="Lag">Bartlett truncation lag L actually used.</param>
/// <param name="R2">1 − SSR/SST (centred); null when y is constant.</param>
/// <param name="TimePeriods">Distinct time periods when the scores were summed by period (pooled fit), else N.</param>
public sealed record NeweyWestFit(
    IReadOnlyList<double> Coefficients,
    IReadOnlyList<double> StandardErrors,
    IReadOnlyList<double?> TStats,
    int N,
    int Lag,
    double? R2,
    int TimePeriods)
{
    public double Intercept => Coefficients[0];

    /// <summary>The first slope, β̂₁ (the only one in a one-regressor fit).</summary>
    public double Slope => Coefficients[1];

    public double? SlopeT => TStats[1];
}

/// <summary>
/// OLS with Newey–West (1987) HAC standard errors, Bartlett kernel. Pure; every function returns <c>null</c> when the
/// fit is undefined (fewer observations than coefficients, X′X singular) rather than a made-up number.
/// </summary>
public static class NeweyWestOls
{
    /// <summary>
    /// The default truncation lag: L = ⌊4 (n/100)^(2/9)⌋, the common rule of thumb for the Bartlett kernel attributed
    /// to Newey and West (1994). n = 100 → 4; n = 400 → 5; n = 2800 → 8.
    /// </summary>
    public static int DefaultLag(int n) => n <= 0 ? 0 : (int)Math.Floor(4 * Math.Pow(n / 100.0, 2.0 / 9.0));

    /// <summary>
    /// Fits y_i = β₀ + Σⱼ βⱼ x_ij + u_i and returns β̂ with HAC standard errors
    /// <code>
    /// V̂ = (X′X)⁻¹ Ŝ (X′X)⁻¹,   Ŝ = Γ̂₀ + Σ_{l=1..L} w_l (Γ̂_l + Γ̂_l′),   w_l = 1 − l/(L+1)   (Bartlett),
    /// Γ̂_l = Σ_t s_t s_{t−l}′,   s_t = x_t û_t   (the score of observation t; x_t includes the constant 1).
    /// </code>
    /// No small-sample (n/(n−k)) factor, as in Newey and West (1987). L = 0 gives White's heteroskedasticity-robust
    /// covariance.
    /// <para>
    /// With <paramref name="periods"/> (one integer time index per row, e.g. a week number) the scores are first summed
    /// over the rows of each period, s_t = Σ_{i ∈ t} x_i û_i, and Γ̂_l pairs periods t and t − l by their index (a missing
    /// period contributes nothing). That is Driscoll and Kraay's (1998) estimator for a pooled panel; with L = 0 it is
    /// the covariance clustered by time period, the one Moskowitz, Ooi and Pedersen (2012) report for their pooled
    /// regressions. Without <paramref name="periods"/> row i is period i.
    /// </para>
    /// </summary>
    /// <param name="y">The dependent variable.</param>
    /// <param name="regressors">One row per observation (without the constant); all rows the same length (may be 0).</param>
    /// <param name="lag">Bartlett lag L ≥ 0; null = <see cref="DefaultLag"/> of the number of periods.</param>
    /// <param name="periods">Optional time index per row (pooled fit).</param>
    public static NeweyWestFit? Fit(IReadOnlyList<double> y, IReadOnlyList<IReadOnlyList<double>> regressors, int? lag = null, IReadOnlyList<long>? periods = null)
    {
        if (y.Count != regressors.Count || (periods is not null && periods.Count != y.Count))
        {
            throw new ArgumentException("y, the regressor rows and the periods must have the same length");
        }

        if (lag < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(lag), "the lag must be 0 or more");
        }

        var k = (regressors.Count > 0 ? regressors[0].Count : 0) + 1;
        var rows = new List<int>(y.Count);
        for (var i = 0; i < y.Count; i++)
        {
            if (regressors[i].Count != k - 1)
            {
                throw new ArgumentException($"regressor row {i} has {regressors[i].Count} values, expected {k - 1}");
            }

            if (double.IsFinite(y[i]) && regressors[i].All(double.IsFinite))
            {
                rows.Add(i);
            }
        }

        var n = rows.Count;
        if (n < k)
        {
            return null;
        }

        double[] Row(int i)
        {
            var x = new double[k];
            x[0] = 1;
            for (var j = 1; j < k; j++)
            {
                x[j] = regressors[i][j - 1];
            }

            return x;
        }

        var xtx = new double[k, k];
        var xty = new double[k];
        foreach (var i in rows)
        {
            var x = Row(i);
            for (var a = 0; a < k; a++)
            {
                xty[a] += x[a] * y[i];
                for (var b = 0; b < k; b++)
                {
                    xtx[a, b] += x[a] * x[b];
                }
            }
        }

        if (Invert(xtx) is not { } inverse)
        {
            return null;
        }

        var beta = new double[k];
        for (var a = 0; a < k; a++)
        {
            for (var b = 0; b < k; b++)
            {
                beta[a] += inverse[a, b] * xty[b];
            }
        }

        // Residuals, R², and the scores summed by period (ordered by period index).
        var meanY = rows.Average(i => y[i]);
        double ssr = 0, sst = 0, sumY2 = 0;
        var scores = new SortedDictionary<long, double[]>();
        foreach (var i in rows)
        {
            var x = Row(i);
            var fitted = 0.0;
            for (var a = 0; a < k; a++)
            {
                fitted += x[a] * beta[a];
            }

            var u = y[i] - fitted;
            ssr += u * u;
            sst += (y[i] - meanY) * (y[i] - meanY);
            sumY2 += y[i] * y[i];
            var period = periods?[i] ?? i;
            if (!scores.TryGetValue(period, out var s))
            {
                s = new double[k];
                scores[period] = s;
            }

            for (var a = 0; a < k; a++)
            {
                s[a] += x[a] * u;
            }
        }

        var lagUsed = lag ?? DefaultLag(scores.Count);
        var meat = new double[k, k];
        foreach (var (period, s) in scores)
        {
            AddOuter(meat, s, s, 1.0);
            for (var l = 1; l <= lagUsed; l++)
            {
                if (scores.TryGetValue(period - l, out var earlier))
                {
                    var w = 1.0 - l / (lagUsed + 1.0);
                    AddOuter(meat, s, earlier, w);
                    AddOuter(meat, earlier, s, w);
                }
            }
        }

        // A perfect fit (residuals at rounding level) has no sampling error to speak of: s.e. 0, t undefined.
        var perfect = ssr <= 1e-24 * sumY2;
        var cov = Sandwich(inverse, meat);
        var se = new double[k];
        var t = new double?[k];
        for (var a = 0; a < k; a++)
        {
            se[a] = perfect ? 0 : Math.Sqrt(Math.Max(cov[a, a], 0));
            t[a] = se[a] > 0 ? beta[a] / se[a] : null;
        }

        return new NeweyWestFit(beta, se, t, n, lagUsed, sst > 0 ? 1 - ssr / sst : null, scores.Count);
    }

    /// <summary>The mean of <paramref name="y"/> with its HAC standard error: a fit on the constant alone.</summary>
    public static NeweyWestFit? Mean(IReadOnlyList<double> y, int? lag = null) =>
        Fit(y, y.Select(_ => (IReadOnlyList<double>)[]).ToArray(), lag);

    private static void AddOuter(double[,] into, double[] a, double[] b, double weight)
    {
        for (var i = 0; i < a.Length; i++)
        {
            for (var j = 0; j < b.Length; j++)
            {
                into[i, j] += weight * a[i] * b[j];
            }
        }
    }

    private static double[,] Sandwich(double[,] bread, double[,] meat)
    {
        var k = bread.GetLength(0);
        var left = new double[k, k];
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                for (var m = 0; m < k; m++)
                {
                    left[i, j] += bread[i, m] * meat[m, j];
                }
            }
        }

        var result = new double[k, k];
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                for (var m = 0; m < k; m++)
                {
                    result[i, j] += left[i, m] * bread[m, j];
                }
            }
        }

        return result;
    }

    /// <summary>Gauss–Jordan inverse with partial pivoting; null when a pivot is negligible (singular X′X).</summary>
    private static double[,]? Invert(double[,] matrix)
    {
        var k = matrix.GetLength(0);
        var a = (double[,])matrix.Clone();
        var inv = new double[k, k];
        var scale = 0.0;
        for (var i = 0; i < k; i++)
        {
            inv[i, i] = 1;
            scale = Math.Max(scale, Math.Abs(a[i, i]));
        }

        if (!(scale > 0))
        {
            return null;
        }

        for (var col = 0; col < k; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < k; r++)
            {
                if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col]))
                {
                    pivot = r;
                }
            }

            if (Math.Abs(a[pivot, col]) <= 1e-12 * scale)
            {
                return null;
            }

            if (pivot != col)
            {
                for (var c = 0; c < k; c++)
                {
                    (a[col, c], a[pivot, c]) = (a[pivot, c], a[col, c]);
                    (inv[col, c], inv[pivot, c]) = (inv[pivot, c], inv[col, c]);
                }
            }

            var p = a[col, col];
            for (var c = 0; c < k; c++)
            {
                a[col, c] /= p;
                inv[col, c] /= p;
            }

            for (var r = 0; r < k; r++)
            {
                if (r == col || a[r, col] == 0)
                {
                    continue;
                }

                var f = a[r, col];
                for (var c = 0; c < k; c++)
                {
                    a[r, c] -= f * a[col, c];
                    inv[r, c] -= f * inv[col, c];
                }
            }
        }

        return inv;
    }
}

namespace Hrm.Signals.Evaluation.Metrics;

/// <summary>
/// Heteroskedasticity- and autocorrelation-consistent standard error of a mean over observations stamped in time
/// (Newey–West with the Bartlett kernel, written on event time so that irregular and pooled series work alike):
/// <c>Var(ū) = (1/n²) Σ_i Σ_j k(|t_i − t_j| / B) (u_i − ū)(u_j − ū)</c>, <c>k(x) = max(0, 1 − x)</c>. Observations
/// closer than the bandwidth B are treated as dependent in proportion to their closeness, including observations of
/// different symbols at the same time (k(0) = 1), which is what pooling correlated coins needs. On a regular grid of
/// step Δ this is Newey–West with B/Δ − 1 lags. The triangular kernel is positive definite, so the variance is never
/// negative.
/// </summary>
public static class HacStandardError
{
    /// <summary>The HAC standard error of the mean of <paramref name="values"/>; null with fewer than two values.</summary>
    public static double? OfMean(IReadOnlyList<double> values, IReadOnlyList<long> times, long bandwidthNanos)
    {
        if (values.Count != times.Count)
        {
            throw new ArgumentException("values and times must have the same length");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bandwidthNanos);
        var n = values.Count;
        if (n < 2)
        {
            return null;
        }

        var order = Enumerable.Range(0, n).ToArray();
        Array.Sort(order, (a, b) => times[a].CompareTo(times[b]) is var c && c != 0 ? c : a.CompareTo(b));
        var mean = values.Average();
        var u = order.Select(i => values[i] - mean).ToArray();
        // seconds since the first time: small enough that t·Σu − Σt·u keeps its digits
        var t = order.Select(i => (times[i] - times[order[0]]) / 1e9).ToArray();
        var bandwidth = bandwidthNanos / 1e9;

        // Σ_{j<i, t_i − t_j < B} (1 − (t_i − t_j)/B)·u_j = S0 − (t_i·S0 − S1)/B with S0 = Σ u_j, S1 = Σ t_j·u_j over
        // that window, kept as the window slides: O(n) instead of O(n · points per bandwidth).
        double sum = 0, s0 = 0, s1 = 0;
        var first = 0;
        for (var i = 0; i < n; i++)
        {
            while (first < i && (times[order[i]] - times[order[first]]) >= bandwidthNanos)
            {
                s0 -= u[first];
                s1 -= t[first] * u[first];
                first++;
            }

            sum += u[i] * u[i] + 2 * u[i] * (s0 - (t[i] * s0 - s1) / bandwidth);
            s0 += u[i];
            s1 += t[i] * u[i];
        }

        return Math.Sqrt(Math.Max(0, sum) / ((double)n * n));
    }
}

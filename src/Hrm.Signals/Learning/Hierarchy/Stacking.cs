using MathNet.Numerics.LinearAlgebra;

namespace Hrm.Signals.Learning.Hierarchy;

/// <summary>Stacking weights: y ≈ Intercept + Σ Weights[k]·s_k, every weight ≥ 0.</summary>
public sealed record StackWeights(double Intercept, double[] Weights)
{
    public double Combine(ReadOnlySpan<double> scores)
    {
        var sum = Intercept;
        for (var k = 0; k < Weights.Length; k++)
        {
            sum += Weights[k] * scores[k];
        }

        return sum;
    }
}

/// <summary>
/// Stacked generalisation (Wolpert 1992; Breiman, "Stacked Regressions", 1996): the layer models' out-of-fold
/// predictions combined by least squares with non-negative weights (Breiman's constraint: a layer may be ignored, never
/// bet against). With at most a handful of inputs the non-negative least squares is solved exactly, by trying every
/// subset of active inputs and keeping the best feasible one. The intercept is free.
/// </summary>
public static class Stacking
{
    public const int MaxInputs = 8;

    /// <summary><paramref name="scores"/>[i][k]: input k's out-of-fold prediction for row i; <paramref name="labels"/>[i] its label.</summary>
    public static StackWeights Fit(IReadOnlyList<double[]> scores, IReadOnlyList<double> labels)
    {
        var k = scores.Count == 0 ? 0 : scores[0].Length;
        if (k > MaxInputs)
        {
            throw new ArgumentException($"at most {MaxInputs} stacked inputs", nameof(scores));
        }

        var best = new StackWeights(labels.Count == 0 ? 0 : labels.Average(), new double[k]);
        var bestSse = Sse(best, scores, labels);
        for (var mask = 1; mask < 1 << k; mask++)
        {
            var active = Enumerable.Range(0, k).Where(j => (mask & (1 << j)) != 0).ToArray();
            if (LeastSquares(scores, labels, active) is not { } candidate || candidate.Weights.Any(w => w < 0))
            {
                continue;
            }

            var sse = Sse(candidate, scores, labels);
            if (sse < bestSse - 1e-12)
            {
                (best, bestSse) = (candidate, sse);
            }
        }

        return best;
    }

    private static StackWeights? LeastSquares(IReadOnlyList<double[]> scores, IReadOnlyList<double> labels, int[] active)
    {
        var m = active.Length + 1;
        var a = Matrix<double>.Build.Dense(m, m);
        var b = Vector<double>.Build.Dense(m);
        Span<double> z = stackalloc double[m];
        for (var i = 0; i < labels.Count; i++)
        {
            z[0] = 1;
            for (var j = 0; j < active.Length; j++)
            {
                z[j + 1] = scores[i][active[j]];
            }

            for (var u = 0; u < m; u++)
            {
                b[u] += z[u] * labels[i];
                for (var v = 0; v < m; v++)
                {
                    a[u, v] += z[u] * z[v];
                }
            }
        }

        for (var u = 1; u < m; u++)
        {
            a[u, u] += 1e-9 * (1 + a[u, u]);
        }

        var solution = a.Svd().Solve(b);
        if (solution.Any(v => !double.IsFinite(v)))
        {
            return null;
        }

        var weights = new double[scores.Count == 0 ? 0 : scores[0].Length];
        for (var j = 0; j < active.Length; j++)
        {
            weights[active[j]] = solution[j + 1];
        }

        return new StackWeights(solution[0], weights);
    }

    private static double Sse(StackWeights w, IReadOnlyList<double[]> scores, IReadOnlyList<double> labels)
    {
        var sse = 0.0;
        for (var i = 0; i < labels.Count; i++)
        {
            var e = labels[i] - w.Combine(scores[i]);
            sse += e * e;
        }

        return sse;
    }
}

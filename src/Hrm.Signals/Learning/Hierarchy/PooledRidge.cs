using MathNet.Numerics.LinearAlgebra;

namespace Hrm.Signals.Learning.Hierarchy;

/// <summary>
/// Ridge precisions of the hierarchical prior: pooled coefficients β ~ N(0, 1/λ₀) (the intercept unpenalised), each
/// group's deviation δ_g ~ N(0, 1/λ_g) and each regime's η_r ~ N(0, 1/λ_r), in units of rows of unit-variance data.
/// </summary>
public sealed record PoolingPenalty(double Pooled, double Group, double Regime);

/// <summary>
/// A fitted partially pooled linear model: the coefficient vector for group g in regime r is β + δ_g + η_r.
/// </summary>
[MessagePack.MessagePackObject]
public sealed record PooledModel(
    [property: MessagePack.Key(0)] double[] Pooled,
    [property: MessagePack.Key(1)] double[][] Group,
    [property: MessagePack.Key(2)] double[][] Regime)
{
    /// <summary>The prediction for group g in regime r; a group or regime the fit never saw (−1) adds no deviation.</summary>
    public double Predict(ReadOnlySpan<double> x, int group, int regime)
    {
        var d = group >= 0 && group < Group.Length ? Group[group] : null;
        var e = regime >= 0 && regime < Regime.Length ? Regime[regime] : null;
        var sum = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            sum += x[i] * (Pooled[i] + (d is null ? 0 : d[i]) + (e is null ? 0 : e[i]));
        }

        return sum;
    }
}

/// <summary>
/// The maximum a-posteriori fit of y = x·(β + δ_g + η_r) + ε under <see cref="PoolingPenalty"/>: the "hierarchical
/// Bayesian" integration of the seed, in its Gaussian, closed-form case (Gelman &amp; Hill, Data Analysis Using
/// Regression and Multilevel/Hierarchical Models, ch. 12). A group with few rows has little data against its prior
/// and stays near the pooled fit; a group with many rows earns its own coefficients. Solved by Cholesky on the
/// normal equations assembled from <see cref="PanelStatistics"/>.
/// </summary>
public static class PooledRidge
{
    private static double PriorCoefficient(PooledModel prior, int block, int i, int groups)
    {
        var vector = block == 0 ? prior.Pooled : block <= groups ? Row(prior.Group, block - 1) : Row(prior.Regime, block - 1 - groups);
        return vector is not null && i < vector.Length ? vector[i] : 0;
    }

    private static double[]? Row(double[][] rows, int index) => index < rows.Length ? rows[index] : null;

    /// <summary>Keeps the system positive definite when a column never varies (a feature absent in the window).</summary>
    private const double Jitter = 1e-6;

    /// <summary>
    /// The MAP fit; with <paramref name="prior"/>, the priors are centred on its coefficients instead of 0 (every
    /// coefficient then penalised, the intercept too): the online update of a served model, which new data moves away
    /// from the fit it started from only as far as the data weighs against the penalty.
    /// </summary>
    public static PooledModel Fit(PanelStatistics stats, PoolingPenalty penalty, PooledModel? prior = null)
    {
        var p = stats.Width;
        var (groups, regimes) = (stats.Groups, stats.Regimes);
        var blocks = 1 + groups + regimes;
        var a = Matrix<double>.Build.Dense(p * blocks, p * blocks);
        var b = Vector<double>.Build.Dense(p * blocks);
        for (var g = 0; g < groups; g++)
        {
            for (var r = 0; r < regimes; r++)
            {
                if (stats.Weight(g, r) == 0)
                {
                    continue;
                }

                int[] touched = [0, 1 + g, 1 + groups + r];
                foreach (var u in touched)
                {
                    for (var i = 0; i < p; i++)
                    {
                        b[(u * p) + i] += stats.Xty(g, r, i);
                    }

                    foreach (var v in touched)
                    {
                        for (var i = 0; i < p; i++)
                        {
                            for (var j = 0; j < p; j++)
                            {
                                a[(u * p) + i, (v * p) + j] += stats.XtX(g, r, i, j);
                            }
                        }
                    }
                }
            }
        }

        for (var k = 0; k < p * blocks; k++)
        {
            var block = k / p;
            var isPooledIntercept = k == 0 && prior is null;
            var lambda = block == 0 ? (isPooledIntercept ? 0 : penalty.Pooled) : block <= groups ? penalty.Group : penalty.Regime;
            a[k, k] += lambda + Jitter;
            if (prior is not null)
            {
                b[k] += lambda * PriorCoefficient(prior, block, k % p, groups);
            }
        }

        var theta = a.Cholesky().Solve(b).ToArray();
        return new PooledModel(
            theta[..p],
            Enumerable.Range(0, groups).Select(g => theta[((1 + g) * p)..((2 + g) * p)]).ToArray(),
            Enumerable.Range(0, regimes).Select(r => theta[((1 + groups + r) * p)..((2 + groups + r) * p)]).ToArray());
    }
}

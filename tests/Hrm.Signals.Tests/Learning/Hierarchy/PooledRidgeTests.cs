using Hrm.Signals.Learning.Hierarchy;

namespace Hrm.Signals.Tests.Learning.Hierarchy;

public sealed class PooledRidgeTests
{
    // Synthetic panel: x = [1, z], z standard normal, y = x·β_g + ε with ε ~ N(0, 0.5²); one regime.
    private static readonly double[] PooledTruth = [0.1, 1.0];
    private static readonly double[] LongDeviation = [0, 0.2];
    private static readonly double[] LongTruth = [PooledTruth[0] + LongDeviation[0], PooledTruth[1] + LongDeviation[1]];
    private static readonly double[] ShortTruth = [-0.4, -1.0]; // far from the pool

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static List<(double[] X, double Y)> Sample(Random random, double[] beta, int rows)
    {
        var sample = new List<(double[] X, double Y)>(rows);
        for (var i = 0; i < rows; i++)
        {
            double[] x = [1, Normal(random)];
            sample.Add((x, (x[0] * beta[0]) + (x[1] * beta[1]) + (0.5 * Normal(random))));
        }

        return sample;
    }

    private static PanelStatistics Panel(params List<(double[] X, double Y)>[] groups)
    {
        var stats = new PanelStatistics(2, groups.Length, 1);
        for (var g = 0; g < groups.Length; g++)
        {
            foreach (var (x, y) in groups[g])
            {
                stats.Add(x, g, 0, y);
            }
        }

        return stats;
    }

    private static double[] Coefficients(PooledModel model, int group) =>
        [.. Enumerable.Range(0, 2).Select(i => model.Pooled[i] + model.Group[group][i] + model.Regime[0][i])];

    /// <summary>Ordinary least squares of y on [1, z], by the 2 × 2 normal equations.</summary>
    private static double[] LeastSquares(List<(double[] X, double Y)> rows)
    {
        double n = rows.Count, sz = rows.Sum(r => r.X[1]), szz = rows.Sum(r => r.X[1] * r.X[1]);
        double sy = rows.Sum(r => r.Y), szy = rows.Sum(r => r.X[1] * r.Y);
        var det = (n * szz) - (sz * sz);
        return [((szz * sy) - (sz * szy)) / det, ((n * szy) - (sz * sy)) / det];
    }

    private static double Distance(double[] a, double[] b) => Math.Sqrt(a.Zip(b, (u, v) => (u - v) * (u - v)).Sum());

    [Fact]
    public void With_tiny_penalties_each_group_recovers_its_own_coefficients()
    {
        var random = new Random(1201);
        var stats = Panel(Sample(random, LongTruth, 5_000), Sample(random, ShortTruth, 5_000));

        var model = PooledRidge.Fit(stats, new PoolingPenalty(1e-6, 1e-6, 1e-6));

        Assert.Equal(LongTruth[0], Coefficients(model, 0)[0], 0.05);
        Assert.Equal(LongTruth[1], Coefficients(model, 0)[1], 0.05);
        Assert.Equal(ShortTruth[0], Coefficients(model, 1)[0], 0.05);
        Assert.Equal(ShortTruth[1], Coefficients(model, 1)[1], 0.05);
    }

    [Fact]
    public void A_short_group_is_shrunk_to_the_pool_while_a_long_group_keeps_its_own_coefficients()
    {
        var random = new Random(1995);
        var longRows = Sample(random, LongTruth, 5_000);
        var shortRows = Sample(random, ShortTruth, 30);
        var stats = Panel(longRows, shortRows);

        var model = PooledRidge.Fit(stats, ForecastTrainer.Penalty(0.01, stats.Rows));

        double[] pool = [model.Pooled[0] + model.Regime[0][0], model.Pooled[1] + model.Regime[0][1]];
        var shortFit = Coefficients(model, 1);
        var shortAlone = LeastSquares(shortRows);
        Assert.True(Distance(shortAlone, ShortTruth) < 0.5, "the short group's own fit should be near its truth");
        Assert.True(
            Distance(shortFit, pool) < 0.1 * Distance(shortAlone, pool),
            $"short group {string.Join(", ", shortFit)} is not much nearer the pool {string.Join(", ", pool)} than its own fit {string.Join(", ", shortAlone)}");
        var longFit = Coefficients(model, 0);
        Assert.Equal(LongTruth[0], longFit[0], 0.05);
        Assert.Equal(LongTruth[1], longFit[1], 0.05);
    }

    [Fact]
    public void A_panel_without_rows_fits_zero_coefficients()
    {
        var model = PooledRidge.Fit(new PanelStatistics(2, 2, 1), new PoolingPenalty(1, 1, 1));

        Assert.Equal([0.0, 0.0], model.Pooled);
        Assert.Equal(0, model.Predict([1, 2], 1, 0));
    }

    [Fact]
    public void A_prediction_adds_the_pooled_group_and_regime_coefficients()
    {
        var model = new PooledModel([1, 2], [[0.5, -1], [0, 0]], [[0, 0.25]]);

        // x = [1, 3], group 0: 1·(1 + 0.5 + 0) + 3·(2 − 1 + 0.25) = 1.5 + 3.75 = 5.25.
        Assert.Equal(5.25, model.Predict([1, 3], 0, 0), 12);
    }
}

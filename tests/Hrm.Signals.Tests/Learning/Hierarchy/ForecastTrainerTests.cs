using Hrm.Signals.Learning.Hierarchy;

namespace Hrm.Signals.Tests.Learning.Hierarchy;

public sealed class ForecastTrainerTests
{
    private const long Hour = 3_600_000_000_000;
    private const int Hours = 1_200;
    private static readonly TrainingWindow Window = new(0, Hours * Hour);
    private static readonly FeatureColumn[] Columns = [new(0)];

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static PanelRow Row(double x, long ts, long labelEnd, double label) =>
        new([x], 0, 0, ts, labelEnd, label, double.IsFinite(label) ? label > 0 : null);

    /// <summary>
    /// Synthetic train window of one symbol: every hour a row whose 1h label is noise independent of its feature, a row
    /// whose label is 3 × its feature but ends at or after the window's end (half of them exactly at it), and every
    /// tenth hour a row with no label.
    /// </summary>
    private static List<PanelRow> Train()
    {
        var random = new Random(4242);
        var rows = new List<PanelRow>();
        for (var h = 0; h < Hours - 1; h++)
        {
            var ts = h * Hour;
            rows.Add(Row(Normal(random), ts, ts + Hour, Normal(random)));
            var x = Normal(random);
            rows.Add(Row(x, ts + (Hour / 2), h % 2 == 0 ? Window.To : Window.To + (h * Hour), Math.Clamp(3 * x, -5, 5)));
            if (h % 10 == 0)
            {
                rows.Add(Row(Normal(random), ts + (Hour / 4), ts + Hour, double.NaN));
            }
        }

        return rows;
    }

    private static double Slope(FittedForecast fit) => fit.Model.Pooled[1] + fit.Model.Group[0][1] + fit.Model.Regime[0][1];

    [Fact]
    public void Rows_whose_label_ends_at_or_after_the_window_end_are_never_fitted()
    {
        var train = Train();

        var fit = ForecastTrainer.Fit(Columns, train, Window, 1, 1);

        Assert.True(Math.Abs(Slope(fit)) < 0.1, $"slope {Slope(fit)}: the purged rows' signal leaked into the fit");
    }

    [Fact]
    public void The_same_rows_inside_a_longer_window_carry_their_signal()
    {
        // Control for the purge test: with the window's end past every label, the strong rows are fitted.
        var fit = ForecastTrainer.Fit(Columns, Train(), new TrainingWindow(0, 3 * Hours * Hour), 1, 1);

        Assert.True(Slope(fit) > 1, $"slope {Slope(fit)}");
    }

    [Fact]
    public void The_chosen_ridge_strength_is_one_of_the_documented_grid()
    {
        var fit = ForecastTrainer.Fit(Columns, Train(), Window, 1, 1);

        Assert.Contains(fit.Alpha, ForecastTrainer.Alphas);
        Assert.Equal([0.001, 0.01, 0.1, 1, 10], ForecastTrainer.Alphas); // docs/LEARNING.md, "Never on a test window"
    }

    [Fact]
    public void Out_of_fold_predictions_exist_only_for_labelled_rows_the_window_may_use()
    {
        var train = Train();

        var fit = ForecastTrainer.Fit(Columns, train, Window, 1, 1);

        Assert.Equal(train.Count, fit.OutOfFold.Length);
        for (var i = 0; i < train.Count; i++)
        {
            var usable = train[i].IsLabelled && train[i].LabelEndTs < Window.To;
            Assert.True(usable == double.IsFinite(fit.OutOfFold[i]), $"row {i}: usable {usable}, out of fold {fit.OutOfFold[i]}");
        }
    }

    [Fact]
    public void Fitting_twice_gives_identical_models()
    {
        var train = Train();

        var first = ForecastTrainer.Fit(Columns, train, Window, 1, 1);
        var second = ForecastTrainer.Fit(Columns, train, Window, 1, 1);

        Assert.Equal(first.Alpha, second.Alpha);
        Assert.Equal(first.Model.Pooled, second.Model.Pooled);
        Assert.Equal(first.Model.Group[0], second.Model.Group[0]);
        Assert.Equal(first.Model.Regime[0], second.Model.Regime[0]);
        Assert.Equal(first.OutOfFold, second.OutOfFold);
        Assert.Equal(first.ResidualVariance, second.ResidualVariance);
        Assert.Equal(first.Calibration, second.Calibration);
    }

    [Fact]
    public void The_penalty_pools_a_deviation_with_at_least_two_thousand_rows_of_prior()
    {
        Assert.Equal(new PoolingPenalty(10, 2_000, 2_000), ForecastTrainer.Penalty(0.01, 1_000));
        Assert.Equal(new PoolingPenalty(5_000, 5_000, 5_000), ForecastTrainer.Penalty(0.1, 50_000));
    }
}

namespace Hrm.Signals.Learning.Hierarchy;

/// <summary>
/// A forecast fitted on one train window: its standardisation, its pooled coefficients, the ridge strength the nested
/// walk-forward chose, the variance of its out-of-fold errors, its Platt calibration, and its out-of-fold prediction
/// for every train row (NaN where none: unlabelled rows, an empty block).
/// </summary>
public sealed record FittedForecast(
    FeatureScaler Scaler,
    PooledModel Model,
    double Alpha,
    double ResidualVariance,
    PlattScaling Calibration,
    double[] OutOfFold)
{
    /// <summary>Fitted on nothing: every column was absent or constant in the train window.</summary>
    public bool IsEmpty => Scaler.Columns.Count == 0;

    public double Predict(PanelRow row)
    {
        Span<double> x = stackalloc double[Scaler.Width];
        Scaler.Transform(row.Features, x);
        return Model.Predict(x, row.Group, row.Regime);
    }
}

/// <summary>
/// Fits one <see cref="FittedForecast"/> on a train window, pure and deterministic (docs/LEARNING.md):
/// <list type="number">
/// <item>rows whose label ends at or after the window's end are purged (their label would reach into the test window);</item>
/// <item>the ridge strength α is chosen from <see cref="Alphas"/> by the nested walk-forward: fit on every block but
/// the last, scored by mean squared error on the last, with the rows whose labels reach into it purged;</item>
/// <item>the final fit uses every block; out-of-fold predictions leave each block out in turn, purged the same way.</item>
/// </list>
/// Penalties: pooled λ₀ = α·n; a symbol's or a regime's deviation λ = max(λ₀, <see cref="PoolingRows"/>).
/// </summary>
public static class ForecastTrainer
{
    /// <summary>The documented grid of ridge strengths, per row of data.</summary>
    public static IReadOnlyList<double> Alphas { get; } = [0.001, 0.01, 0.1, 1, 10];

    /// <summary>Rows a symbol or regime needs for its own deviation to weigh as much as the prior pulls it to the pool.</summary>
    public const double PoolingRows = 2000;

    public static PoolingPenalty Penalty(double alpha, double rows) =>
        new(alpha * rows, Math.Max(alpha * rows, PoolingRows), Math.Max(alpha * rows, PoolingRows));

    public static FittedForecast Fit(
        IReadOnlyList<FeatureColumn> columns, IReadOnlyList<PanelRow> train, TrainingWindow window, int groups, int regimes)
    {
        var usable = Enumerable.Range(0, train.Count)
            .Where(i => train[i].IsLabelled && train[i].LabelEndTs < window.To && train[i].TsEvent >= window.From)
            .ToArray();
        var scaler = FeatureScaler.Fit(columns, usable.Select(i => train[i].Features).ToArray());
        var designs = new double[usable.Length][];
        var pieces = new Dictionary<(int Start, int End), PanelStatistics>();
        var blockRows = new List<int>[window.Blocks];
        for (var b = 0; b < window.Blocks; b++)
        {
            blockRows[b] = [];
        }

        for (var k = 0; k < usable.Length; k++)
        {
            var row = train[usable[k]];
            var x = designs[k] = new double[scaler.Width];
            scaler.Transform(row.Features, x);
            var key = (window.BlockOf(row.TsEvent), Math.Min(window.BlockOf(row.LabelEndTs), window.Blocks - 1));
            if (!pieces.TryGetValue(key, out var stats))
            {
                pieces[key] = stats = new PanelStatistics(scaler.Width, groups, regimes);
            }

            stats.Add(x, row.Group, row.Regime, row.Label);
            blockRows[key.Item1].Add(k);
        }

        var last = window.Blocks - 1;
        var alpha = blockRows[last].Count == 0 || usable.Length == 0
            ? Alphas[Alphas.Count / 2]
            : Alphas.MinBy(a => ValidationError(LeaveOut(pieces, last, scaler.Width, groups, regimes), a, blockRows[last], designs, train, usable))!;
        var all = LeaveOut(pieces, -1, scaler.Width, groups, regimes);
        var model = PooledRidge.Fit(all, Penalty(alpha, all.Rows));

        var outOfFold = new double[train.Count];
        Array.Fill(outOfFold, double.NaN);
        for (var b = 0; b < window.Blocks; b++)
        {
            if (blockRows[b].Count == 0)
            {
                continue;
            }

            var rest = LeaveOut(pieces, b, scaler.Width, groups, regimes);
            if (rest.Rows == 0)
            {
                continue;
            }

            var held = PooledRidge.Fit(rest, Penalty(alpha, rest.Rows));
            foreach (var k in blockRows[b])
            {
                outOfFold[usable[k]] = held.Predict(designs[k], train[usable[k]].Group, train[usable[k]].Regime);
            }
        }

        var scored = usable.Where(i => double.IsFinite(outOfFold[i])).ToArray();
        var inSample = scored.Length == 0;
        double Score(int k) => inSample ? model.Predict(designs[k], train[usable[k]].Group, train[usable[k]].Regime) : outOfFold[usable[k]];
        var pairs = inSample ? Enumerable.Range(0, usable.Length).ToArray() : Enumerable.Range(0, usable.Length).Where(k => double.IsFinite(outOfFold[usable[k]])).ToArray();
        var residual = pairs.Length == 0 ? 1 : pairs.Average(k => Math.Pow(train[usable[k]].Label - Score(k), 2));
        var calibration = PlattScaling.Fit(pairs.Select(Score).ToArray(), pairs.Select(k => train[usable[k]].Rose == true).ToArray());
        return new FittedForecast(scaler, model, alpha, residual, calibration, outOfFold);
    }

    /// <summary>The statistics of every row but those of block <paramref name="held"/> and those whose label reaches into it.</summary>
    private static PanelStatistics LeaveOut(Dictionary<(int Start, int End), PanelStatistics> pieces, int held, int width, int groups, int regimes)
    {
        var sum = new PanelStatistics(width, groups, regimes);
        foreach (var ((start, end), stats) in pieces.OrderBy(p => p.Key))
        {
            if (held >= 0 && start <= held && held <= end)
            {
                continue;
            }

            sum.Merge(stats);
        }

        return sum;
    }

    private static double ValidationError(PanelStatistics fitOn, double alpha, List<int> validation, double[][] designs, IReadOnlyList<PanelRow> train, int[] usable)
    {
        if (fitOn.Rows == 0)
        {
            return double.PositiveInfinity;
        }

        var model = PooledRidge.Fit(fitOn, Penalty(alpha, fitOn.Rows));
        return validation.Average(k => Math.Pow(train[usable[k]].Label - model.Predict(designs[k], train[usable[k]].Group, train[usable[k]].Regime), 2));
    }
}

namespace Hrm.Signals.Learning.Hierarchy;

/// <summary>
/// The learned integration at one horizon: the layer models (<see cref="LayerModels.Inputs"/>), their non-negative
/// stacking weights fitted on out-of-fold predictions, the Platt calibration of the stacked score (also out of fold),
/// the variance of the stacked out-of-fold error, which sizing needs, and the rank IC of the stacked out-of-fold
/// predictions inside the train window.
/// </summary>
public sealed record LearnedHierarchy(
    IReadOnlyList<FittedForecast> Layers,
    StackWeights Stack,
    PlattScaling Calibration,
    double ResidualVariance,
    double OutOfFoldIc)
{
    /// <summary>The same fit without the train rows' out-of-fold predictions (what a model file keeps).</summary>
    public LearnedHierarchy Compact() => this with { Layers = Layers.Select(l => l with { OutOfFold = [] }).ToArray() };

    /// <summary>The expected volatility-scaled return and the calibrated probability of a rise.</summary>
    public (double Expected, double ProbabilityUp) Forecast(PanelRow row)
    {
        Span<double> scores = stackalloc double[Layers.Count];
        for (var k = 0; k < Layers.Count; k++)
        {
            scores[k] = Layers[k].IsEmpty ? 0 : Layers[k].Predict(row);
        }

        var expected = Stack.Combine(scores);
        return (expected, Calibration.Probability(expected));
    }

    /// <summary>Fits every layer model, stacks their out-of-fold predictions and calibrates the stack, on <paramref name="train"/> only.</summary>
    public static LearnedHierarchy Fit(IReadOnlyList<PanelRow> train, TrainingWindow window, int groups)
    {
        var layers = LayerModels.Inputs
            .Select(input => ForecastTrainer.Fit(input.Columns, train, window, groups, LayerModels.Regimes))
            .ToArray();
        var rows = Enumerable.Range(0, train.Count)
            .Where(i => train[i].IsLabelled && train[i].TsEvent >= window.From && train[i].LabelEndTs < window.To
                && layers.All(l => l.IsEmpty || double.IsFinite(l.OutOfFold[i])))
            .ToArray();
        var scores = rows.Select(i => layers.Select(l => l.IsEmpty ? 0 : l.OutOfFold[i]).ToArray()).ToArray();
        var labels = rows.Select(i => train[i].Label).ToArray();
        var stack = Stacking.Fit(scores, labels);
        var stacked = scores.Select(s => stack.Combine(s)).ToArray();
        var residual = rows.Length == 0 ? 1 : labels.Select((y, k) => Math.Pow(y - stacked[k], 2)).Average();
        var calibration = PlattScaling.Fit(stacked, rows.Select(i => train[i].Rose == true).ToArray());
        var ic = Numerics.Stats.Spearman(stacked, labels) ?? double.NaN;
        return new LearnedHierarchy(layers, stack, calibration, residual, ic);
    }
}

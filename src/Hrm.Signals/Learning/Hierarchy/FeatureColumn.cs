using Hrm.Signals.Layers;

namespace Hrm.Signals.Learning.Hierarchy;

/// <summary>
/// One model input made from the layer features (<see cref="FeatureSchema"/>): a feature, or the product of two
/// (a cross-scale interaction such as regime × pattern). NaN when an operand is.
/// </summary>
public readonly record struct FeatureColumn(int First, int Second = -1)
{
    public static FeatureColumn Of(string name) => new(IndexOrThrow(name));

    public static FeatureColumn Product(string first, string second) => new(IndexOrThrow(first), IndexOrThrow(second));

    public bool IsInteraction => Second >= 0;

    public string Name => IsInteraction ? $"{FeatureSchema.Names[First]}*{FeatureSchema.Names[Second]}" : FeatureSchema.Names[First];

    public double Value(IReadOnlyList<double> features) => IsInteraction ? features[First] * features[Second] : features[First];

    private static int IndexOrThrow(string name)
    {
        var i = FeatureSchema.IndexOf(name);
        return i >= 0 ? i : throw new ArgumentException($"no feature is named {name}", nameof(name));
    }
}

/// <summary>
/// Standardisation fitted on train rows: each column's mean and standard deviation over its finite values. A column
/// is used only when at least <see cref="MinCoverage"/> of the rows measure it and it varies; a missing value becomes
/// the train mean (z = 0); z-scores are clipped to ±<see cref="Clip"/> so one outlier cannot dominate a fit.
/// The design vector starts with the intercept 1.
/// </summary>
public sealed record FeatureScaler(IReadOnlyList<FeatureColumn> Columns, double[] Means, double[] Deviations)
{
    public const double MinCoverage = 0.5;
    public const double Clip = 5;

    /// <summary>Columns the train rows can fit (the others are left out of the design).</summary>
    public int Width => 1 + Columns.Count;

    public static FeatureScaler Fit(IReadOnlyList<FeatureColumn> candidates, IReadOnlyList<IReadOnlyList<double>> rows)
    {
        var kept = new List<FeatureColumn>();
        var means = new List<double>();
        var deviations = new List<double>();
        foreach (var column in candidates)
        {
            double sum = 0, sumSq = 0;
            var n = 0;
            foreach (var row in rows)
            {
                var v = column.Value(row);
                if (double.IsFinite(v))
                {
                    sum += v;
                    sumSq += v * v;
                    n++;
                }
            }

            if (n < 2 || n < MinCoverage * rows.Count)
            {
                continue;
            }

            var mean = sum / n;
            var variance = Math.Max(0, (sumSq / n) - (mean * mean));
            if (!(variance > 1e-18))
            {
                continue;
            }

            kept.Add(column);
            means.Add(mean);
            deviations.Add(Math.Sqrt(variance));
        }

        return new FeatureScaler(kept, [.. means], [.. deviations]);
    }

    /// <summary>Writes the design vector of <paramref name="features"/> into <paramref name="x"/> (length <see cref="Width"/>).</summary>
    public void Transform(IReadOnlyList<double> features, Span<double> x)
    {
        x[0] = 1;
        for (var i = 0; i < Columns.Count; i++)
        {
            var v = Columns[i].Value(features);
            x[i + 1] = double.IsFinite(v) ? Math.Clamp((v - Means[i]) / Deviations[i], -Clip, Clip) : 0;
        }
    }
}

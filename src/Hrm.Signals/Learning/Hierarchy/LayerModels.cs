using Hrm.Protocol.Commands;
using Hrm.Signals.Layers;

namespace Hrm.Signals.Learning.Hierarchy;

/// <summary>
/// The inputs of the learned hierarchy: each layer's own model on its features, and the cross-scale model on the
/// documented interactions (docs/LEARNING.md, "Candidates").
/// </summary>
public static class LayerModels
{
    public const string Macro = "macro_model";
    public const string Meso = "meso_model";
    public const string Micro = "micro_model";
    public const string Cross = "cross_scale_model";

    /// <summary>Cross-scale interactions: regime × pattern, trend × pattern, pattern × flow, regime × flow.</summary>
    public static IReadOnlyList<FeatureColumn> Interactions { get; } =
    [
        FeatureColumn.Product("macro_regime_trending", "meso_direction"),
        FeatureColumn.Product("macro_regime_mean_reverting", "meso_direction"),
        FeatureColumn.Product("macro_trend_direction", "meso_direction"),
        FeatureColumn.Product("macro_mom_1w_z", "meso_pattern_breakout"),
        FeatureColumn.Product("meso_direction", "micro_ofi_l1"),
        FeatureColumn.Product("meso_direction", "micro_imbalance_5"),
        FeatureColumn.Product("macro_trend_direction", "micro_ofi_l1"),
    ];

    /// <summary>Name and columns of each stacked input, in stacking order.</summary>
    public static IReadOnlyList<(string Name, IReadOnlyList<FeatureColumn> Columns)> Inputs { get; } =
    [
        (Macro, LayerColumns(LayerKind.Macro)),
        (Meso, LayerColumns(LayerKind.Meso)),
        (Micro, LayerColumns(LayerKind.Micro)),
        (Cross, Interactions),
    ];

    private static FeatureColumn[] LayerColumns(LayerKind kind)
    {
        var slice = FeatureSchema.Slice(kind);
        return Enumerable.Range(slice.Offset, slice.Count).Select(i => new FeatureColumn(i)).ToArray();
    }

    /// <summary>
    /// The regime a row pools with: the most probable of the macro regime posteriors (trending, mean-reverting,
    /// volatile, accumulation), or <see cref="UnknownRegime"/> when macro stated none.
    /// </summary>
    public static int RegimeOf(IReadOnlyList<double> features)
    {
        var first = FeatureSchema.Slice(LayerKind.Macro).Offset + FeatureSchema.Macro.RegimeTrending;
        var best = UnknownRegime;
        var bestP = double.NegativeInfinity;
        for (var r = 0; r < UnknownRegime; r++)
        {
            var p = features[first + r];
            if (double.IsFinite(p) && p > bestP)
            {
                (best, bestP) = (r, p);
            }
        }

        return best;
    }

    public const int UnknownRegime = 4;

    public const int Regimes = 5;
}

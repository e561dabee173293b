using Hrm.Signals.Learning.Hierarchy;

namespace Hrm.Backtesting.Tests.Learning;

/// <summary>Hand-made learned models (synthetic, not fitted on any data) that trade often enough to test the serving path.</summary>
public static class SyntheticModels
{
    /// <summary>
    /// E[r/σ] = (micro_imbalance_5 / 0.2) clipped to ±5, P(rise) = σ(2·E), half-Kelly with no cost gate, rebalanced
    /// every <paramref name="horizonSeconds"/>.
    /// </summary>
    public static LearnedModel FollowsImbalance(long horizonSeconds = 10)
    {
        var scaler = new FeatureScaler([FeatureColumn.Of("micro_imbalance_5")], [0], [0.2]);
        var layer = new FittedForecast(scaler, new PooledModel([0, 1], [], []), 0.1, 1, PlattScaling.Identity, []);
        var hierarchy = new LearnedHierarchy([layer], new StackWeights(0, [1]), new PlattScaling(0, 2), 1, 0.1);
        return new LearnedModel($"{horizonSeconds}s", horizonSeconds, ["ETHUSDT"], 0, 0, hierarchy, new KellySizing(0.5, 1, 0.1, 0));
    }
}

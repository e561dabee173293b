using Hrm.Signals.Evaluation.Discovery;
using Hrm.Signals.Evaluation.Trading;

namespace Hrm.Backtesting;

/// <summary>What discovery reads from a finished walk-forward: its test-window rows, folds, horizons, costs and funding.</summary>
public static class DiscoveryInputs
{
    /// <summary>The strategies whose held scores every row carries; the hand-set hierarchy is named for its integrator.</summary>
    public static IReadOnlyList<string> StatedNames { get; } =
        StrategyEvaluation.Names.Select(n => n == Strategies.Hierarchy ? Strategies.HierarchyIntegrator : n).ToArray();

    public static DiscoveryInput From(WalkForwardResult result, WalkForwardOptions options)
    {
        var evaluation = result.Evaluation
            ?? throw new InvalidOperationException("discovery needs a finished walk-forward (the run was stopped before the end)");
        var rows = evaluation.Rows
            .Where(r => r.Features is not null)
            .Select(r => new DiscoveryRow(r.Symbol, r.TsEvent, r.Fold, r.Features!, r.Labels, r.Stated))
            .ToArray();
        return new DiscoveryInput(rows, result.Folds, evaluation.Horizons, StatedNames, options.Costs,
            evaluation.Funding ?? new Dictionary<string, IReadOnlyList<Signals.Evaluation.FundingSettlement>>());
    }
}

using Hrm.Signals.Evaluation.Labels;
using Hrm.Signals.Evaluation.WalkForward;

namespace Hrm.Signals.Evaluation.Discovery;

/// <summary>
/// One decision tick of a walk-forward's test windows: its layer features, its labels at every horizon, and the
/// score each pre-registered strategy held at that time (<see cref="DiscoveryInput.StatedNames"/> order).
/// </summary>
public sealed record DiscoveryRow(string Symbol, long TsEvent, int Fold, IReadOnlyList<double> Features, IReadOnlyList<ForwardLabel> Labels, IReadOnlyList<double> Stated);

/// <summary>
/// Everything discovery reads: the rows (every symbol, every test window, in any order), the folds they came from, the
/// horizons of their labels (the shortest is the decision step), the strategies whose held scores the rows carry, the
/// costs of a unit of turnover and each symbol's funding settlements.
/// </summary>
public sealed record DiscoveryInput(
    IReadOnlyList<DiscoveryRow> Rows,
    IReadOnlyList<WalkForwardFold> Folds,
    IReadOnlyList<Horizon> Horizons,
    IReadOnlyList<string> StatedNames,
    CostModel Costs,
    IReadOnlyDictionary<string, IReadOnlyList<FundingSettlement>> Funding);

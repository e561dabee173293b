using Hrm.Signals.Evaluation.Metrics;

namespace Hrm.Signals.Evaluation.Discovery;

/// <summary>One candidate at one horizon on the scored test windows (discovery.json, one element of "candidates").</summary>
public sealed record CandidateResult(
    string Name,
    CandidateKind Kind,
    string Horizon,
    int Points,
    double? Ic,
    double? IcSe,
    double? IcT,
    double? HitRate,
    double? BrierSkill,
    double NetReturn,
    double? Sharpe,
    double Turnover,
    double Fees,
    double Funding,
    double? DeflatedSharpe,
    double? QValue,
    bool Survives)
{
    public static CandidateResult From(Candidate candidate, HorizonMetrics metrics, PaperResult paper, double? deflatedSharpe, double? qValue, bool survives) =>
        new(candidate.Name, candidate.Kind, metrics.Horizon.Name, metrics.Points, metrics.InformationCoefficient, metrics.IcStandardError,
            metrics.IcT, metrics.HitRate, metrics.BrierSkill, paper.NetReturn, paper.AnnualisedSharpe, paper.Turnover, paper.Fees,
            paper.Funding, deflatedSharpe, qValue, survives);
}

/// <summary>
/// The learned hierarchy's fits at one horizon: how many folds fitted it, its mean stacking weights (in
/// <see cref="Learning.Hierarchy.LayerModels.Inputs"/> order), how often the nested walk-forward chose each ridge
/// strength, and its forecast metrics on the test windows (Brier against climatology, calibration, reliability).
/// </summary>
public sealed record HierarchyFits(string Horizon, int Fits, IReadOnlyList<double> MeanStackWeights, IReadOnlyDictionary<double, int> AlphaChoices, HorizonMetrics Metrics);

using Hrm.Signals.Layers;
using Hrm.Signals.Learning.Hierarchy;

namespace Hrm.Signals.Evaluation.Discovery;

/// <summary>What a candidate is: one feature, one cross-scale interaction, a layer's model, the learned hierarchy, or a pre-registered strategy.</summary>
public enum CandidateKind
{
    Feature,
    Interaction,
    LayerModel,
    Hierarchy,
    Baseline,
}

/// <summary>A candidate forecast: fitted on <see cref="Columns"/> per train window, or (baselines) the held score of a strategy.</summary>
public sealed record Candidate(string Name, CandidateKind Kind, IReadOnlyList<FeatureColumn> Columns, int StatedIndex = -1)
{
    public const string LearnedHierarchy = "learned_hierarchy";

    /// <summary>
    /// Every candidate discovery tries, in report order: each feature alone, each interaction alone, each layer's model,
    /// the learned hierarchy, and the pre-registered strategies (the hand-set hierarchy first).
    /// </summary>
    public static IReadOnlyList<Candidate> All(IReadOnlyList<string> statedNames) =>
    [
        .. FeatureSchema.Names.Select(n => new Candidate(n, CandidateKind.Feature, [FeatureColumn.Of(n)])),
        .. LayerModels.Interactions.Select(c => new Candidate(c.Name, CandidateKind.Interaction, [c])),
        .. LayerModels.Inputs.Select(i => new Candidate(i.Name, CandidateKind.LayerModel, i.Columns)),
        new Candidate(LearnedHierarchy, CandidateKind.Hierarchy, []),
        .. statedNames.Select((n, i) => new Candidate(n, CandidateKind.Baseline, [], i)),
    ];
}

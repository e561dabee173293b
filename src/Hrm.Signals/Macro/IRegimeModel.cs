using Hrm.Protocol.Layers;
using Hrm.Protocol.Market;
using MessagePack;

namespace Hrm.Signals.Macro;

/// <summary>A regime estimate: the regime, its strength in [0,1], the trend direction (−1, 0, 1) and what drove it.</summary>
public readonly record struct RegimeEstimate(Regime Regime, double Strength, int Direction, string[] Drivers);

/// <summary>
/// The macro regime model, kept behind this interface so a later issue can swap the heuristic for a Markov-switching
/// model. Forward-only on 4h bars; <see cref="Estimate"/> is a pure read. Implementations are MessagePack unions
/// (append new keys only).
/// </summary>
[Union(0, typeof(HeuristicRegimeModel))]
[Union(1, typeof(Regimes.MarkovRegimeModel))]
public interface IRegimeModel
{
    string Name { get; }

    bool IsReady { get; }

    void Update(Bar bar);

    /// <summary>The latest funding rate (fraction per 8 h); models may use it (e.g. funding compression).</summary>
    void ObserveFunding(double rate);

    /// <summary>Allows or stops re-estimating the model's parameters (frozen in walk-forward test windows).</summary>
    void SetLearning(bool enabled);

    RegimeEstimate Estimate();
}

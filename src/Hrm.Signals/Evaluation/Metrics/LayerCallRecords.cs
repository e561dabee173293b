using Hrm.Protocol;
using Hrm.Protocol.Layers;

namespace Hrm.Signals.Evaluation.Metrics;

/// <summary>A macro call: the regime claimed at <see cref="TsEvent"/>, its direction (−1, 0, 1; used for trending) and the horizon it claims to hold for.</summary>
public readonly record struct RegimeCall(long TsEvent, Regime Regime, int Direction, long HorizonSeconds);

/// <summary>A meso pattern that fired: direction, the target and invalidation prices it implies, the holding time,
/// its P(success | pattern, regime) and the regime it was conditioned on.</summary>
public readonly record struct PatternCall(
    long TsEvent,
    string Pattern,
    string Regime,
    int Direction,
    double Target,
    double Invalidation,
    long HoldingSeconds,
    double Probability);

/// <summary>
/// A resolved pattern call: success = target touched before invalidation and before the holding time ran out.
/// <paramref name="Entry"/> is the price the path was resolved from (the last at or before the call; NaN when unknown).
/// </summary>
public readonly record struct PatternOutcome(PatternCall Call, bool Success, double Entry = double.NaN);

/// <summary>A micro signal: direction, how long it claims to last, and its toxicity measure (VPIN or |OFI|; NaN when none).</summary>
public readonly record struct MicroCall(long TsEvent, int Direction, long DurationSeconds, double Toxicity);

/// <summary>Thresholds of the ex-post regime checks (defaults: the heuristic regime model's own thresholds).</summary>
/// <param name="EfficiencyThreshold">Efficiency ratio at or above which a window counts as trending.</param>
/// <param name="VarianceRatioLag">q of the variance ratio VR(q).</param>
/// <param name="TrailingWindows">How many preceding windows of the call's horizon form the volatility reference.</param>
public sealed record RegimeCheckOptions(double EfficiencyThreshold = 0.3, int VarianceRatioLag = 4, int TrailingWindows = 6);

/// <summary>Share of judged calls whose claim held ex post; calls that could not be judged are counted, not guessed.</summary>
public sealed record AccuracyResult(double? Value, int Judged, int Skipped);

/// <summary>Median lag in hours (detection − ex-post change point; negative = early) over judged regime changes.</summary>
public sealed record TimingResult(double? MedianLagHours, IReadOnlyList<double> LagsHours);

/// <summary>Micro metrics over the judged calls.</summary>
public sealed record MicroResult(double? FlowToxicityScore, double? ExecutionAlphaBps, double? SignalLatencyMs, double? LatencyHitRate, int Judged);

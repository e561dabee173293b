using Hrm.Signals.Evaluation.Metrics;

namespace Hrm.Signals.Learning.Hierarchy;

/// <summary>
/// Platt scaling (Platt 1999): P(rise) = σ(A + B·score), the logistic regression of the outcomes on the raw scores,
/// fitted on out-of-fold train predictions. <see cref="Identity"/> (A = 0, B = 0: always ½) when no fit is possible.
/// </summary>
public sealed record PlattScaling(double A, double B)
{
    public static PlattScaling Identity { get; } = new(0, 0);

    public double Probability(double score) => 1 / (1 + Math.Exp(-(A + (B * score))));

    /// <summary>Fits on (score, rose) pairs by reusing the calibration fit on probabilities σ(score), whose logit is the score.</summary>
    public static PlattScaling Fit(IReadOnlyList<double> scores, IReadOnlyList<bool> rose)
    {
        var calls = scores.Select((s, i) => new ProbabilityOutcome(1 / (1 + Math.Exp(-s)), rose[i])).ToArray();
        return CalibrationFit.Fit(calls) is { } line ? new PlattScaling(line.Intercept, line.Slope) : Identity;
    }
}

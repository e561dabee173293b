namespace Hrm.Signals.Evaluation.Labels;

/// <summary>
/// The label of one decision at one horizon: the log return of the traded instrument from the fill to the fill plus
/// the horizon, ln(P(fill + h) / P(fill)), and the volatility over the same horizon known at the decision time.
/// Times are Unix nanoseconds; an unknown label (no fill, the horizon runs past the data or into a gap) has NaN
/// <see cref="Return"/>; an unknown volatility has NaN <see cref="Sigma"/>.
/// </summary>
/// <param name="DecisionTs">When the forecast was made (t).</param>
/// <param name="FillTs">When a trade on it fills (t + δ): the first price strictly after t.</param>
/// <param name="EndTs">When the horizon ends: the first price at or after fill + h.</param>
/// <param name="Return">ln(P(end) / P(fill)).</param>
/// <param name="Sigma">σ of a log return over the horizon, estimated from prices at or before t.</param>
public readonly record struct ForwardLabel(long DecisionTs, long FillTs, long EndTs, double Return, double Sigma)
{
    public static ForwardLabel Unknown(long decisionTs) => new(decisionTs, 0, 0, double.NaN, double.NaN);

    public bool IsKnown => double.IsFinite(Return);

    /// <summary>The volatility-scaled label r / σ; NaN when either is unknown.</summary>
    public double Scaled => IsKnown && Sigma > 0 ? Return / Sigma : double.NaN;

    /// <summary>Did the price rise over the horizon (the event a probability of "up" forecasts)? Null when unknown.</summary>
    public bool? Up => IsKnown ? Return > 0 : null;
}

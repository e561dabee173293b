namespace Hrm.Signals.Learning.Hierarchy;

/// <summary>
/// Position sizing from a calibrated forecast (docs/LEARNING.md, "Sizing"): the Kelly fraction of a log-return bet,
/// f* = E[r] / Var[r], scaled by <see cref="KellyFraction"/> and capped by the macro risk budget; zero when the
/// expected move over the horizon does not pay a round trip (<see cref="RoundTripCost"/>, the cost gate); and a
/// no-trade band: the position only changes when the new target differs from it by more than <see cref="Band"/>.
/// </summary>
/// <param name="KellyFraction">Share of the full Kelly bet taken (½: half-Kelly, the usual hedge against estimation error).</param>
/// <param name="Cap">Largest absolute position, before the risk budget.</param>
/// <param name="Band">Smallest position change worth trading.</param>
/// <param name="RoundTripCost">Fees and slippage of entering and leaving, as a log return.</param>
public sealed record KellySizing(double KellyFraction, double Cap, double Band, double RoundTripCost)
{
    /// <summary>Half-Kelly, at most fully invested, band 0.1, and a round trip of the perp's taker fee plus slippage both ways.</summary>
    public static KellySizing Default(double oneWayCostBps) => new(0.5, 1, 0.1, 2 * oneWayCostBps / 10_000);

    /// <summary>
    /// The target position for a forecast of the volatility-scaled return <paramref name="expectedScaled"/> (E[r/σ])
    /// with variance <paramref name="varianceScaled"/>, σ the horizon's volatility known now, and the macro
    /// <paramref name="riskBudget"/> (NaN = none stated, 1).
    /// </summary>
    public double Target(double expectedScaled, double varianceScaled, double sigma, double riskBudget)
    {
        if (!double.IsFinite(expectedScaled) || !(varianceScaled > 0) || !(sigma > 0))
        {
            return 0;
        }

        if (Math.Abs(expectedScaled * sigma) <= RoundTripCost)
        {
            return 0;
        }

        var budget = double.IsFinite(riskBudget) ? Math.Clamp(riskBudget, 0, 1) : 1;
        var kelly = expectedScaled / (varianceScaled * sigma);
        return Math.Clamp(KellyFraction * kelly, -Cap * budget, Cap * budget);
    }

    /// <summary>The position after a rebalance: the target, unless it is within the band of the current one.</summary>
    public double Rebalance(double current, double target) => Math.Abs(target - current) > Band ? target : current;
}

using Hrm.Protocol.Layers;

namespace Hrm.Signals.Macro;

/// <summary>Risk budget and expected duration per regime (documented in docs/SIGNALS.md).</summary>
public static class MacroParameters
{
    /// <summary>Base risk allocation per regime: trends carry the most, volatility the least.</summary>
    public static double BaseRiskBudget(Regime regime) => regime switch
    {
        Regime.Trending => 1.0,
        Regime.MeanReverting => 0.6,
        Regime.Accumulation => 0.5,
        Regime.Volatile => 0.3,
        _ => 0.0,
    };

    /// <summary>risk_budget = base(regime) × (0.5 + 0.5 × strength), in [0, 1].</summary>
    public static double RiskBudget(Regime regime, double strength) =>
        BaseRiskBudget(regime) * (0.5 + 0.5 * Math.Clamp(strength, 0, 1));

    /// <summary>Expected regime duration in hours, inside the seed's 4h–24h macro band.</summary>
    public static int TimeframeHours(Regime regime) => regime switch
    {
        Regime.Trending => 24,
        Regime.MeanReverting => 12,
        Regime.Accumulation => 24,
        Regime.Volatile => 4,
        _ => 4,
    };

    /// <summary>Bottom-up (seed): this many micro exhaustion onsets within 1 h during a trend flag a potential shift.</summary>
    public const int ExhaustionCountThreshold = 3;

    public const double RegimeShiftConfidence = 0.7;

    public const string DirectionUp = "direction:up";
    public const string DirectionDown = "direction:down";
    public const string FundingBasisUp = "funding_basis_divergence:up";
    public const string FundingBasisDown = "funding_basis_divergence:down";
    public const string RegimeShift = "potential_regime_shift_to_ranging:0.7";
}

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

    // Issue 3: exchange dominance, on-chain, options (docs/SIGNALS.md "Macro drivers from cross-venue, on-chain and options data")
    public const string DominanceShiftPrefix = "dominance_shift:";
    public const string DominanceLeaderPrefix = "dominance_leader=";
    public const string OnChainAccumulation = "onchain:accumulation";
    public const string OnChainDistribution = "onchain:distribution";
    public const string OnChainOverextended = "onchain:overextended";
    public const string OnChainUndervalued = "onchain:undervalued";
    public const string NvtOverextended = "onchain:nvt_overextended";
    public const string MvrvZPrefix = "mvrv_z=";
    public const string InflowZPrefix = "inflow_z=";
    public const string GexNegative = "gex:negative";
    public const string GexPositive = "gex:positive";
    public const string GammaFlipPrefix = "gamma_flip=";
    public const string SkewPrefix = "skew25=";
    public const string SkewFlipUp = "skew:flip_up";
    public const string SkewFlipDown = "skew:flip_down";

    /// <summary>Risk multiplier while a dominance shift is active: flow is repositioning, the regime is less certain.</summary>
    public const double DominanceShiftRisk = 0.9;

    /// <summary>Risk multiplier under net negative dealer gamma (seed: explosive moves likely).</summary>
    public const double NegativeGammaRisk = 0.75;

    /// <summary>Risk multiplier when MVRV z says overextended (cycle-top territory).</summary>
    public const double OverextendedRisk = 0.5;

    /// <summary>Strength added when on-chain accumulation confirms an accumulation regime (and taken when distribution contradicts it).</summary>
    public const double OnChainConfirmation = 0.1;
}

using Hrm.Protocol.Commands;

namespace Hrm.Signals.Layers;

/// <summary>A layer's contiguous part of the feature vector: elements [Offset, Offset + Count).</summary>
public readonly record struct FeatureSlice(int Offset, int Count)
{
    public int End => Offset + Count;
}

/// <summary>
/// The fixed, ordered list of continuous features the layers expose at every decision tick (for a later learning
/// step): macro first, then meso, then micro, each layer a contiguous slice written by its
/// <see cref="ILayer.WriteFeatures"/>. Names are snake_case with the layer as prefix. A feature whose input is absent
/// is NaN, never a stand-in value. Definitions, units and when each is NaN: docs/SIGNALS.md, section "Features".
/// The index constants of each layer are relative to its slice; a test ties every constant to its name.
/// </summary>
public static class FeatureSchema
{
    /// <summary>Macro features (slice-relative indices): regime model, regime call, momentum, funding, context.</summary>
    public static class Macro
    {
        public const int PHighVol = 0;
        public const int SigmaRatio = 1;
        public const int Hurst = 2;
        public const int VarianceRatio = 3;
        public const int VrZ = 4;
        public const int PersistenceScore = 5;
        public const int RegimeTrending = 6;
        public const int RegimeMeanReverting = 7;
        public const int RegimeVolatile = 8;
        public const int RegimeAccumulation = 9;
        public const int Strength = 10;
        public const int TrendDirection = 11;
        public const int RiskBudget = 12;
        public const int Mom1d = 13;
        public const int Mom1w = 14;
        public const int Mom4w = 15;
        public const int Mom1dZ = 16;
        public const int Mom1wZ = 17;
        public const int Mom4wZ = 18;
        public const int Vol30d = 19;
        public const int FundingRate = 20;
        public const int FundingZ = 21;
        public const int Basis = 22;
        public const int FundingBasisZ = 23;
        public const int InflowZ = 24;
        public const int MvrvZ = 25;
        public const int Skew25d = 26;
        public const int GexNegative = 27;
        public const int DominanceShift = 28;
        public const int Exhaustions1h = 29;
        public const int Count = 30;

        internal static readonly string[] Names =
        [
            "macro_p_high_vol", "macro_sigma_ratio", "macro_hurst", "macro_variance_ratio", "macro_vr_z",
            "macro_persistence_score", "macro_regime_trending", "macro_regime_mean_reverting", "macro_regime_volatile",
            "macro_regime_accumulation", "macro_strength", "macro_trend_direction", "macro_risk_budget", "macro_mom_1d",
            "macro_mom_1w", "macro_mom_4w", "macro_mom_1d_z", "macro_mom_1w_z", "macro_mom_4w_z", "macro_vol_30d",
            "macro_funding_rate", "macro_funding_z", "macro_basis", "macro_funding_basis_z", "macro_inflow_z",
            "macro_mvrv_z", "macro_skew_25d", "macro_gex_negative", "macro_dominance_shift", "macro_exhaustions_1h",
        ];
    }

    /// <summary>Meso features (slice-relative indices): the speaking timeframe's pattern, its bar components, trend sides.</summary>
    public static class Meso
    {
        public const int TimeframeMinutes = 0;
        public const int PatternBreakout = 1;
        public const int PatternExhaustion = 2;
        public const int Direction = 3;
        public const int Completion = 4;
        public const int Probability = 5;
        public const int Confluence = 6;
        public const int VolumeExpansion = 7;
        public const int RangeCompression = 8;
        public const int MomentumBuildup = 9;
        public const int LiquidationCluster = 10;
        public const int VolumeDivergence = 11;
        public const int MomentumDivergence = 12;
        public const int TimeDecay = 13;
        public const int FlowWeakness = 14;
        public const int VolumeRatio = 15;
        public const int AtrSlope = 16;
        public const int Rsi = 17;
        public const int RangeHighDistAtr = 18;
        public const int RangeLowDistAtr = 19;
        public const int RangePosition = 20;
        public const int EmaDistAtr = 21;
        public const int Trend1m = 22;
        public const int Trend5m = 23;
        public const int Trend15m = 24;
        public const int Trend1h = 25;
        public const int Count = 26;

        internal static readonly string[] Names =
        [
            "meso_timeframe_minutes", "meso_pattern_breakout", "meso_pattern_exhaustion", "meso_direction",
            "meso_completion", "meso_probability", "meso_confluence", "meso_volume_expansion", "meso_range_compression",
            "meso_momentum_buildup", "meso_liquidation_cluster", "meso_volume_divergence", "meso_momentum_divergence",
            "meso_time_decay", "meso_flow_weakness", "meso_volume_ratio", "meso_atr_slope", "meso_rsi",
            "meso_range_high_dist_atr", "meso_range_low_dist_atr", "meso_range_position", "meso_ema_dist_atr",
            "meso_trend_1m", "meso_trend_5m", "meso_trend_15m", "meso_trend_1h",
        ];
    }

    /// <summary>Micro features (slice-relative indices): the primary venue's book and flow.</summary>
    public static class Micro
    {
        public const int Imbalance1 = 0;
        public const int Imbalance5 = 1;
        public const int Imbalance10 = 2;
        public const int ImbalancePersistence = 3;
        public const int OfiL1 = 4;
        public const int OfiL2 = 5;
        public const int OfiL3 = 6;
        public const int OfiL4 = 7;
        public const int OfiL5 = 8;
        public const int OfiTicks = 9;
        public const int MicropriceMidBps = 10;
        public const int SpreadBps = 11;
        public const int Vpin = 12;
        public const int AggressorRatio = 13;
        public const int QtrRelative = 14;
        public const int ExchangeLagEdgeBps = 15;
        public const int Iceberg = 16;
        public const int Spoofing = 17;
        public const int SizeClusterExcess = 18;
        public const int Exhaustion = 19;
        public const int Count = 20;

        internal static readonly string[] Names =
        [
            "micro_imbalance_1", "micro_imbalance_5", "micro_imbalance_10", "micro_imbalance_persistence",
            "micro_ofi_l1", "micro_ofi_l2", "micro_ofi_l3", "micro_ofi_l4", "micro_ofi_l5", "micro_ofi_ticks",
            "micro_microprice_mid_bps", "micro_spread_bps", "micro_vpin", "micro_aggressor_ratio", "micro_qtr_relative",
            "micro_exchange_lag_edge_bps", "micro_iceberg", "micro_spoofing", "micro_size_cluster_excess",
            "micro_exhaustion",
        ];
    }

    private static readonly string[] AllNames = [.. Macro.Names, .. Meso.Names, .. Micro.Names];

    private static readonly Dictionary<string, int> Index = AllNames
        .Select((name, i) => (name, i))
        .ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);

    private static readonly FeatureSlice[] Slices =
    [
        new(0, Macro.Count),
        new(Macro.Count, Meso.Count),
        new(Macro.Count + Meso.Count, Micro.Count),
    ];

    /// <summary>Every feature name, in vector order.</summary>
    public static IReadOnlyList<string> Names => AllNames;

    /// <summary>Length of the whole vector.</summary>
    public static int Count => AllNames.Length;

    /// <summary>Where a layer's features sit in the vector.</summary>
    public static FeatureSlice Slice(LayerKind kind) => Slices[(int)kind];

    /// <summary>The vector index of <paramref name="name"/>, or −1 when no feature has that name.</summary>
    public static int IndexOf(string name) => Index.TryGetValue(name, out var i) ? i : -1;

    /// <summary>A whole vector with every feature unavailable (NaN).</summary>
    public static double[] Unavailable()
    {
        var vector = new double[Count];
        Array.Fill(vector, double.NaN);
        return vector;
    }
}

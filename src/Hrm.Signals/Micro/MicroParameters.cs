using Hrm.Protocol.Layers;

namespace Hrm.Signals.Micro;

/// <summary>Defaults of the micro signals (docs/SIGNALS.md); later issues calibrate them on the training window.</summary>
public static class MicroParameters
{
    /// <summary>A venue silent this long (event time) while another venue still sends is not the primary.</summary>
    public const long StaleAfterNanos = 5_000_000_000;

    /// <summary>|imbalance at depth 5| needed for a book-imbalance direction.</summary>
    public const double ImbalanceThreshold = 0.2;

    /// <summary>Persistence window: the share of the last 10 s the depth-5 imbalance kept its sign beyond the threshold.</summary>
    public const long PersistenceWindowNanos = 10_000_000_000;

    /// <summary>Expected mid move |OFI/(2D)|, in ticks, needed for an OFI direction.</summary>
    public const double OfiTicksThreshold = 0.5;

    /// <summary>The seed's continuation thresholds for the aggressor ratio.</summary>
    public const double AggressorHigh = 0.7;
    public const double AggressorLow = 0.3;

    /// <summary>Exhaustion: the recent half-minute's aggressor ratio lags the older half by at least this, against the move.</summary>
    public const double ExhaustionFade = 0.1;

    /// <summary>Short QTR / baseline QTR at or above which quoting counts as stuffing.</summary>
    public const double StuffingRelative = 2.0;

    /// <summary>A stuffing spike also needs this many quotes in the short window and this much baseline (1 s buckets).</summary>
    public const long StuffingMinQuotes = 50;
    public const long StuffingMinBaselineSeconds = 30;

    // Iceberg: a reload must come within 2 s of the trade; ≥ 3 reloads at a level that is still the touch, the last
    // within 10 s, make a live iceberg.
    public const long IcebergReloadWindowNanos = 2_000_000_000;
    public const int IcebergMinReloads = 3;
    public const long IcebergStaleNanos = 10_000_000_000;
    public const int IcebergDurationSeconds = 30;

    // Size clustering: recent 30 s against a 10-minute baseline; ≥ 20 recent trades and 50 baseline trades; the modal
    // bucket's excess concentration must reach 0.25; direction when its trades are ≥ 70 % one side.
    public const long SizeClusterRecentNanos = 30_000_000_000;
    public const long SizeClusterBaselineNanos = 600_000_000_000;
    public const int SizeClusterMinRecent = 20;
    public const int SizeClusterMinBaseline = 50;
    public const double SizeClusterMinExcess = 0.25;
    public const double SizeClusterSideShare = 0.7;
    public const int SizeClusterDurationSeconds = 30;

    // Exchange lag: 100 ms grid, lags up to ±1 s, weights with a 5-minute half-life; full confidence after 1 minute of grid.
    public const long LeadLagStepNanos = 100_000_000;
    public const int LeadLagMaxLagSteps = 10;
    public const double LeadLagHalfLifeSteps = 3000;
    public const double LeadLagFullWeight = 600;

    /// <summary>A venue leads another when the lead–lag ratio (Huth–Abergel) is at least this (or at most its inverse).</summary>
    public const double LeadLagMinRatio = 1.5;

    /// <summary>Samples at which a flow signal's base confidence saturates.</summary>
    public const int OfiFullConfidenceEvents = 20;
    public const int AggressorFullConfidenceTrades = 30;

    public const int BookImbalanceDurationSeconds = 10;
    public const int OfiDurationSeconds = 10;
    public const int AggressorDurationSeconds = 60;
    public const int QuoteStuffingDurationSeconds = 10;

    /// <summary>The seed's top-down rule for book imbalance: ×1.3 in trends, ×0.7 in ranges, ×1 otherwise.</summary>
    public static double RegimeMultiplier(Regime? regime) => regime switch
    {
        Regime.Trending => 1.3,
        Regime.MeanReverting => 0.7,
        _ => 1.0,
    };

    /// <summary>Meso alignment: a micro direction that agrees with the meso pattern's direction ×1.2, against it ×0.8.</summary>
    public const double MesoAligned = 1.2;
    public const double MesoOpposed = 0.8;

    // Spoofing (order lifetime): large = ≥ k × median size, cancelled within the lifetime, never traded.
    public const double SpoofLargeMultiple = 5.0;
    public const long SpoofMaxLifetimeNanos = 5_000_000_000;
    public const int SpoofMedianOrders = 255;
    public const int SpoofMinMedianSamples = 20;

    /// <summary>L3: a large order counts as "away" when it rests at least this far behind its side's best price.</summary>
    public const double L3SpoofAwayBps = 10.0;

    /// <summary>
    /// L2: an addition is large at ≥ 20 × the median displayed level size of the band (a level aggregates many orders,
    /// and market makers re-post all the time: 5× flags most of the book as "large" on the 2024 captures).
    /// </summary>
    public const double L2SpoofLargeMultiple = 20.0;

    /// <summary>L2: size added at least this many ticks behind the touch (and at most MaxTicks, to bound the work).</summary>
    public const int L2SpoofMinTicks = 5;
    public const int L2SpoofMaxTicks = 500;

    /// <summary>L2: the median level size takes every 8th in-band level update (keeps the per-diff cost small).</summary>
    public const int L2SpoofSampleEvery = 8;

    /// <summary>A spoofing direction needs this many fast cancels carrying this share of the large volume.</summary>
    public const int SpoofMinCancels = 3;
    public const double SpoofMinShare = 0.2;

    /// <summary>…and the fast cancels must be one-sided: |bid − ask|/(bid + ask) at least this.</summary>
    public const double SpoofMinOneSided = 0.5;
    public const int SpoofingDurationSeconds = 30;

    /// <summary>
    /// L2 spoofing confidence weight until calibrated: on the 2024 captures 87–98 % of large away additions on the perps
    /// are pulled within 5 s untraded (market makers re-quoting), so the L2 rule does not yet separate spoofing from churn.
    /// </summary>
    public const double L2SpoofConfidenceWeight = 0.25;

    // VPIN (streaming, Vpin.cs): bucket volume = estimated daily volume / 50, the daily volume estimated from the first
    // hour of a venue's trades; "high" = VPIN ≥ 0.5 (a warning: direction 0).
    public const long VpinCalibrationNanos = 3_600_000_000_000;
    public const double VpinBucketsPerDay = 50;
    public const double VpinHigh = 0.5;
    public const int VpinDurationSeconds = 300;

    public const string BookImbalanceName = "book_imbalance";
    public const string OfiName = "order_flow_imbalance";
    public const string AggressorName = "aggressor_ratio";
    public const string QuoteStuffingName = "quote_stuffing";
    public const string IcebergName = "iceberg";
    public const string SpoofingName = "spoofing";
    public const string SizeClusteringName = "size_clustering";
    public const string ExchangeLagName = "exchange_lag";
    public const string VpinName = "vpin";
}

using Hrm.Protocol.Layers;

namespace Hrm.Signals.Micro;

/// <summary>Defaults of the micro signals (docs/SIGNALS.md); later issues calibrate them on the training window.</summary>
public static class MicroParameters
{
    /// <summary>|imbalance at depth 5| needed for a book-imbalance direction.</summary>
    /// <summary>A venue silent this long (event time) while another venue still sends is not the primary.</summary>
    public const long StaleAfterNanos = 5_000_000_000;

    public const double ImbalanceThreshold = 0.2;

    /// <summary>Expected mid move |OFI/(2D)|, in ticks, needed for an OFI direction.</summary>
    public const double OfiTicksThreshold = 0.5;

    /// <summary>The seed's continuation thresholds for the aggressor ratio.</summary>
    public const double AggressorHigh = 0.7;
    public const double AggressorLow = 0.3;

    /// <summary>Exhaustion: the recent half-minute's aggressor ratio lags the older half by at least this, against the move.</summary>
    public const double ExhaustionFade = 0.1;

    /// <summary>Short QTR / baseline QTR above which quoting counts as stuffing.</summary>
    public const double StuffingRelative = 2.0;

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

    public const string BookImbalanceName = "book_imbalance";
    public const string OfiName = "order_flow_imbalance";
    public const string AggressorName = "aggressor_ratio";
    public const string QuoteStuffingName = "quote_stuffing";
}

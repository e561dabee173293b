using Hrm.Protocol.Layers;

namespace Hrm.Signals.Meso;

/// <summary>Pattern parameters and the seed's conditional priors (docs/SIGNALS.md).</summary>
public static class MesoParameters
{
    public const int AtrPeriod = 14;
    public const int RsiPeriod = 14;
    public const int VolumeAverageBars = 20;
    public const double VolumeExpansion = 2.0;
    public const int RangeBars = 20;
    public const int CompressionBars = 5;

    /// <summary>The ATR slope feature compares the ATR with its value this many bars earlier (at most CompressionBars + 1 are kept).</summary>
    public const int AtrSlopeBars = 5;
    public const int CoilBars = 6;
    public const double CoilLow = 40;
    public const double CoilHigh = 60;
    public const double RoundNumberBand = 0.0025;
    public const int MoveBars = 5;
    public const int DivergenceLookback = 10;
    public const int TrendEmaPeriod = 20;
    public const int ExpectedMoveBars = 12;
    public const double InvalidationAtr = 1.0;
    public const double ExhaustionBufferAtr = 0.25;

    /// <summary>The seed's P(breakout | trending) and P(breakout | ranging); no prior given for volatile/accumulation (0.5).</summary>
    public const double BreakoutGivenTrending = 0.73;
    public const double BreakoutGivenRanging = 0.31;

    /// <summary>The seed's P(reversal | exhaustion pattern), regardless of regime.</summary>
    public const double ReversalGivenExhaustion = 0.68;

    public const string Breakout = "breakout";
    public const string Exhaustion = "exhaustion";
    public const string None = "none";

    public static double Prior(string pattern, Regime? regime) => pattern switch
    {
        Breakout => regime switch
        {
            Regime.Trending => BreakoutGivenTrending,
            Regime.MeanReverting => BreakoutGivenRanging,
            _ => 0.5,
        },
        Exhaustion => ReversalGivenExhaustion,
        _ => 0.5,
    };

    /// <summary>Pseudo-observations behind each seed prior: ~20 resolved patterns move the estimate halfway to the data.</summary>
    public const double PriorStrength = 20;

    /// <summary>Patterns count as a trial when at least half their components are present.</summary>
    public const double MinCompletionForTrial = 0.5;

    /// <summary>Take-profit distance in multiples of the stop distance: the measured move of a breakout is ~2R.</summary>
    public static double RewardMultiple(string pattern) => pattern switch
    {
        Breakout => 2.0,
        Exhaustion => 1.5,
        _ => 1.0,
    };

    /// <summary>How long a pattern has to play out: breakout 1 h, exhaustion 30 min, else 15 min.</summary>
    public static long HoldingSeconds(string pattern) => pattern switch
    {
        Breakout => 3600,
        Exhaustion => 1800,
        _ => 900,
    };

    /// <summary>The learning key of P(outcome | pattern, regime).</summary>
    public static string OutcomeKey(string pattern, Regime? regime) => pattern + "|" + (regime?.Name() ?? "none");

    /// <summary>
    /// Probability the pattern plays out: the prior shrunk toward 0.5 by completion and cross-timeframe confluence,
    /// p = 0.5 + (prior − 0.5) · completion · (0.5 + 0.5 · confluence).
    /// </summary>
    public static double Probability(double prior, double completion, double confluence) =>
        0.5 + (prior - 0.5) * completion * (0.5 + 0.5 * confluence);
}

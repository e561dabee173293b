namespace Hrm.Protocol.Market;

/// <summary>Bar periods consolidated from trades (and read from candle files), in seconds.</summary>
public enum BarPeriod
{
    M1 = 60,
    M5 = 300,
    M15 = 900,
    H1 = 3_600,
    H4 = 14_400,
    D1 = 86_400,
}

public static class BarPeriods
{

    /// <summary>Consolidation chain: each period rolls up from the one before it.</summary>
    public static readonly BarPeriod[] Chain = [BarPeriod.M1, BarPeriod.M5, BarPeriod.M15, BarPeriod.H1, BarPeriod.H4, BarPeriod.D1];

    public static long Nanos(this BarPeriod period) => (long)period * EventTime.NanosPerSecond;

    public static string Label(this BarPeriod period) => period switch
    {
        BarPeriod.M1 => "1m",
        BarPeriod.M5 => "5m",
        BarPeriod.M15 => "15m",
        BarPeriod.H1 => "1h",
        BarPeriod.H4 => "4h",
        BarPeriod.D1 => "1d",
        _ => throw new ArgumentOutOfRangeException(nameof(period), period, null),
    };

    /// <summary>Meso reasons on minutes to an hour; macro on 4h and longer.</summary>
    public static bool IsMacro(this BarPeriod period) => period >= BarPeriod.H4;
}

namespace Hrm.Live.Binance;

/// <summary>Reconnect delays: exponential in the consecutive failures, capped, with random extra jitter.</summary>
public static class Backoff
{
    /// <param name="failures">Connections in a row that delivered nothing (0 after one that did).</param>
    /// <param name="random01">A uniform draw in [0, 1) for the jitter.</param>
    public static TimeSpan Delay(BinanceOptions options, int failures, double random01)
    {
        var exponential = options.MinBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(failures, 30));
        var capped = Math.Min(exponential, options.MaxBackoff.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (1 + options.BackoffJitter * random01));
    }
}

namespace Hrm.Protocol.Market;

/// <summary>
/// The Coin Metrics metric names the macro analyzers read (community data, daily). The readers emit exactly these
/// names in <c>OnChainMetric.Metric</c>.
/// </summary>
public static class OnChainMetrics
{
    /// <summary>Market capitalisation, USD (price × current supply).</summary>
    public const string MarketCap = "CapMrktCurUSD";

    /// <summary>Realised capitalisation, USD (each coin valued at the price it last moved on chain).</summary>
    public const string RealizedCap = "CapRealUSD";

    /// <summary>MVRV ratio = market cap / realised cap.</summary>
    public const string Mvrv = "CapMVRVCur";

    /// <summary>NVT with the 90-day mean of adjusted transfer value in the denominator (Kalichkin's "NVT signal" style).</summary>
    public const string Nvt90 = "NVTAdj90";

    /// <summary>NVT with the same day's adjusted transfer value.</summary>
    public const string Nvt = "NVTAdj";

    /// <summary>USD value flowing into exchange addresses that day.</summary>
    public const string ExchangeInflow = "FlowInExUSD";

    /// <summary>Every metric the analyzers use.</summary>
    public static readonly string[] Used = [MarketCap, RealizedCap, Mvrv, Nvt, Nvt90, ExchangeInflow];


    /// <summary>A daily metric older than this (3 days) at the reading time is stale: the analyzer is unavailable.</summary>
    public const long MaxAgeNanos = 3 * EventTime.NanosPerDay;
}

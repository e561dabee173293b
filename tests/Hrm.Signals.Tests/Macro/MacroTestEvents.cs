using Hrm.Protocol.Market;

namespace Hrm.Signals.Tests.Macro;

/// <summary>Hand-made macro context inputs for the layer tests: an on-chain metric and a 30-day option quote (test data).</summary>
internal static class MacroTestEvents
{
    private const long Day = 86_400_000_000_000;

    public static OnChainMetric Metric(string name, long ts, double value) => new()
    {
        Symbol = "BTCUSDT",
        Venue = Venue.OnChain,
        TsEvent = ts,
        TsInit = ts,
        Metric = name,
        Value = value,
    };

    public static OptionQuote Option(long ts, double strike, bool call, double delta, double iv) => new()
    {
        Symbol = "BTCUSDT",
        Venue = Venue.Deribit,
        TsEvent = ts,
        TsInit = ts,
        Instrument = $"X-{strike}-{call}",
        Expiry = ts + 30 * Day,
        Strike = strike,
        IsCall = call,
        MarkIv = iv,
        Delta = delta,
        Gamma = 0.0004,
        Vega = 1,
        OpenInterest = call ? 10 : 100,
        UnderlyingPrice = 100,
    };
}

using Hrm.Protocol.Market;

namespace Hrm.Testing;

/// <summary>
/// Synthetic trades (named as such): vehicles for routing and lockstep tests, never a source of market results.
/// </summary>
public static class SyntheticTrades
{
    public const long T0 = 1_723_161_600_000_000_000;
    public const long Second = 1_000_000_000;

    public static TradeTick At(long ts, long id = 0) => new()
    {
        Symbol = "BTCUSDT",
        Venue = Venue.BinanceUsdm,
        TsEvent = ts,
        TsInit = ts,
        TradeId = id == 0 ? ts : id,
        Price = 6_000_000_000_000,
        Qty = 1_000_000,
        BuyerIsMaker = false,
    };
}

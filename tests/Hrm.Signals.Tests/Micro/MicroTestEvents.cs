using Hrm.Protocol.Market;

namespace Hrm.Signals.Tests.Micro;

/// <summary>Small builders for synthetic micro events (prices and sizes in decimal, converted to fixed point).</summary>
internal static class MicroTestEvents
{
    public const long S = 1_000_000_000;

    public static long Fx(double v) => Fixed.FromDouble(v);

    public static DepthDiff Diff(long ts, (double P, double Q)[] bids, (double P, double Q)[] asks, Venue venue = Venue.BinanceUsdm) => new()
    {
        Symbol = "BTCUSDT",
        Venue = venue,
        TsEvent = ts,
        TsInit = ts,
        FirstUpdateId = 0,
        FinalUpdateId = 0,
        PrevFinalUpdateId = 0,
        Bids = bids.Select(l => new PriceLevel(Fx(l.P), Fx(l.Q))).ToArray(),
        Asks = asks.Select(l => new PriceLevel(Fx(l.P), Fx(l.Q))).ToArray(),
    };

    /// <param name="sellAggressor">true = the aggressor sold (buyer is maker): the trade hit a bid.</param>
    public static TradeTick Trade(long ts, double price, double qty, bool sellAggressor, Venue venue = Venue.BinanceUsdm) => new()
    {
        Symbol = "BTCUSDT",
        Venue = venue,
        TsEvent = ts,
        TsInit = ts,
        TradeId = ts,
        Price = Fx(price),
        Qty = Fx(qty),
        BuyerIsMaker = sellAggressor,
    };

    public static L3Order Order(long id, long ts, double price, double qty, bool bid, L3Action action) => new()
    {
        Symbol = "BTCUSD",
        Venue = Venue.Bitstamp,
        TsEvent = ts,
        TsInit = ts,
        OrderId = id,
        Price = Fx(price),
        Qty = Fx(qty),
        IsBid = bid,
        Action = action,
    };
}

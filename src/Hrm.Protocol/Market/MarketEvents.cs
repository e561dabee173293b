using MessagePack;

namespace Hrm.Protocol.Market;

/// <summary>One price level; <see cref="Qty"/> 0 deletes the level in a diff.</summary>
[MessagePackObject]
public readonly record struct PriceLevel([property: Key(0)] long Price, [property: Key(1)] long Qty);

/// <summary>
/// A normalised market event. <see cref="TsEvent"/> is the exchange's time, <see cref="TsInit"/> the time we received
/// it; both in Unix nanoseconds. Layers run on <see cref="TsEvent"/> only.
/// <see cref="Symbol"/> is the canonical symbol of the owning entity (e.g. BTCUSDT for BTCUSD_PERP too).
/// </summary>
[Union(0, typeof(DepthDiff))]
[Union(1, typeof(DepthSnapshot))]
[Union(2, typeof(BookTicker))]
[Union(3, typeof(TradeTick))]
[Union(4, typeof(MarkPriceUpdate))]
[Union(5, typeof(Bar))]
[Union(6, typeof(FundingRate))]
[Union(7, typeof(L3Order))]
[Union(8, typeof(OnChainMetric))]
[Union(9, typeof(OptionQuote))]
[Union(10, typeof(BookInvalidated))]
public abstract record MarketEvent : IHrmMessage, IWithSymbol
{
    [Key(0)] public required string Symbol { get; init; }
    [Key(1)] public required Venue Venue { get; init; }
    [Key(2)] public required long TsEvent { get; init; }
    [Key(3)] public required long TsInit { get; init; }
}

/// <summary>Binance <c>depthUpdate</c>: ids <c>U</c>..<c>u</c>, previous final id <c>pu</c> on futures (-1 on spot).</summary>
[MessagePackObject]
public sealed record DepthDiff : MarketEvent
{
    [Key(4)] public required long FirstUpdateId { get; init; }
    [Key(5)] public required long FinalUpdateId { get; init; }
    [Key(6)] public required long PrevFinalUpdateId { get; init; }
    [Key(7)] public required PriceLevel[] Bids { get; init; }
    [Key(8)] public required PriceLevel[] Asks { get; init; }
}

/// <summary>The REST depth snapshot the recorder took once per connection.</summary>
[MessagePackObject]
public sealed record DepthSnapshot : MarketEvent
{
    [Key(4)] public required long LastUpdateId { get; init; }
    [Key(5)] public required PriceLevel[] Bids { get; init; }
    [Key(6)] public required PriceLevel[] Asks { get; init; }
}

/// <summary>Binance <c>bookTicker</c>: every change of the best bid or ask, with the book update id <c>u</c>.</summary>
[MessagePackObject]
public sealed record BookTicker : MarketEvent
{
    [Key(4)] public required long UpdateId { get; init; }
    [Key(5)] public required long BidPrice { get; init; }
    [Key(6)] public required long BidQty { get; init; }
    [Key(7)] public required long AskPrice { get; init; }
    [Key(8)] public required long AskQty { get; init; }
}

/// <summary>A trade. <see cref="BuyerIsMaker"/> true means the aggressor sold.</summary>
[MessagePackObject]
public sealed record TradeTick : MarketEvent
{
    [Key(4)] public required long TradeId { get; init; }
    [Key(5)] public required long Price { get; init; }
    [Key(6)] public required long Qty { get; init; }
    [Key(7)] public required bool BuyerIsMaker { get; init; }

    [IgnoreMember] public bool AggressorIsBuyer => !BuyerIsMaker;
}

/// <summary>Futures <c>markPriceUpdate</c>: mark, index, current funding rate and next funding time (ns).</summary>
[MessagePackObject]
public sealed record MarkPriceUpdate : MarketEvent
{
    [Key(4)] public required long MarkPrice { get; init; }
    [Key(5)] public required long IndexPrice { get; init; }
    [Key(6)] public required double FundingRate { get; init; }
    [Key(7)] public required long NextFundingTime { get; init; }
}

/// <summary>An OHLCV bar; <see cref="MarketEvent.TsEvent"/> is its close time (open + period).</summary>
[MessagePackObject]
public sealed record Bar : MarketEvent
{
    [Key(4)] public required BarPeriod Period { get; init; }
    [Key(5)] public required double Open { get; init; }
    [Key(6)] public required double High { get; init; }
    [Key(7)] public required double Low { get; init; }
    [Key(8)] public required double Close { get; init; }
    [Key(9)] public required double Volume { get; init; }

    [IgnoreMember] public long OpenTime => TsEvent - Period.Nanos();
}

/// <summary>A settled perpetual funding rate (fraction per funding interval).</summary>
[MessagePackObject]
public sealed record FundingRate : MarketEvent
{
    [Key(4)] public required double Rate { get; init; }
}

public enum L3Action : byte
{
    Created = 0,
    Changed = 1,
    Deleted = 2,
}

/// <summary>
/// A per-order book event (L3, e.g. Bitstamp): <see cref="Qty"/> is the order's remaining size as the venue reports
/// it; on delete that is 0 when the order was filled out and its unfilled size when it was cancelled, which tells a
/// fill from a cancel. Order ids give lifetimes, which spoofing detection reasons on.
/// </summary>
[MessagePackObject]
public sealed record L3Order : MarketEvent
{
    [Key(4)] public required long OrderId { get; init; }
    [Key(5)] public required long Price { get; init; }
    [Key(6)] public required long Qty { get; init; }
    [Key(7)] public required bool IsBid { get; init; }
    [Key(8)] public required L3Action Action { get; init; }
}

/// <summary>
/// A daily blockchain metric (Coin Metrics names: CapMVRVCur, NVTAdj, FlowInExUSD, …). A day's value is only known
/// once the day is over, so <see cref="MarketEvent.TsEvent"/> is the end of that day, never its start.
/// </summary>
[MessagePackObject]
public sealed record OnChainMetric : MarketEvent
{
    [Key(4)] public required string Metric { get; init; }
    [Key(5)] public required double Value { get; init; }
}

/// <summary>
/// One option of a chain snapshot (Deribit): <see cref="Expiry"/> in Unix nanoseconds, mark IV in percent, greeks per
/// contract, open interest in contracts.
/// </summary>
[MessagePackObject]
public sealed record OptionQuote : MarketEvent
{
    [Key(4)] public required string Instrument { get; init; }
    [Key(5)] public required long Expiry { get; init; }
    [Key(6)] public required double Strike { get; init; }
    [Key(7)] public required bool IsCall { get; init; }
    [Key(8)] public required double MarkIv { get; init; }
    [Key(9)] public required double Delta { get; init; }
    [Key(10)] public required double Gamma { get; init; }
    [Key(11)] public required double Vega { get; init; }
    [Key(12)] public required double OpenInterest { get; init; }
    [Key(13)] public required double UnderlyingPrice { get; init; }
}

/// <summary>
/// A live feed lost <see cref="MarketEvent.Venue"/>'s book (an update-id gap, a reconnect, or the feed restarted on
/// another node): the book is invalid until the venue's next <see cref="DepthSnapshot"/>, and nothing is read from it
/// meanwhile. Stamped with the time of the first event after the loss. Recordings never need it: their raw diffs show
/// the broken id chain, which the book synchroniser detects by itself.
/// </summary>
[MessagePackObject]
public sealed record BookInvalidated : MarketEvent
{
    [Key(4)] public required string Reason { get; init; }
}

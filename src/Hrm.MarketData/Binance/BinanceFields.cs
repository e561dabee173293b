using Hrm.Protocol.Market;

namespace Hrm.MarketData.Binance;

/// <summary>
/// Scratch for one message: every field any Binance stream uses, filled key by key whatever the key order, then
/// turned into an event once the stream type is known. Reused across lines; levels are copied out on emit.
/// </summary>
internal sealed class BinanceFields
{
    public StreamKind Stream;
    public long ReceiveNanos;
    public string? Error;

    public long EventTime, TransactTime, FirstId, FinalId, PrevFinalId, LastUpdateId, TradeId;
    public bool HasEventTime, HasTransactTime, HasFirstId, HasFinalId, HasPrevFinalId, HasLastUpdateId, HasTradeId;

    public long BidPrice, BidQty, AskPrice, AskQty, Price, Qty, IndexPrice;
    public bool HasBidPrice, HasBidQty, HasAskPrice, HasAskQty, HasPrice, HasQty, HasIndexPrice;

    public double FundingRate;
    public bool HasFundingRate;

    public bool BuyerIsMaker, HasBuyerIsMaker;

    public readonly List<PriceLevel> Bids = new(1024);
    public readonly List<PriceLevel> Asks = new(1024);
    public bool HasBids, HasAsks;

    public void Reset(long receiveNanos)
    {
        Stream = StreamKind.None;
        ReceiveNanos = receiveNanos;
        Error = null;
        HasEventTime = HasTransactTime = HasFirstId = HasFinalId = HasPrevFinalId = HasLastUpdateId = HasTradeId = false;
        HasBidPrice = HasBidQty = HasAskPrice = HasAskQty = HasPrice = HasQty = HasIndexPrice = false;
        HasFundingRate = HasBuyerIsMaker = HasBids = HasAsks = false;
        Bids.Clear();
        Asks.Clear();
    }

    /// <summary>Keeps the first problem found; the line is rejected for it.</summary>
    public void Fail(string reason) => Error ??= reason;
}

internal enum StreamKind
{
    None,
    Depth,
    BookTicker,
    Trade,
    MarkPrice,
    Unknown,
}

using System.Text.Json;
using Hrm.MarketData.Parsing;
using Hrm.Protocol.Market;

namespace Hrm.MarketData.Binance;

/// <summary>
/// Turns capture lines <c>&lt;receive time&gt; &lt;raw JSON&gt;</c> of one instrument into market events. Stateful only for
/// the clock offset: messages without an exchange time (spot bookTicker, spot REST snapshot) get
/// <c>TsEvent = TsInit − (TsInit − E)</c> of the latest message that had one (never looked up ahead); before any they
/// cannot be placed on the exchange clock and are rejected as <see cref="RejectReasons.NoExchangeTime"/> (a receive
/// clock is never taken for the exchange's). Stamping them with the latest <c>E</c> alone would date spot quotes up to
/// 100 ms early and make spot look as if it led (docs/LIVE.md). Bad lines return null and are counted in <see cref="Rejects"/>.
/// </summary>
public sealed class BinanceLineParser(Venue venue, string symbol, RejectCounts rejects)
{
    private readonly BinanceFields _f = new();
    private long _clockOffset;
    private bool _hasClock;

    public RejectCounts Rejects => rejects;

    public MarketEvent? Parse(ReadOnlySpan<byte> line)
    {
        var space = line.IndexOf((byte)' ');
        if (space <= 0)
        {
            Rejects.Add(RejectReasons.MalformedLine);
            return null;
        }

        if (!Timestamps.TryParseToNanos(line[..space], out var receiveNanos))
        {
            Rejects.Add(RejectReasons.BadTimestamp);
            return null;
        }

        return Parse(receiveNanos, line[(space + 1)..]);
    }

    /// <summary>One raw message received at <paramref name="receiveNanos"/> (a live frame, or a capture line's JSON part).</summary>
    public MarketEvent? Parse(long receiveNanos, ReadOnlySpan<byte> json)
    {
        _f.Reset(receiveNanos);
        try
        {
            BinanceJson.ReadMessage(json, _f);
        }
        catch (JsonException)
        {
            Rejects.Add(RejectReasons.MalformedJson);
            return null;
        }

        var result = _f.Error is null ? Build() : null;
        if (result is null) Rejects.Add(_f.Error ?? RejectReasons.MissingField);
        return result;
    }

    private MarketEvent? Build() => !_f.HasEventTime && !_hasClock && (_f.Stream == StreamKind.BookTicker || IsSnapshot)
        ? Reject(RejectReasons.NoExchangeTime)
        : _f.Stream switch
        {
            StreamKind.Depth => BuildDiff(),
            StreamKind.BookTicker => BuildBookTicker(),
            StreamKind.Trade => BuildTrade(),
            StreamKind.MarkPrice => BuildMarkPrice(),
            StreamKind.Unknown => Reject(RejectReasons.UnknownStream),
            _ => IsSnapshot ? BuildSnapshot() : Reject(RejectReasons.UnknownMessage),
        };

    private bool IsSnapshot => _f.Stream == StreamKind.None && _f.HasLastUpdateId;

    private MarketEvent? Reject(string reason)
    {
        _f.Fail(reason);
        return null;
    }

    /// <summary>Exchange event time in ns if the message has E (and learns the clock offset), else receive − offset.</summary>
    private long EventTime()
    {
        if (!_f.HasEventTime) return _f.ReceiveNanos - _clockOffset;
        var nanos = _f.EventTime * Timestamps.NanosPerMilli;
        _clockOffset = _f.ReceiveNanos - nanos;
        _hasClock = true;
        return nanos;
    }

    private DepthDiff? BuildDiff()
    {
        var futures = venue.IsFutures();
        if (!_f.HasEventTime || !_f.HasFirstId || !_f.HasFinalId || (futures && !_f.HasPrevFinalId) || !_f.HasBids || !_f.HasAsks)
            return null;
        return new DepthDiff
        {
            Symbol = symbol,
            Venue = venue,
            TsEvent = EventTime(),
            TsInit = _f.ReceiveNanos,
            FirstUpdateId = _f.FirstId,
            FinalUpdateId = _f.FinalId,
            PrevFinalUpdateId = futures ? _f.PrevFinalId : -1,
            Bids = _f.Bids.ToArray(),
            Asks = _f.Asks.ToArray(),
        };
    }

    private DepthSnapshot? BuildSnapshot()
    {
        if (!_f.HasBids || !_f.HasAsks) return null;
        return new DepthSnapshot
        {
            Symbol = symbol,
            Venue = venue,
            TsEvent = EventTime(),
            TsInit = _f.ReceiveNanos,
            LastUpdateId = _f.LastUpdateId,
            Bids = _f.Bids.ToArray(),
            Asks = _f.Asks.ToArray(),
        };
    }

    private BookTicker? BuildBookTicker()
    {
        if (!_f.HasFinalId || !_f.HasBidPrice || !_f.HasBidQty || !_f.HasAskPrice || !_f.HasAskQty) return null;
        return new BookTicker
        {
            Symbol = symbol,
            Venue = venue,
            TsEvent = EventTime(),
            TsInit = _f.ReceiveNanos,
            UpdateId = _f.FinalId,
            BidPrice = _f.BidPrice,
            BidQty = _f.BidQty,
            AskPrice = _f.AskPrice,
            AskQty = _f.AskQty,
        };
    }

    /// <summary>Trades are stamped with the trade time T where present (E is when the message was sent).</summary>
    private TradeTick? BuildTrade()
    {
        if (!_f.HasTradeId || !_f.HasPrice || !_f.HasQty || !_f.HasBuyerIsMaker || !(_f.HasTransactTime || _f.HasEventTime))
            return null;
        var eventTime = EventTime();
        return new TradeTick
        {
            Symbol = symbol,
            Venue = venue,
            TsInit = _f.ReceiveNanos,
            TsEvent = _f.HasTransactTime ? _f.TransactTime * Timestamps.NanosPerMilli : eventTime,
            TradeId = _f.TradeId,
            Price = _f.Price,
            Qty = _f.Qty,
            BuyerIsMaker = _f.BuyerIsMaker,
        };
    }

    private MarkPriceUpdate? BuildMarkPrice()
    {
        if (!_f.HasEventTime || !_f.HasPrice || !_f.HasIndexPrice || !_f.HasFundingRate || !_f.HasTransactTime) return null;
        return new MarkPriceUpdate
        {
            Symbol = symbol,
            Venue = venue,
            TsEvent = EventTime(),
            TsInit = _f.ReceiveNanos,
            MarkPrice = _f.Price,
            IndexPrice = _f.IndexPrice,
            FundingRate = _f.FundingRate,
            NextFundingTime = _f.TransactTime * Timestamps.NanosPerMilli,
        };
    }
}

using Hrm.Protocol.Market;
using Hrm.Signals.Book;
using MessagePack;

namespace Hrm.Signals.Micro;

/// <summary>Everything the micro layer keeps for one venue: the synced book and the flow windows.</summary>
[MessagePackObject]
public sealed class VenueMicroState
{
    [Key(0)] public Venue Venue;
    [Key(1)] public BookSynchronizer Sync = new();
    [Key(2)] public OrderFlowImbalance Ofi = new();
    [Key(3)] public AggressorRatio Aggressor = new();
    [Key(4)] public QuoteToTradeRatio Qtr = new();
    [Key(5)] public long Events;

    /// <summary>Event time of the newest event seen from this venue.</summary>
    [Key(6)] public long LastTsEvent;

    [SerializationConstructor]
    public VenueMicroState()
    {
    }

    public VenueMicroState(Venue venue)
    {
        Venue = venue;
        Sync = new BookSynchronizer(venue);
    }

    /// <summary>Routes one event; O(1) except the book update (O(levels in the diff · log depth)).</summary>
    public void Apply(MarketEvent e)
    {
        Events++;
        LastTsEvent = Math.Max(LastTsEvent, e.TsEvent);
        switch (e)
        {
            case DepthDiff or DepthSnapshot:
                Sync.Apply(e);
                break;
            case BookTicker t:
                Ofi.Update(t.TsEvent, t.BidPrice, t.BidQty, t.AskPrice, t.AskQty);
                Qtr.OnQuote(t.TsEvent);
                break;
            case TradeTick trade:
                Aggressor.Update(trade);
                Qtr.OnTrade(trade.TsEvent);
                break;
        }
    }
}

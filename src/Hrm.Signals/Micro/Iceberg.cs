using Hrm.Protocol.Market;
using Hrm.Signals.Book;
using MessagePack;

namespace Hrm.Signals.Micro;

/// <summary>
/// Iceberg detection by reload rate at the touch, from trades and L2 diffs. Per side, one watched level: the price of
/// the latest trade on that side (a sell aggressor hits the bid, a buy aggressor lifts the ask). A trade leaves an
/// <i>expected</i> display = display − traded size. A diff that then shows the same price with more than expected
/// within the reload window, while that price is still its side's best (the price did not move), is a <b>reload</b>.
/// Reloads count per level; a trade at another price, or the level emptying, starts a new level. Hidden volume = size
/// refilled above what trading left. L2 cannot tell an iceberg's refill from a new order joining the level, hence a
/// threshold on the count (<see cref="MicroParameters.IcebergMinReloads"/>). O(levels in the diff) per diff, O(log
/// depth) per trade.
/// </summary>
[MessagePackObject]
public sealed class Iceberg
{
    [MessagePackObject]
    public struct Level
    {
        [Key(0)] public long Price;
        [Key(1)] public long FirstTs;
        [Key(2)] public long LastTradeTs;
        [Key(3)] public long LastReloadTs;
        [Key(4)] public int Reloads;
        [Key(5)] public long Traded;
        [Key(6)] public long Refilled;
        [Key(7)] public long Expected;
        [Key(8)] public bool Pending;
    }

    [Key(0)] public Level Bid;
    [Key(1)] public Level Ask;
    [Key(2)] private long _reloadWindow;
    [Key(3)] public long TotalReloads;

    [SerializationConstructor]
    public Iceberg() : this(MicroParameters.IcebergReloadWindowNanos)
    {
    }

    public Iceberg(long reloadWindowNanos) => _reloadWindow = reloadWindowNanos;

    /// <summary>A trade consumes the displayed size at its price (book as it stands when the trade arrives).</summary>
    public void OnTrade(OrderBook book, TradeTick trade)
    {
        var isBid = trade.BuyerIsMaker;
        ref var level = ref isBid ? ref Bid : ref Ask;
        if (level.Price != trade.Price || level.FirstTs == 0)
            level = new Level { Price = trade.Price, FirstTs = trade.TsEvent };
        var display = level.Pending ? level.Expected : BookLookup.QtyAt(book, isBid, trade.Price);
        level.Expected = Math.Max(0, display - trade.Qty);
        level.Pending = true;
        level.Traded += trade.Qty;
        level.LastTradeTs = trade.TsEvent;
    }

    /// <summary>Looks at the diff's change to the watched levels (book already updated).</summary>
    public void OnDiff(OrderBook book, DepthDiff diff)
    {
        if (Bid.FirstTs != 0) Check(ref Bid, diff.Bids, true, book, diff.TsEvent);
        if (Ask.FirstTs != 0) Check(ref Ask, diff.Asks, false, book, diff.TsEvent);
    }

    private void Check(ref Level level, PriceLevel[] levels, bool isBid, OrderBook book, long ts)
    {
        foreach (var l in levels)
        {
            if (l.Price != level.Price) continue;
            if (l.Qty == 0)
            {
                level = default; // the level is gone: whatever hid there is exhausted
                return;
            }

            var best = isBid ? (book.BidLevels > 0 ? book.BestBid.Price : 0) : (book.AskLevels > 0 ? book.BestAsk.Price : 0);
            if (level.Pending && l.Qty > level.Expected && best == l.Price && ts - level.LastTradeTs <= _reloadWindow)
            {
                level.Reloads++;
                level.Refilled += l.Qty - level.Expected;
                level.LastReloadTs = ts;
                TotalReloads++;
            }

            level.Pending = false;
            return;
        }
    }

    /// <summary>
    /// Direction at <paramref name="ts"/>: +1 for a live bid iceberg (support), −1 for an ask iceberg (resistance), the
    /// side with more reloads if both; 0 without one. Live = ≥ min reloads, the last one within
    /// <paramref name="staleNanos"/>, and the price still the side's best. Pure read.
    /// </summary>
    public (int Direction, Level Level) At(OrderBook book, long ts, int minReloads, long staleNanos)
    {
        var bidLive = Live(Bid, book.BidLevels > 0 ? book.BestBid.Price : 0, ts, minReloads, staleNanos);
        var askLive = Live(Ask, book.AskLevels > 0 ? book.BestAsk.Price : 0, ts, minReloads, staleNanos);
        if (bidLive && (!askLive || Bid.Reloads > Ask.Reloads)) return (1, Bid);
        if (askLive && (!bidLive || Ask.Reloads > Bid.Reloads)) return (-1, Ask);
        return (0, default);
    }

    private static bool Live(in Level level, long best, long ts, int minReloads, long staleNanos) =>
        level.Reloads >= minReloads && level.Price == best && ts - level.LastReloadTs <= staleNanos;
}

using Hrm.Signals.Book;

namespace Hrm.Signals.Micro;

/// <summary>Reads a level's size by price from an <see cref="OrderBook"/> (binary search over its best-first view).</summary>
public static class BookLookup
{
    /// <summary>The displayed size at <paramref name="price"/> on one side; 0 if the level is empty. O(log levels).</summary>
    public static long QtyAt(OrderBook book, bool isBid, long price)
    {
        int lo = 0, hi = (isBid ? book.BidLevels : book.AskLevels) - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var level = isBid ? book.Bid(mid) : book.Ask(mid);
            if (level.Price == price) return level.Qty;
            // Index 0 is the best: bids descend, asks ascend.
            var deeper = isBid ? level.Price > price : level.Price < price;
            if (deeper) lo = mid + 1;
            else hi = mid - 1;
        }

        return 0;
    }
}

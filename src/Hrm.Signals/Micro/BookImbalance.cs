using Hrm.Signals.Book;

namespace Hrm.Signals.Micro;

/// <summary>
/// The seed's book imbalance at a depth of n levels: (Σbid − Σask)/(Σbid + Σask) over the best n levels of each side,
/// in [−1, 1]; positive = more resting buy interest. NaN when both sides are empty.
/// </summary>
public static class BookImbalance
{
    public static readonly int[] Depths = [1, 5, 10];

    public static double Compute(OrderBook book, int levels) => Compute(book.BidDepth(levels), book.AskDepth(levels));

    public static double Compute(double bidQty, double askQty)
    {
        var total = bidQty + askQty;
        return total > 0 ? (bidQty - askQty) / total : double.NaN;
    }

    /// <summary>
    /// Stoikov's micro-price from the touch: (askPrice·bidQty + bidPrice·askQty)/(bidQty + askQty). Its displacement
    /// from the mid is our execution-edge estimate for book imbalance. NaN on an empty side.
    /// </summary>
    public static double MicroPrice(OrderBook book)
    {
        if (book.BidLevels == 0 || book.AskLevels == 0) return double.NaN;
        var bid = book.BestBid;
        var ask = book.BestAsk;
        var bq = Hrm.Protocol.Market.Fixed.ToDouble(bid.Qty);
        var aq = Hrm.Protocol.Market.Fixed.ToDouble(ask.Qty);
        return (Hrm.Protocol.Market.Fixed.ToDouble(ask.Price) * bq + Hrm.Protocol.Market.Fixed.ToDouble(bid.Price) * aq) / (bq + aq);
    }

    /// <summary>
    /// The smallest price step among the best <paramref name="levels"/> levels of either side (a tick-size estimate; the
    /// exchange's filter is not in the feed). 0 when fewer than two levels.
    /// </summary>
    public static long TickEstimate(OrderBook book, int levels)
    {
        long tick = 0;
        var nb = Math.Min(levels, book.BidLevels);
        for (var i = 1; i < nb; i++)
        {
            var step = book.Bid(i - 1).Price - book.Bid(i).Price;
            if (step > 0 && (tick == 0 || step < tick)) tick = step;
        }

        var na = Math.Min(levels, book.AskLevels);
        for (var i = 1; i < na; i++)
        {
            var step = book.Ask(i).Price - book.Ask(i - 1).Price;
            if (step > 0 && (tick == 0 || step < tick)) tick = step;
        }

        return tick;
    }
}

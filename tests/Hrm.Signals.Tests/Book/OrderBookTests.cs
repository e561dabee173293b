using Hrm.Protocol.Market;
using Hrm.Signals;
using Hrm.Signals.Book;

namespace Hrm.Signals.Tests.Book;

public class OrderBookTests
{
    private static long P(double v) => Fixed.FromDouble(v);

    [Fact]
    public void Empty_book_has_default_touch_and_nan_mid()
    {
        var book = new OrderBook();
        Assert.Equal(0, book.BidLevels);
        Assert.Equal(default, book.BestBid);
        Assert.Equal(default, book.BestAsk);
        Assert.True(double.IsNaN(book.Mid));
        Assert.False(book.IsCrossed);
        Assert.Equal(0.0, book.BidDepth(5));
    }

    [Fact]
    public void Inserts_updates_and_deletes_keep_both_sides_sorted_best_first()
    {
        var book = new OrderBook();
        book.SetBid(P(100), P(1));
        book.SetBid(P(102), P(2));
        book.SetBid(P(101), P(3));
        book.SetAsk(P(105), P(4));
        book.SetAsk(P(103), P(5));
        book.SetAsk(P(104), P(6));

        Assert.Equal(new PriceLevel(P(102), P(2)), book.BestBid);
        Assert.Equal(new PriceLevel(P(103), P(5)), book.BestAsk);
        Assert.Equal([P(102), P(101), P(100)], Enumerable.Range(0, 3).Select(i => book.Bid(i).Price));
        Assert.Equal([P(103), P(104), P(105)], Enumerable.Range(0, 3).Select(i => book.Ask(i).Price));

        book.SetBid(P(101), P(7));
        Assert.Equal(P(7), book.Bid(1).Qty);
        book.SetBid(P(102), 0);
        Assert.Equal(new PriceLevel(P(101), P(7)), book.BestBid);
        book.SetAsk(P(999), 0);
        Assert.Equal(3, book.AskLevels);
        Assert.Equal(102.0, book.Mid, 10);
        Assert.Throws<ArgumentOutOfRangeException>(() => book.Bid(2));
    }

    [Fact]
    public void Depth_sums_the_best_levels_and_stops_at_the_side_size()
    {
        var book = new OrderBook();
        book.ApplyDiff([new(P(100), P(1)), new(P(99), P(2)), new(P(98), P(4))], [new(P(101), P(0.5))]);
        Assert.Equal(3.0, book.BidDepth(2), 12);
        Assert.Equal(7.0, book.BidDepth(10), 12);
        Assert.Equal(0.5, book.AskDepth(3), 12);
    }

    [Fact]
    public void Load_replaces_contents_ignores_zero_levels_and_accepts_any_order()
    {
        var book = new OrderBook();
        book.SetBid(P(50), P(1));
        book.Load([new(P(100), P(1)), new(P(98), 0), new(P(99), P(2))], [new(P(102), P(3)), new(P(101), P(4))]);
        Assert.Equal(2, book.BidLevels);
        Assert.Equal(P(100), book.BestBid.Price);
        Assert.Equal(P(99), book.Bid(1).Price);
        Assert.Equal(P(101), book.BestAsk.Price);
    }

    [Fact]
    public void Crossed_when_best_bid_reaches_best_ask()
    {
        var book = new OrderBook();
        book.SetBid(P(100), P(1));
        book.SetAsk(P(101), P(1));
        Assert.False(book.IsCrossed);
        book.SetBid(P(101), P(1));
        Assert.True(book.IsCrossed);
    }

    [Fact]
    public void Grows_past_initial_capacity()
    {
        var book = new OrderBook();
        for (var i = 1; i <= 3000; i++) book.SetAsk(P(i), P(1));
        Assert.Equal(3000, book.AskLevels);
        Assert.Equal(P(1), book.BestAsk.Price);
        Assert.Equal(P(3000), book.Ask(2999).Price);
    }

    [Fact]
    public void State_round_trips_through_the_state_codec()
    {
        var book = new OrderBook();
        book.Load([new(P(100), P(1)), new(P(99), P(2))], [new(P(101), P(3))]);
        var copy = StateCodec.Load<OrderBook>(StateCodec.Save(book));
        Assert.Equal(book.BestBid, copy.BestBid);
        Assert.Equal(book.Bid(1), copy.Bid(1));
        Assert.Equal(book.BestAsk, copy.BestAsk);
        copy.SetBid(P(100.5), P(1));
        Assert.Equal(P(100.5), copy.BestBid.Price);
    }
}

using Hrm.Signals.Book;
using Hrm.Signals.Micro;
using static Hrm.Signals.Tests.Micro.MicroTestEvents;

namespace Hrm.Signals.Tests.Micro;

public sealed class IcebergTests
{
    private static OrderBook Book()
    {
        var book = new OrderBook();
        book.Load([new(Fx(100.00), Fx(2)), new(Fx(99.99), Fx(5))], [new(Fx(100.01), Fx(3)), new(Fx(100.02), Fx(4))]);
        return book;
    }

    private static void Apply(OrderBook book, Iceberg ice, Hrm.Protocol.Market.DepthDiff diff)
    {
        book.ApplyDiff(diff.Bids, diff.Asks);
        ice.OnDiff(book, diff);
    }

    [Fact]
    public void Reloads_at_the_touch_after_trades_make_a_bid_iceberg()
    {
        var book = Book();
        var ice = new Iceberg(2 * S);

        // 1 s: sell 1.5 into bid 100.00 (display 2) → expected 0.5; 1.1 s: the level shows 2 again → reload 1, refilled 1.5
        ice.OnTrade(book, Trade(1 * S, 100.00, 1.5, sellAggressor: true));
        Apply(book, ice, Diff(1 * S + S / 10, [(100.00, 2)], []));
        // 2 s: sell 2 (display 2) → expected 0; 2.05 s: back to 2 → reload 2, refilled 1.5 + 2 = 3.5
        ice.OnTrade(book, Trade(2 * S, 100.00, 2.0, true));
        Apply(book, ice, Diff(2 * S + S / 20, [(100.00, 2)], []));
        // 3 s: sell 1 → expected 1; 3.5 s: the level shows 1 = expected: consumption, not a reload
        ice.OnTrade(book, Trade(3 * S, 100.00, 1.0, true));
        Apply(book, ice, Diff(3 * S + S / 2, [(100.00, 1)], []));
        // 4 s: sell 0.8 (display 1) → expected 0.2; 7 s: refill to 2, but 3 s after the trade > 2 s window: not counted
        ice.OnTrade(book, Trade(4 * S, 100.00, 0.8, true));
        Apply(book, ice, Diff(7 * S, [(100.00, 2)], []));
        // 8 s: sell 1 (display 2) → expected 1; 8.1 s: back to 2 → reload 3, refilled 3.5 + 1 = 4.5
        ice.OnTrade(book, Trade(8 * S, 100.00, 1.0, true));
        Apply(book, ice, Diff(8 * S + S / 10, [(100.00, 2)], []));

        Assert.Equal(3, ice.Bid.Reloads);
        Assert.Equal(Fx(4.5), ice.Bid.Refilled);
        Assert.Equal(Fx(1.5 + 2 + 1 + 0.8 + 1), ice.Bid.Traded); // 6.3

        var (dir, level) = ice.At(book, 9 * S, minReloads: 3, staleNanos: 10 * S);
        Assert.Equal(1, dir); // hidden bid = support
        Assert.Equal(Fx(100.00), level.Price);
        Assert.Equal(0, ice.At(book, 9 * S, minReloads: 4, staleNanos: 10 * S).Direction);
        Assert.Equal(0, ice.At(book, 19 * S, minReloads: 3, staleNanos: 10 * S).Direction); // last reload 8.1 s: stale at 19 s

        var restored = StateCodec.Load<Iceberg>(StateCodec.Save(ice));
        Assert.Equal(StateCodec.Save(ice), StateCodec.Save(restored));

        // The level empties: whatever hid there is exhausted → no iceberg.
        Apply(book, ice, Diff(9 * S, [(100.00, 0)], []));
        Assert.Equal(0, ice.At(book, 9 * S, 3, 10 * S).Direction);
    }

    [Fact]
    public void A_refill_away_from_the_touch_or_on_the_ask_side_counts_on_its_own_side()
    {
        var book = Book();
        var ice = new Iceberg(2 * S);
        // A sell sweeps into 99.99 (not the best bid, 100.00 still stands): its refill is not a reload at the touch.
        ice.OnTrade(book, Trade(1 * S, 99.99, 1.0, true));
        Apply(book, ice, Diff(1 * S + 1, [(99.99, 5)], []));
        Assert.Equal(0, ice.Bid.Reloads);

        // Buys lift ask 100.01 (display 3) three times, each refilled: an ask iceberg → −1.
        for (var i = 0; i < 3; i++)
        {
            var t = (2 + i) * S;
            ice.OnTrade(book, Trade(t, 100.01, 1.0, sellAggressor: false)); // expected 2
            Apply(book, ice, Diff(t + 1, [], [(100.01, 3)]));           // 3 > 2 → reload
        }

        Assert.Equal(3, ice.Ask.Reloads);
        Assert.Equal(-1, ice.At(book, 5 * S, 3, 10 * S).Direction);
    }
}

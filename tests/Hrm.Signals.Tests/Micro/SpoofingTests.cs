using Hrm.MarketData.Bitstamp;
using Hrm.Protocol.Market;
using Hrm.Signals.Book;
using Hrm.Signals.Micro;
using static Hrm.Signals.Tests.Micro.MicroTestEvents;

namespace Hrm.Signals.Tests.Micro;

public sealed class SpoofingTests
{
    private static readonly string BitstampOrders =
        Path.Combine(RealData.DataRoot(), "micro", "bitstamp_l3_obanalytics_2015-05-01", "orders.csv.gz");

    [Fact]
    public void L3_large_away_orders_cancelled_fast_without_trading_are_counted()
    {
        var d = new L3Spoofing(largeMultiple: 5, awayBps: 10, maxLifetimeNanos: 5 * S, medianOrders: 255, windowNanos: 300 * S);
        // 20 orders of 1 BTC: ids 1..10 bids at 100.00, 11..20 asks at 100.10 → median 1, best bid 100.00, best ask 100.10.
        for (var i = 1; i <= 20; i++) d.Update(Order(i, i * S, i <= 10 ? 100.00 : 100.10, 1, i <= 10, L3Action.Created));

        // 21: ask 100.30 × 10 (≥ 5 × 1); (100.30 − 100.10)/100.10 = 19.98 bps ≥ 10 → large away; deleted 2 s later with
        //     10 left → fast cancel (ask, 10)
        d.Update(Order(21, 100 * S, 100.30, 10, false, L3Action.Created));
        d.Update(Order(21, 102 * S, 100.30, 10, false, L3Action.Deleted));
        // 22: bid 99.50 × 6, 50 bps away; changed to 4 (a fill) then deleted → traded, not spoofing
        d.Update(Order(22, 103 * S, 99.50, 6, true, L3Action.Created));
        d.Update(Order(22, 104 * S, 99.50, 4, true, L3Action.Changed));
        d.Update(Order(22, 105 * S, 99.50, 4, true, L3Action.Deleted));
        // 23: bid 99.90 × 8, exactly 10 bps away (≥); deleted after 14 s > 5 s → slow cancel
        d.Update(Order(23, 106 * S, 99.90, 8, true, L3Action.Created));
        d.Update(Order(23, 120 * S, 99.90, 8, true, L3Action.Deleted));
        // 24: bid 100.00 × 7 at the touch (0 bps) → not away, ignored
        d.Update(Order(24, 121 * S, 100.00, 7, true, L3Action.Created));
        d.Update(Order(24, 122 * S, 100.00, 7, true, L3Action.Deleted));
        // 25: ask 100.50 × 9, deleted with 0 left → filled out
        d.Update(Order(25, 123 * S, 100.50, 9, false, L3Action.Created));
        d.Update(Order(25, 124 * S, 100.50, 0, false, L3Action.Deleted));
        // 26: bid 99.00 × 20 (median of 25 sizes = 1: twenty 1s then 10, 6, 8, 7, 9), deleted after 1 s → fast (bid, 20)
        d.Update(Order(26, 125 * S, 99.00, 20, true, L3Action.Created));
        d.Update(Order(26, 126 * S, 99.00, 20, true, L3Action.Deleted));
        d.Update(Order(999, 127 * S, 99.00, 1, true, L3Action.Deleted)); // never seen → unknown

        var r = d.At(127 * S);
        // large away: 21, 22, 23, 25, 26 → 5 orders, 10 + 6 + 8 + 9 + 20 = 53 BTC; fast: 21 (ask 10) and 26 (bid 20)
        Assert.Equal(5, r.LargeOrders);
        Assert.Equal(53, r.LargeVolume, 9);
        Assert.Equal(2, r.FastCancels);
        Assert.Equal((20.0, 10.0), (r.FastCancelBidVolume, r.FastCancelAskVolume));
        Assert.Equal(30 / 53.0, r.FastCancelShare, 12);
        Assert.Equal(-1, r.Direction(minCancels: 2, minShare: 0.2)); // more fake bid than ask → bearish
        Assert.Equal(0, r.Direction(minCancels: 3, minShare: 0.2));
        Assert.Equal(30 / 53.0 * (10 / 30.0), r.Magnitude, 12);    // share × |20 − 10|/30
        Assert.Equal((2L, 1L, 1L), (d.TradedLargeAway, d.SlowCancels, d.UnknownOrders));
        Assert.Equal(new PriceLevel(Fx(100.00), Fx(10)), d.Book.BestBid); // orders 1..10 still rest
        Assert.Equal(26, d.LastFastCancelOrderId);

        // 300 s later the window is empty; the totals stay.
        Assert.Equal(0, d.At(500 * S).LargeOrders);
        Assert.Equal(5, d.Window.Totals.LargeOrders);

        var restored = StateCodec.Load<L3Spoofing>(StateCodec.Save(d));
        Assert.Equal(StateCodec.Save(d), StateCodec.Save(restored));
        Assert.Equal(d.At(127 * S), restored.At(127 * S));
    }

    [Fact]
    public void L3_on_the_real_Bitstamp_day()
    {
        // Defaults: large = ≥ 5 × median of the last 255 created sizes, ≥ 10 bps behind the touch, cancelled ≤ 5 s.
        var d = new L3Spoofing();
        long line = 1, firstFastLine = 0;
        foreach (var e in new BitstampL3Reader(BitstampOrders))
        {
            line++;
            d.Update((L3Order)e);
            if (firstFastLine == 0 && d.LastFastCancelOrderId != 0) firstFastLine = line;
        }

        // The first fast cancel, checked by hand (zcat orders.csv.gz | grep -n '^65595319,'):
        //   147: 65595319,1430438455385,…,236.99,5000000000,created,ask   (50 BTC)
        //   153: 65595319,1430438457718,…,236.99,5000000000,deleted,ask   (deleted 2.333 s later, all 50 BTC left)
        // The 72 orders created before line 147 have lower median 3.7752 BTC (5 × = 18.876 ≤ 50); the best live ask
        // then was 236.61 (order 65595284), so 236.99 rests (236.99 − 236.61)/236.61 = 16.06 bps behind it (≥ 10).
        Assert.Equal(153, firstFastLine);

        var t = d.Window.Totals;
        Assert.Equal(947, t.LargeOrders);       // large and ≥ 10 bps away, of 24 894 created orders
        Assert.Equal(22, t.FastCancels);        // cancelled within 5 s untouched …
        Assert.Equal(0, t.FastCancelBidVolume); // … all of them asks:
        Assert.Equal(1250, t.FastCancelAskVolume, 6); // 1 250 BTC of 56 450 large → 2.2 %
        Assert.Equal(0.0221, t.FastCancelShare, 4);
        Assert.Equal(2, d.TradedLargeAway);
        Assert.Equal(919, d.SlowCancels);
        Assert.Equal(213, d.UnknownOrders);     // changes/deletes of orders created before the file starts
        Assert.Equal(1, t.Direction(3, 0.0));   // fake ask walls → bullish over the day
    }

    private static OrderBook L2Book()
    {
        var bids = new PriceLevel[11];
        var asks = new PriceLevel[11];
        for (var i = 0; i <= 10; i++)
        {
            bids[i] = new PriceLevel(Fx(100.00 - 0.01 * i), Fx(1));
            asks[i] = new PriceLevel(Fx(100.01 + 0.01 * i), Fx(1));
        }

        var book = new OrderBook();
        book.Load(bids, asks);
        return book;
    }

    private static void Apply(OrderBook book, L2Spoofing d, DepthDiff diff)
    {
        d.BeforeDiff(book, diff);
        book.ApplyDiff(diff.Bids, diff.Asks);
        d.AfterDiff(diff);
    }

    [Fact]
    public void L2_size_added_away_and_pulled_fast_without_a_trade_is_counted()
    {
        var book = L2Book(); // tick 0.01; bids 100.00 … 99.90, asks 100.01 … 100.11, 1 each
        var d = new L2Spoofing(largeMultiple: 5, minTicks: 5, maxTicks: 500, maxLifetimeNanos: 5 * S, medianSamples: 255,
            windowNanos: 300 * S, sampleEvery: 1);
        // 20 updates of 99.90 (10 ticks behind) to 1.0: the median in-band level size is 1, so "large" = an addition ≥ 5
        for (var i = 1; i <= 20; i++) Apply(book, d, Diff(i * S / 10, [(99.90, 1)], []));
        Assert.Equal(Fx(0.01), d.Tick);
        Assert.Equal(0, d.At(3 * S).LargeOrders);

        // 10 s: 6 appears at 99.80 (20 ticks behind) → large; 11 s: gone, no trade → fast cancel (bid, 6)
        Apply(book, d, Diff(10 * S, [(99.80, 6)], []));
        Apply(book, d, Diff(11 * S, [(99.80, 0)], []));
        // 12 s: 7 at ask 100.20 (19 ticks; median of 21 sizes, twenty 1s and a 6, still 1) → large; a buy trades at 100.20
        // → the size was real; its removal later is not counted
        Apply(book, d, Diff(12 * S, [], [(100.20, 7)]));
        d.OnTrade(Trade(12 * S + S / 2, 100.20, 0.5, sellAggressor: false));
        Apply(book, d, Diff(13 * S, [], [(100.20, 0)]));
        // 14 s: 9 at 99.98, only 2 ticks behind → not watched
        Apply(book, d, Diff(14 * S, [(99.98, 9)], []));
        // 20 s: 5.5 at 99.85 (15 ticks) → large; still there at 26 s → expires (20 + 5 < 26), no fast cancel
        Apply(book, d, Diff(20 * S, [(99.85, 5.5)], []));
        // 21 s: 4 at 99.87 → below 5 × 1: not large
        Apply(book, d, Diff(21 * S, [(99.87, 4)], []));
        d.OnTrade(Trade(26 * S, 100.00, 0.1, true));

        var r = d.At(26 * S);
        // large: 6 + 7 + 5.5 = 18.5 in 3 orders; fast: 6 bid → share 6/18.5 = 0.324, a fake bid wall → −1
        Assert.Equal(3, r.LargeOrders);
        Assert.Equal(18.5, r.LargeVolume, 9);
        Assert.Equal(1, r.FastCancels);
        Assert.Equal((6.0, 0.0), (r.FastCancelBidVolume, r.FastCancelAskVolume));
        Assert.Equal(6 / 18.5, r.FastCancelShare, 12);
        Assert.Equal(-1, r.Direction(1, 0.2));
        Assert.Equal((1L, 1L), (d.Traded, d.Expired));
        Assert.Equal(0, d.Watching);

        var restored = StateCodec.Load<L2Spoofing>(StateCodec.Save(d));
        Assert.Equal(StateCodec.Save(d), StateCodec.Save(restored));
    }
}

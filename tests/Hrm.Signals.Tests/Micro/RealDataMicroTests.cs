using Hrm.Protocol.Layers;
using Hrm.Protocol.Market;
using Hrm.Signals.Book;
using Hrm.Signals.Layers;
using Hrm.Signals.Micro;

namespace Hrm.Signals.Tests.Micro;

/// <summary>
/// The check: book imbalance, OFI and aggressor ratio on a small slice of REAL data equal values computed by
/// hand. Slice: Binance USD-M BTCUSDT capture, 2024-08-08 23:54 (usdm_btcusdt_20240808.gz), lines 1–182.
/// The numbers in the comments were read off the file with zcat | sed -n 'Np'.
/// </summary>
public sealed class RealDataMicroTests
{
    private static readonly List<MarketEvent> Lines = RealData.ReadLines(RealData.UsdmBtc20240808, Venue.BinanceUsdm, 200);

    /// <summary>1-based line number of the capture.</summary>
    private static MarketEvent Line(int n) => Lines[n - 1];

    [Fact]
    public void Book_imbalance_after_sync_equals_the_hand_computation()
    {
        // Line 55 is the REST snapshot, lastUpdateId 5123107852948. Buffered diffs before it: line 42
        // (U 5123107850310 ≤ 5123107852948 ≤ u 5123107853551: the bridge) and line 50 (pu 5123107853551 chains);
        // line 57 (pu 5123107856210) follows the snapshot. Every earlier diff has u < lastUpdateId: stale.
        var sync = new BookSynchronizer(Venue.BinanceUsdm);
        for (var n = 1; n <= 57; n++) sync.Apply(Line(n));
        Assert.True(sync.IsValid);
        Assert.Equal(5123107858366, sync.LastUpdateId);
        var book = sync.Book;

        // Top 10 after snapshot + diffs 42, 50, 57 (the diffs touch 61800.20 bid, 61800.30 and 61804.60 asks near the top;
        // line 57 sets bid 61800.20 → 2.862, ask 61800.30 → 1.135, ask 61804.60 → 0.006):
        // bids 61800.20 2.862 | 61800.10 0.696 | 61800.00 20.004 | 61799.90 0.004 | 61799.70 1.795 |
        //      61798.90 0.002 | 61798.10 0.073 | 61798.00 0.054 | 61797.60 0.153 | 61796.80 0.004
        // asks 61800.30 1.135 | 61800.70 0.002 | 61801.00 0.003 | 61802.00 0.002 | 61802.80 0.586 |
        //      61802.90 1.137 | 61803.80 0.143 | 61804.00 0.002 | 61804.60 0.006 | 61805.60 0.005
        // (the touch agrees with bookTicker line 56, u 5123107858271: bid 61800.20 × 2.862, ask 61800.30 × 1.135)
        Assert.Equal(new PriceLevel(RealData.Fx("61800.20"), RealData.Fx("2.862")), book.BestBid);
        Assert.Equal(new PriceLevel(RealData.Fx("61800.30"), RealData.Fx("1.135")), book.BestAsk);

        // depth 1: (2.862 − 1.135)/(2.862 + 1.135) = 1.727/3.997 = 0.432074055541…
        Assert.Equal(1.727 / 3.997, BookImbalance.Compute(book, 1), 12);
        // depth 5: Σbid = 2.862 + 0.696 + 20.004 + 0.004 + 1.795 = 25.361; Σask = 1.135 + 0.002 + 0.003 + 0.002 + 0.586 = 1.728
        //          (25.361 − 1.728)/(25.361 + 1.728) = 23.633/27.089 = 0.872420539702…
        Assert.Equal(23.633 / 27.089, BookImbalance.Compute(book, 5), 12);
        // depth 10: Σbid = 25.361 + 0.002 + 0.073 + 0.054 + 0.153 + 0.004 = 25.647;
        //           Σask = 1.728 + 1.137 + 0.143 + 0.002 + 0.006 + 0.005 = 3.021
        //           (25.647 − 3.021)/(25.647 + 3.021) = 22.626/28.668 = 0.789242360820…
        Assert.Equal(22.626 / 28.668, BookImbalance.Compute(book, 10), 12);

        // The layer reports the depth-5 value as the book_imbalance magnitude, bullish (0.872 ≥ 0.2).
        var layer = new MicroLayer("BTCUSDT");
        for (var n = 1; n <= 57; n++) layer.Apply(Line(n));
        var evidence = Assert.IsType<MicroEvidence>(layer.Output(Line(57).TsEvent));
        var imbalance = Assert.Single(evidence.Signals, s => s.Name == MicroParameters.BookImbalanceName);
        Assert.Equal(1, imbalance.Direction);
        Assert.Equal(23.633 / 27.089, imbalance.Magnitude, 12);
    }

    [Fact]
    public void Ofi_over_real_book_ticker_updates_equals_the_hand_computation()
    {
        // bookTicker lines (bid price, bid qty, ask price, ask qty), all within E 1723161256682…685 ms:
        //  84: 61800.20 0.241 | 61800.30 1.846   (n = 0)
        // 100: 61800.20 0.238 | 61800.30 1.846   bid same: 0.238 − 0.241 = −0.003; ask same: −(1.846 − 1.846) = 0 → e = −0.003
        // 101: 61800.20 0.059 | 61800.30 1.846   bid same: 0.059 − 0.238 = −0.179                              → e = −0.179
        // 102: 61800.10 0.696 | 61800.30 1.846   bid down: −q^B_{n−1} = −0.059; ask same 0                     → e = −0.059
        // 103: 61800.10 0.696 | 61800.20 0.450   bid same 0; ask down: −q^A_n = −0.450                         → e = −0.450
        // 104: 61800.10 0.696 | 61800.20 0.537   ask same: −(0.537 − 0.450) = −0.087                           → e = −0.087
        // 105: 61800.10 0.696 | 61800.20 0.987   ask same: −(0.987 − 0.537) = −0.450                           → e = −0.450
        // 106: 61800.10 0.696 | 61800.20 1.310   ask same: −(1.310 − 0.987) = −0.323                           → e = −0.323
        // OFI = −0.003 − 0.179 − 0.059 − 0.450 − 0.087 − 0.450 − 0.323 = −1.551 BTC (sell pressure; the mid fell a tick)
        var ofi = new OrderFlowImbalance();
        foreach (var n in new[] { 84, 100, 101, 102, 103, 104, 105, 106 })
        {
            var t = Assert.IsType<BookTicker>(Line(n));
            ofi.Update(t.TsEvent, t.BidPrice, t.BidQty, t.AskPrice, t.AskQty);
        }

        var ts = Line(106).TsEvent;
        Assert.Equal(RealData.Fx("-1.551"), ofi.SumFixed(ts)); // exact in fixed point
        Assert.Equal(-1.551, ofi.Sum(ts), 12);
        Assert.Equal(7, ofi.Events(ts));
    }

    [Fact]
    public void Aggressor_ratio_over_real_trades_equals_the_hand_computation()
    {
        // trade lines (price, qty, m = buyer is maker → aggressor sold), E 1723161256732…902 ms, all inside one minute:
        // 141: 61800.20 0.315 m=false (buy) | 151: 61800.20 0.013 buy | 154: 61800.20 0.002 buy
        // 158: 61800.10 0.004 m=true (sell) | 175: 61800.10 0.009 sell | 179: 61800.10 0.254 sell
        // 180: 61800.10 0.003 sell | 181: 61800.00 1.075 sell | 182: 61800.00 0.002 sell
        // buys = 0.315 + 0.013 + 0.002 = 0.330; sells = 0.004 + 0.009 + 0.254 + 0.003 + 1.075 + 0.002 = 1.347
        // ratio = 0.330 / (0.330 + 1.347) = 0.330/1.677 = 0.196779964221…  (< 0.3: the seed's sell-continuation zone)
        var aggressor = new AggressorRatio();
        foreach (var n in new[] { 141, 151, 154, 158, 175, 179, 180, 181, 182 })
            aggressor.Update(Assert.IsType<TradeTick>(Line(n)));
        var w = aggressor.At(Line(182).TsEvent);
        Assert.Equal(0.330, w.BuyQty, 12);
        Assert.Equal(1.347, w.SellQty, 12);
        Assert.Equal(0.330 / 1.677, w.Ratio, 12);
        Assert.Equal(61800.20, w.FirstPrice, 9); // price at the oldest timestamp in the window (line 141)
        Assert.Equal(61800.00, w.LastPrice, 9);
        // a minute after the last of them, the window (t − 60 s, t] is empty again
        Assert.True(double.IsNaN(aggressor.Ratio(Line(182).TsEvent + 60_000_000_000)));
    }
}

using Hrm.Protocol.Market;
using Hrm.Signals.Layers;
using Hrm.Signals.Micro;
using static Hrm.Signals.Tests.Micro.MicroTestEvents;
using F = Hrm.Signals.Layers.FeatureSchema.Micro;

namespace Hrm.Signals.Tests.Layers;

/// <summary>
/// The micro slice of the feature vector on a hand-made spot book: a snapshot at 1 s, two diffs at 2 s and 3 s, two
/// <c>bookTicker</c> quotes and two trades.
/// </summary>
public sealed class MicroFeatureTests
{
    private const Venue Spot = Venue.BinanceSpot;

    private static double[] Features(MicroLayer layer, long ts)
    {
        var into = new double[F.Count];
        layer.WriteFeatures(ts, into);
        return into;
    }

    private static PriceLevel[] Levels(params (double P, double Q)[] levels) =>
        levels.Select(l => new PriceLevel(Fx(l.P), Fx(l.Q))).ToArray();

    private static DepthSnapshot Snapshot(long ts, long id, (double, double)[] bids, (double, double)[] asks) => new()
    {
        Symbol = "BTCUSDT",
        Venue = Spot,
        TsEvent = ts,
        TsInit = ts,
        LastUpdateId = id,
        Bids = Levels(bids),
        Asks = Levels(asks),
    };

    /// <summary>A spot diff continuing update id <paramref name="id"/> − 1.</summary>
    private static DepthDiff Update(long ts, long id, (double, double)[] bids, (double, double)[] asks) => Diff(ts, bids, asks, Spot) with
    {
        FirstUpdateId = id,
        FinalUpdateId = id,
        PrevFinalUpdateId = id - 1,
    };

    private static BookTicker Quote(long ts, long id, double bid, double bidQty, double ask, double askQty) => new()
    {
        Symbol = "BTCUSDT",
        Venue = Spot,
        TsEvent = ts,
        TsInit = ts,
        UpdateId = id,
        BidPrice = Fx(bid),
        BidQty = Fx(bidQty),
        AskPrice = Fx(ask),
        AskQty = Fx(askQty),
    };

    /// <summary>
    /// S0 (1 s): bids 100.0×3, 99.9×1, 99.8×2, 99.7×1, 99.6×1; asks 100.1×1, 100.2×2, 100.3×1, 100.4×1, 100.5×1.
    /// D1 (2 s): bid 100.0 → 4. D2 (3 s): a new best ask 100.05×2 (every ask level moves down one place).
    /// </summary>
    private static MicroLayer HandBook(bool withFlow)
    {
        var layer = new MicroLayer("BTCUSDT");
        layer.Apply(Snapshot(1 * S, 100, [(100.0, 3), (99.9, 1), (99.8, 2), (99.7, 1), (99.6, 1)],
            [(100.1, 1), (100.2, 2), (100.3, 1), (100.4, 1), (100.5, 1)]));
        if (withFlow) layer.Apply(Quote(2 * S, 1, 100.0, 4, 100.1, 1));
        layer.Apply(Update(2 * S, 101, [(100.0, 4)], []));
        if (withFlow)
        {
            layer.Apply(Trade(2 * S + S / 2, 100.1, 3, sellAggressor: false, Spot));
            layer.Apply(Trade(2 * S + S * 6 / 10, 100.0, 1, sellAggressor: true, Spot));
            layer.Apply(Quote(3 * S, 2, 100.0, 4, 100.05, 2));
        }

        layer.Apply(Update(3 * S, 102, [], [(100.05, 2)]));
        return layer;
    }

    [Fact]
    public void Imbalance_microprice_and_spread_match_the_hand_computation()
    {
        var f = Features(HandBook(withFlow: false), 3 * S);
        // after D2: bids 4, 1, 2, 1, 1; asks 100.05×2, 100.1×1, 100.2×2, 100.3×1, 100.4×1 and a sixth, 100.5×1
        Assert.Equal((4.0 - 2) / (4 + 2), f[F.Imbalance1], 12);
        Assert.Equal((9.0 - 7) / (9 + 7), f[F.Imbalance5], 12);
        Assert.Equal((9.0 - 8) / (9 + 8), f[F.Imbalance10], 12);
        // micro-price (100.05·4 + 100.0·2)/6 = 100.0333…, mid 100.025
        var micro = (100.05 * 4 + 100.0 * 2) / 6;
        Assert.Equal((micro - 100.025) / 100.025 * 1e4, f[F.MicropriceMidBps], 9); // +0.833 bps
        Assert.Equal(0.05 / 100.025 * 1e4, f[F.SpreadBps], 9);                     // 4.999 bps
        Assert.Equal(0, f[F.ImbalancePersistence]); // |I_5| = 0.125 < 0.2: no direction to persist
    }

    [Fact]
    public void Level_k_ofi_scaled_by_mean_level_depth_matches_the_hand_computation()
    {
        var layer = HandBook(withFlow: false);
        // e^m per update (CKS at each level; unchanged price: + new − old):
        //   D1: level 1 bid 3 → 4: e¹ = +1; others 0
        //   D2: every ask level m now quotes lower than before (100.05 < 100.1, 100.1 < 100.2, …): e^m = −q^{A,m}_new
        //       = −2, −1, −2, −1, −1
        // OFI at 3 s: +1 − 2 = −1, −1, −2, −1, −1.
        // Depth q^B + q^A per level after S0 / D1 / D2: L1 4, 5, 6; L2 3, 3, 2; L3 3, 3, 4; L4 2, 2, 2; L5 2, 2, 2;
        // mean per side D = Σ / (2 × 3): 2.5, 4/3, 5/3, 1, 1.
        var f = Features(layer, 3 * S);
        Assert.Equal(-1 / 2.5, f[F.OfiL1], 12);
        Assert.Equal(-1 / (4.0 / 3), f[F.OfiL2], 12);
        Assert.Equal(-2 / (5.0 / 3), f[F.OfiL3], 12);
        Assert.Equal(-1.0, f[F.OfiL4], 12);
        Assert.Equal(-1.0, f[F.OfiL5], 12);

        // At 11.5 s the window (1.5 s, 11.5 s] has dropped S0 (a sample, no flow): L1 depth (5 + 6)/4 = 2.75
        var later = Features(layer, 11 * S + S / 2);
        Assert.Equal(-1 / 2.75, later[F.OfiL1], 12);
        Assert.Equal(-1 / ((3.0 + 2) / 4), later[F.OfiL2], 12);
        // after 13 s no update is left in the window: no flow
        var quiet = Features(layer, 13 * S);
        Assert.Equal(0, quiet[F.OfiL1]);
        Assert.Equal(0, quiet[F.OfiL5]);
    }

    [Fact]
    public void A_resync_restarts_the_level_comparison_instead_of_reading_the_jump_as_flow()
    {
        var ofi = new MultiLevelOfi();
        var book = new Signals.Book.OrderBook();
        book.Load(Levels((100, 1)), Levels((101, 1)));
        ofi.OnSync(1 * S, book);
        book.Load(Levels((90, 5)), Levels((91, 5)));
        ofi.OnSync(2 * S, book); // a new snapshot: not compared with the old book
        Assert.Equal(0, ofi.Sum(1, 2 * S));
        book.SetBid(Fx(90), Fx(7));
        ofi.Reset(); // a gap: the next update is not compared either
        ofi.OnUpdate(3 * S, book);
        Assert.Equal(0, ofi.Sum(1, 3 * S));
        book.SetBid(Fx(90), Fx(8));
        ofi.OnUpdate(4 * S, book);
        Assert.Equal(1, ofi.Sum(1, 4 * S), 12);
    }

    [Fact]
    public void Flow_features_match_the_hand_computation()
    {
        var f = Features(HandBook(withFlow: true), 3 * S);
        // bookTicker OFI: second quote vs first: bid unchanged (+4 − 4), ask lower: −2 → OFI = −2 BTC;
        // D = (9 + 7)/10 = 1.6 per level: ticks = −2 / (2 × 1.6)
        Assert.Equal(-2 / 3.2, f[F.OfiTicks], 12);
        Assert.Equal(3.0 / 4, f[F.AggressorRatio], 12); // buy 3, sell 1
        Assert.Equal(0, f[F.Exhaustion]);              // no older half-minute to fade from
        Assert.Equal(1, f[F.QtrRelative], 12);          // 2 quotes / 2 trades, now and over the baseline
        Assert.Equal(0, f[F.Iceberg]);                  // no reloads
        Assert.Equal(0, f[F.Spoofing]);                 // tick known, nothing large pulled
        // not enough trades for size clustering, no VPIN calibration hour, one venue only for the lead–lag
        Assert.True(double.IsNaN(f[F.SizeClusterExcess]));
        Assert.True(double.IsNaN(f[F.Vpin]));
        Assert.True(double.IsNaN(f[F.ExchangeLagEdgeBps]));
    }

    [Fact]
    public void Features_are_unavailable_without_a_book_and_flow_features_without_their_input()
    {
        var layer = new MicroLayer("BTCUSDT");
        Assert.All(Features(layer, S), v => Assert.True(double.IsNaN(v)));

        layer.Apply(Snapshot(1 * S, 100, [(100.0, 3)], [(100.1, 1)]));
        var f = Features(layer, 1 * S);
        Assert.Equal(0.5, f[F.Imbalance1], 12);
        // a book alone: no bookTicker, no trades, no diff yet (the spoofing tick comes with the first diff)
        foreach (var i in new[] { F.OfiTicks, F.AggressorRatio, F.Exhaustion, F.Iceberg, F.Spoofing, F.QtrRelative, F.Vpin, F.SizeClusterExcess, F.ExchangeLagEdgeBps })
        {
            Assert.True(double.IsNaN(f[i]), FeatureSchema.Names[i]);
        }

        // a stale book (another venue is 5 s ahead) is not the primary venue: everything unavailable again
        layer.Apply(Trade(7 * S, 100, 1, sellAggressor: false, Venue.BinanceCoinm));
        Assert.All(Features(layer, 7 * S), v => Assert.True(double.IsNaN(v)));
    }
}

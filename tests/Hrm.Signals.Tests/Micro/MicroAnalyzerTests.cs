using System.Globalization;
using Hrm.Protocol.Market;
using Hrm.Signals.Micro;

namespace Hrm.Signals.Tests.Micro;

public sealed class MicroAnalyzerTests
{
    private const long S = 1_000_000_000;

    [Fact]
    public void Ofi_event_covers_every_branch_of_the_cks_formula()
    {
        // Synthetic, integer prices/sizes. Baseline (P^B, q^B, P^A, q^A) = (100, 10, 101, 20).
        long E(long pb, long qb, long pa, long qa) => OrderFlowImbalance.Event(100, 10, 101, 20, pb, qb, pa, qa);
        Assert.Equal(5 - 0, E(100, 15, 101, 20));   // bid same: 15 − 10 = 5; ask same: −(20 − 20) = 0
        Assert.Equal(7, E(101, 7, 101, 20));         // bid up: +q^B_n = 7
        Assert.Equal(-10, E(99, 50, 101, 20));       // bid down: −q^B_{n−1} = −10
        Assert.Equal(20, E(100, 10, 102, 3));        // ask up: +q^A_{n−1} = 20 (bid same: 0)
        Assert.Equal(-4, E(100, 10, 100, 4));        // ask down: −q^A_n = −4
        Assert.Equal(-6, E(100, 10, 101, 26));       // ask same: −(26 − 20) = −6
    }

    [Fact]
    public void Ofi_reproduces_the_reference_unit_sequence()
    {
        // shared/data/reference/06_ofi_cks2014/derived_ofi_unit_events.csv (hand-constructed from the paper's formula,
        // not published data): interval 1 (events 1–4) OFI = +250; interval 2 (events 5–9) OFI = −125.
        var path = Path.Combine(RealData.DataRoot(), "reference", "06_ofi_cks2014", "derived_ofi_unit_events.csv");
        var rows = File.ReadAllLines(path).Skip(1).Select(l => l.Split(',')).ToArray();
        var ofi = new OrderFlowImbalance(4 * S + 1); // window (t − 4 s − 1 ns, t]: events are one second apart
        var cumulative = new OrderFlowImbalance(100 * S); // holds every e_n, to check them one by one
        long sum1 = 0, sum2 = 0;
        for (var i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            long pb = RealData.Fx(r[1]), qb = long.Parse(r[2], CultureInfo.InvariantCulture);
            long pa = RealData.Fx(r[3]), qa = long.Parse(r[4], CultureInfo.InvariantCulture);
            var before = cumulative.SumFixed(i * S);
            ofi.Update(i * S, pb, qb, pa, qa);
            cumulative.Update(i * S, pb, qb, pa, qa);
            if (i > 0) Assert.Equal(long.Parse(r[6], CultureInfo.InvariantCulture), cumulative.SumFixed(i * S) - before); // e_n column
            if (i == 4) sum1 = ofi.SumFixed(4 * S);
            if (i == 9) sum2 = ofi.SumFixed(9 * S);
        }

        Assert.Equal(250, sum1);  // events 1..4 at t = 1..4 s: 50 − 60 + 200 + 60
        Assert.Equal(-125, sum2); // events 5..9 at t = 5..9 s: 40 − 40 − 25 − 100 + 0
    }

    [Fact]
    public void Quote_to_trade_ratio_counts_quotes_per_trade_against_its_baseline()
    {
        var q = new QuoteToTradeRatio(10 * S, 100 * S);
        // baseline: 0..89 s, one quote and one trade each second → 90 quotes, 90 trades
        for (var t = 0; t < 90; t++)
        {
            q.OnQuote(t * S);
            q.OnTrade(t * S + 1);
        }

        // then 90..99 s: 5 quotes a second, one trade a second (at +1 ns)
        for (var t = 90; t < 100; t++)
        {
            for (var k = 0; k < 5; k++) q.OnQuote(t * S + 2 + k);
            q.OnTrade(t * S + 10);
        }

        var now = 99 * S + 10;
        // short window (89.0…, 99.0…]: quotes at 90..99 = 10·5 = 50, trades at 90..99 = 10, plus the quote at 89 s is out
        // (89 s ≤ cutoff 89.00000001 s) and the trade at 89 s + 1 ns is out too → QTR = 50/10 = 5
        Assert.Equal((50L, 10L), q.CountsAt(now));
        Assert.Equal(5.0, q.Ratio(now));
        // baseline (1 s buckets, window 100 s covering buckets 0..99): quotes 90 + 50 = 140, trades 90 + 10 = 100 → 1.4
        Assert.Equal(1.4, q.BaselineRatio(now), 12);
        Assert.Equal(5.0 / 1.4, q.Relative(now), 12);
    }

    [Fact]
    public void Aggressor_window_evicts_on_event_time_and_splits_halves()
    {
        var a = new AggressorRatio();
        a.Update(0, Fixed.FromDouble(100), Fixed.FromDouble(3), buyerIsMaker: false); // buy 3 at 0 s
        a.Update(40 * S, Fixed.FromDouble(101), Fixed.FromDouble(1), buyerIsMaker: true); // sell 1 at 40 s
        // at 50 s: full minute holds buy 3, sell 1 → 0.75; recent half (20 s, 50 s] holds the sell only → 0
        Assert.Equal(0.75, a.Ratio(50 * S), 12);
        Assert.Equal(0.0, a.RecentAt(50 * S).Ratio, 12);
        // at 60 s the buy at 0 s is out ((0, 60] excludes 0): ratio 0
        Assert.Equal(0.0, a.Ratio(60 * S), 12);
    }
}

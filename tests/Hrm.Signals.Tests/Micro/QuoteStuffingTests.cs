using Hrm.Signals.Micro;
using static Hrm.Signals.Tests.Micro.MicroTestEvents;

namespace Hrm.Signals.Tests.Micro;

public sealed class QuoteStuffingTests
{
    private static QuoteToTradeRatio Baseline()
    {
        var q = new QuoteToTradeRatio();
        for (var t = 0; t < 60; t++)
        {
            for (var i = 0; i < 3; i++) q.OnQuote(t * S);
            q.OnTrade(t * S);
        }

        return q;
    }

    [Fact]
    public void A_quote_burst_over_a_real_baseline_is_a_spike()
    {
        var q = Baseline(); // 0..59 s: 3 quotes and 1 trade a second (QTR 3)
        for (var t = 61; t <= 70; t++)
        {
            for (var i = 0; i < 10; i++) q.OnQuote(t * S);
            q.OnTrade(t * S);
        }

        // short (60, 70]: 100 quotes / 10 trades = 10; baseline (−230, 70]: (180 + 100)/(60 + 10) = 4;
        // relative = 10/4 = 2.5 ≥ 2, 100 quotes ≥ 50, 70 one-second buckets ≥ 30 → spike; magnitude (2.5 − 1)/4 = 0.375
        var r = QuoteStuffing.Evaluate(q, 70 * S);
        Assert.Equal(2.5, r.Relative, 12);
        Assert.Equal((100L, 10L), (r.Quotes, r.Trades));
        Assert.True(r.Spike);
        Assert.Equal(0.375, r.Magnitude, 12);
    }

    [Fact]
    public void Few_quotes_or_no_baseline_is_no_spike()
    {
        var q = Baseline();
        for (var t = 61; t <= 70; t++)
            for (var i = 0; i < 4; i++) q.OnQuote(t * S);

        // short: 40 quotes / max(0, 1) = 40; baseline (180 + 40)/60 = 3.667; relative 10.9 → magnitude 1, but 40 < 50 quotes
        var r = QuoteStuffing.Evaluate(q, 70 * S);
        Assert.Equal(40 / (220 / 60.0), r.Relative, 9);
        Assert.Equal(1.0, r.Magnitude, 12);
        Assert.False(r.Spike);

        // A burst on a thin history: 0..14 s one quote and one trade a second, then 21..25 s 20 quotes a second and one
        // trade at 21 s. Short (15, 25]: 100/1 = 100; baseline (115)/(16) = 7.1875; relative 13.9 and 100 quotes, but
        // only 15 + 5 = 20 one-second buckets < 30: no baseline to spike against.
        var fresh = new QuoteToTradeRatio();
        for (var t = 0; t < 15; t++)
        {
            fresh.OnQuote(t * S);
            fresh.OnTrade(t * S);
        }

        for (var t = 21; t <= 25; t++)
        {
            for (var i = 0; i < 20; i++) fresh.OnQuote(t * S);
            if (t == 21) fresh.OnTrade(t * S);
        }

        var thin = QuoteStuffing.Evaluate(fresh, 25 * S);
        Assert.Equal(100 / (115 / 16.0), thin.Relative, 9);
        Assert.Equal(20, fresh.BaselineSeconds(25 * S));
        Assert.False(thin.Spike);
    }
}

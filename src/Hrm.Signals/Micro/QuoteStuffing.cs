namespace Hrm.Signals.Micro;

/// <summary>The quote-stuffing verdict at one time (see <see cref="QuoteStuffing.Evaluate"/>).</summary>
public readonly record struct QuoteStuffingReading(double Relative, long Quotes, long Trades, bool Spike, double Magnitude);

/// <summary>
/// The explicit spike rule on top of <see cref="QuoteToTradeRatio"/>. With Q quotes and N trades in the short window
/// (10 s), QTR = Q / max(N, 1), baseline QTR over 5 minutes, relative R = QTR / baseline:
/// <list type="bullet">
/// <item>spike ⇔ R ≥ <see cref="MicroParameters.StuffingRelative"/> (2) and Q ≥ <see cref="MicroParameters.StuffingMinQuotes"/>
/// (a burst, not three quotes on a quiet book) and the baseline covers ≥ <see cref="MicroParameters.StuffingMinBaselineSeconds"/>
/// one-second buckets with activity (a baseline exists);</item>
/// <item>magnitude = clamp((R − 1)/4, 0, 1) (R = 5 → 1); confidence = magnitude on a spike, else 0; direction 0.</item>
/// </list>
/// </summary>
public static class QuoteStuffing
{
    public static QuoteStuffingReading Evaluate(QuoteToTradeRatio qtr, long ts)
    {
        var relative = qtr.Relative(ts);
        var (quotes, trades) = qtr.CountsAt(ts);
        if (double.IsNaN(relative)) return new QuoteStuffingReading(double.NaN, quotes, trades, false, 0);
        var magnitude = Math.Clamp((relative - 1) / 4, 0, 1);
        var spike = relative >= MicroParameters.StuffingRelative && quotes >= MicroParameters.StuffingMinQuotes
            && qtr.BaselineSeconds(ts) >= MicroParameters.StuffingMinBaselineSeconds;
        return new QuoteStuffingReading(relative, quotes, trades, spike, magnitude);
    }
}

using Hrm.Protocol.Market;
using Hrm.Signals.Indicators;
using MessagePack;

namespace Hrm.Signals.Micro;

/// <summary>
/// Quote-to-trade ratio (the seed's quote-stuffing detector): level-1 quote updates (<c>bookTicker</c> events) per trade
/// over a short event-time window, compared with the same ratio over a long baseline window. QTR = quotes /
/// max(trades, 1). The baseline counts in 1-second buckets. <see cref="Relative"/> = short QTR / long QTR; a spike (≫ 1) means quoting far above its usual rate
/// for the trading going on.
/// </summary>
[MessagePackObject]
public sealed class QuoteToTradeRatio
{
    public static readonly long DefaultShortNanos = 10 * Protocol.EventTime.NanosPerSecond;
    public static readonly long DefaultLongNanos = 300 * Protocol.EventTime.NanosPerSecond;

    [Key(0)] private EventTimeWindow _short;
    [Key(1)] private EventTimeWindow _long;

    [SerializationConstructor]
    public QuoteToTradeRatio() : this(DefaultShortNanos, DefaultLongNanos)
    {
    }

    public QuoteToTradeRatio(long shortNanos, long longNanos)
    {
        _short = new EventTimeWindow(shortNanos);
        _long = new EventTimeWindow(longNanos);
    }

    public void OnQuote(long ts)
    {
        _short.Add(ts, 1, 0);
        _long.Add(Bucket(ts), 1, 0);
    }

    public void OnTrade(long ts)
    {
        _short.Add(ts, 0, 1);
        _long.Add(Bucket(ts), 0, 1);
    }

    /// <summary>(quotes, trades) in the short window at ts.</summary>
    public (long Quotes, long Trades) CountsAt(long ts)
    {
        var s = _short.SumsAt(ts);
        return (s.A, s.B);
    }

    /// <summary>Short-window QTR = quotes / max(trades, 1); NaN when the window is empty.</summary>
    public double Ratio(long ts) => RatioOf(_short.SumsAt(ts));

    public double BaselineRatio(long ts) => RatioOf(_long.SumsAt(ts));

    /// <summary>One-second buckets with any quote or trade in the baseline window at ts (how much baseline there is).</summary>
    public long BaselineSeconds(long ts) => _long.SumsAt(ts).Entries;

    /// <summary>Short QTR / long QTR; NaN without data.</summary>
    public double Relative(long ts)
    {
        var baseline = BaselineRatio(ts);
        var now = Ratio(ts);
        return baseline > 0 ? now / baseline : double.NaN;
    }

    /// <summary>The baseline counts in 1-second buckets (keeps its state small).</summary>
    private static long Bucket(long ts) => ts - ((ts % Protocol.EventTime.NanosPerSecond) + Protocol.EventTime.NanosPerSecond) % Protocol.EventTime.NanosPerSecond;

    private static double RatioOf(WindowSums s) => s.A + s.B == 0 ? double.NaN : (double)s.A / Math.Max(s.B, 1);
}

using Hrm.Protocol.Market;
using Hrm.Signals.Indicators;
using MessagePack;

namespace Hrm.Signals.Micro;

/// <summary>Aggressor flow over a window: buy and sell aggressive volume, trade entries, first and last price.</summary>
public readonly record struct AggressorWindow(double BuyQty, double SellQty, long Entries, double FirstPrice, double LastPrice)
{
    /// <summary>Aggressive buy volume / total aggressive volume; NaN without trades.</summary>
    public double Ratio => BuyQty + SellQty > 0 ? BuyQty / (BuyQty + SellQty) : double.NaN;
}

/// <summary>
/// The seed's aggressor ratio: market buys / (market buys + market sells), by volume, over a rolling 1-minute
/// event-time window (t − 60 s, t]. <c>BuyerIsMaker</c> true means the aggressor sold. A second, 30-second window
/// splits the minute in halves for the exhaustion test (aggression fading against the move).
/// </summary>
[MessagePackObject]
public sealed class AggressorRatio
{
    public static readonly long DefaultWindowNanos = 60 * Protocol.EventTime.NanosPerSecond;

    [Key(0)] private EventTimeWindow _window;
    [Key(1)] private EventTimeWindow _recent;

    [SerializationConstructor]
    public AggressorRatio() : this(DefaultWindowNanos)
    {
    }

    public AggressorRatio(long windowNanos)
    {
        _window = new EventTimeWindow(windowNanos);
        _recent = new EventTimeWindow(windowNanos / 2);
    }

    [IgnoreMember] public long WindowNanos => _window.LengthNanos;

    public void Update(TradeTick trade) => Update(trade.TsEvent, trade.Price, trade.Qty, trade.BuyerIsMaker);

    public void Update(long ts, long price, long qty, bool buyerIsMaker)
    {
        long buy = buyerIsMaker ? 0 : qty, sell = buyerIsMaker ? qty : 0;
        _window.Add(ts, buy, sell, price);
        _recent.Add(ts, buy, sell, price);
    }

    /// <summary>The full window (t − 60 s, t].</summary>
    public AggressorWindow At(long ts) => ToWindow(_window.SumsAt(ts));

    /// <summary>The recent half (t − 30 s, t].</summary>
    public AggressorWindow RecentAt(long ts) => ToWindow(_recent.SumsAt(ts));

    public double Ratio(long ts) => At(ts).Ratio;

    private static AggressorWindow ToWindow(WindowSums s) =>
        new(Fixed.ToDouble(s.A), Fixed.ToDouble(s.B), s.Entries, Fixed.ToDouble(s.OldestTag), Fixed.ToDouble(s.NewestTag));
}

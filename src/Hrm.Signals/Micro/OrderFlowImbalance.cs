using Hrm.Protocol.Market;
using Hrm.Signals.Indicators;
using MessagePack;

namespace Hrm.Signals.Micro;

/// <summary>
/// Order-flow imbalance of Cont, Kukanov &amp; Stoikov (2014, §2.1), exactly as printed: for consecutive level-1
/// observations (P^B, q^B, P^A, q^A)
/// <c>e_n = 1{P^B_n ≥ P^B_{n−1}} q^B_n − 1{P^B_n ≤ P^B_{n−1}} q^B_{n−1} − 1{P^A_n ≤ P^A_{n−1}} q^A_n + 1{P^A_n ≥ P^A_{n−1}} q^A_{n−1}</c>
/// (non-strict inequalities: an unchanged price fires both terms), summed over the events with τ in (t − window, t].
/// Fed with every best bid/offer change (Binance <c>bookTicker</c>), one update at a time, so nothing is netted out.
/// Prices compare as fixed-point integers; quantities sum exactly in fixed point.
/// </summary>
[MessagePackObject]
public sealed class OrderFlowImbalance
{
    public static readonly long DefaultWindowNanos = 10 * Protocol.EventTime.NanosPerSecond; // the paper's Δt = 10 s

    [Key(0)] private EventTimeWindow _window;
    [Key(1)] private bool _hasLast;
    [Key(2)] private long _bidPrice;
    [Key(3)] private long _bidQty;
    [Key(4)] private long _askPrice;
    [Key(5)] private long _askQty;

    [SerializationConstructor]
    public OrderFlowImbalance() : this(DefaultWindowNanos)
    {
    }

    public OrderFlowImbalance(long windowNanos) => _window = new EventTimeWindow(windowNanos);

    [IgnoreMember] public long WindowNanos => _window.LengthNanos;
    [IgnoreMember] public bool HasQuote => _hasLast;

    /// <summary>e_n in fixed-point quantity units (8 decimals).</summary>
    public static long Event(long bidPrice0, long bidQty0, long askPrice0, long askQty0,
        long bidPrice1, long bidQty1, long askPrice1, long askQty1) =>
        (bidPrice1 >= bidPrice0 ? bidQty1 : 0)
        - (bidPrice1 <= bidPrice0 ? bidQty0 : 0)
        - (askPrice1 <= askPrice0 ? askQty1 : 0)
        + (askPrice1 >= askPrice0 ? askQty0 : 0);

    /// <summary>Takes the next level-1 observation; the first one only sets n = 0.</summary>
    public void Update(long ts, long bidPrice, long bidQty, long askPrice, long askQty)
    {
        if (_hasLast)
        {
            var e = Event(_bidPrice, _bidQty, _askPrice, _askQty, bidPrice, bidQty, askPrice, askQty);
            _window.Add(ts, e, 1);
        }

        _hasLast = true;
        _bidPrice = bidPrice;
        _bidQty = bidQty;
        _askPrice = askPrice;
        _askQty = askQty;
    }

    /// <summary>OFI over (ts − window, ts], in fixed-point quantity units.</summary>
    public long SumFixed(long ts) => _window.SumsAt(ts).A;

    /// <summary>OFI over (ts − window, ts], in base-asset units (e.g. BTC).</summary>
    public double Sum(long ts) => Fixed.ToDouble(SumFixed(ts));

    /// <summary>Number of level-1 events (n ≥ 1) in (ts − window, ts].</summary>
    public long Events(long ts) => _window.SumsAt(ts).B;
}

using Hrm.Protocol.Market;
using Hrm.Signals.Book;
using Hrm.Signals.Indicators;
using MessagePack;

namespace Hrm.Signals.Micro;

/// <summary>
/// Order-flow imbalance at each of the best <see cref="Levels"/> levels (the multi-level OFI of Xu, Gould &amp; Howison
/// 2018, "Multi-level order-flow imbalance in a limit order book"), from the synced L2 book. The book keeps only its
/// current state, and <c>bookTicker</c> carries level 1 only, so after every book update this component compares the
/// new best <see cref="Levels"/> levels of each side with the ones it kept from the previous update and applies the
/// Cont–Kukanov–Stoikov event at each level m separately:
/// <c>e^m_n = 1{P^{B,m}_n ≥ P^{B,m}_{n−1}} q^{B,m}_n − 1{P^{B,m}_n ≤ P^{B,m}_{n−1}} q^{B,m}_{n−1} − 1{P^{A,m}_n ≤ P^{A,m}_{n−1}} q^{A,m}_n + 1{P^{A,m}_n ≥ P^{A,m}_{n−1}} q^{A,m}_{n−1}</c>
/// (<see cref="OrderFlowImbalance.Event"/>; a missing level counts as price −∞ on the bid, +∞ on the ask, size 0).
/// OFI^m = Σ e^m_n over the updates with τ in (t − 10 s, t]. Scaled: OFI^m / D^m with D^m the mean of
/// (q^{B,m} + q^{A,m})/2 over the book states after those updates (the current book's when no update falls in the
/// window: it has not changed since). A (re)sync from a snapshot restarts the comparison: the jump from the old book
/// to the snapshot is not order flow. Binance diffs arrive every 100 ms, netted, so level 1 here is coarser than the
/// <c>bookTicker</c> OFI of <see cref="OrderFlowImbalance"/>. Quantities are exact fixed-point sums.
/// </summary>
[MessagePackObject]
public sealed class MultiLevelOfi
{
    public const int Levels = 5;

    /// <summary>Per level m: A = Σ e^m (fixed point), B = Σ (q^{B,m} + q^{A,m}) of the states sampled.</summary>
    [Key(0)] private EventTimeWindow[] _levels = NewWindows();

    /// <summary>A = the number of book states sampled.</summary>
    [Key(1)] private EventTimeWindow _updates = new(OrderFlowImbalance.DefaultWindowNanos);

    /// <summary>The previous update's top levels: per level bid price, bid qty, ask price, ask qty.</summary>
    [Key(2)] private long[] _previous = new long[4 * Levels];

    [Key(3)] private bool _hasPrevious;

    [IgnoreMember] public long WindowNanos => _updates.LengthNanos;

    /// <summary>After a diff was applied to a valid book: one OFI event per level, one depth sample.</summary>
    public void OnUpdate(long ts, OrderBook book) => Observe(ts, book, flow: _hasPrevious);

    /// <summary>After a snapshot (re)synced the book: a depth sample and a new reference, no flow.</summary>
    public void OnSync(long ts, OrderBook book) => Observe(ts, book, flow: false);

    /// <summary>The book was lost (sequence gap): the next state is not compared with the last one.</summary>
    public void Reset() => _hasPrevious = false;

    private void Observe(long ts, OrderBook book, bool flow)
    {
        Span<long> now = stackalloc long[4 * Levels];
        Read(book, now);
        for (var m = 0; m < Levels; m++)
        {
            var p = 4 * m;
            var e = flow
                ? OrderFlowImbalance.Event(_previous[p], _previous[p + 1], _previous[p + 2], _previous[p + 3],
                    now[p], now[p + 1], now[p + 2], now[p + 3])
                : 0;
            _levels[m].Add(ts, e, now[p + 1] + now[p + 3]);
        }

        _updates.Add(ts, 1, 0);
        now.CopyTo(_previous);
        _hasPrevious = true;
    }

    /// <summary>OFI^m over (ts − 10 s, ts] in base units; level 1 … 5.</summary>
    public double Sum(int level, long ts) => Fixed.ToDouble(_levels[level - 1].SumsAt(ts).A);

    /// <summary>
    /// OFI^m / D^m (dimensionless: the level's flow in units of its mean resting size per side); 0 with no update in
    /// the window, NaN when the level is empty on both sides. Pure read.
    /// </summary>
    public double Scaled(int level, long ts, OrderBook book)
    {
        var sums = _levels[level - 1].SumsAt(ts);
        var samples = _updates.SumsAt(ts).A;
        double depth;
        if (samples > 0)
        {
            depth = Fixed.ToDouble(sums.B) / (2.0 * samples);
        }
        else
        {
            Span<long> now = stackalloc long[4 * Levels];
            Read(book, now);
            depth = Fixed.ToDouble(now[4 * (level - 1) + 1] + now[4 * (level - 1) + 3]) / 2.0;
        }

        return depth > 0 ? Fixed.ToDouble(sums.A) / depth : double.NaN;
    }

    private static void Read(OrderBook book, Span<long> into)
    {
        for (var m = 0; m < Levels; m++)
        {
            var p = 4 * m;
            if (m < book.BidLevels)
            {
                var bid = book.Bid(m);
                into[p] = bid.Price;
                into[p + 1] = bid.Qty;
            }
            else
            {
                into[p] = long.MinValue;
                into[p + 1] = 0;
            }

            if (m < book.AskLevels)
            {
                var ask = book.Ask(m);
                into[p + 2] = ask.Price;
                into[p + 3] = ask.Qty;
            }
            else
            {
                into[p + 2] = long.MaxValue;
                into[p + 3] = 0;
            }
        }
    }

    private static EventTimeWindow[] NewWindows()
    {
        var windows = new EventTimeWindow[Levels];
        for (var m = 0; m < Levels; m++) windows[m] = new EventTimeWindow(OrderFlowImbalance.DefaultWindowNanos);
        return windows;
    }
}

using Hrm.Protocol.Market;
using Hrm.Signals.Book;
using MessagePack;

namespace Hrm.Signals.Micro;

/// <summary>
/// Spoofing from L2 diffs (no order ids): size <b>added</b> at a level at least m ticks behind its side's touch (and
/// at most <c>maxTicks</c>), by at least k × the median displayed size of the levels in that band, then
/// <b>removed</b> within T — the level falls back to (or below) its size before the addition — with <b>no trade</b>
/// at that price in between. A trade at the price, or T passing, ends the watch without a fast cancel. Counts and
/// volumes go to a rolling <see cref="SpoofingWindow"/>.
/// <para>
/// Call <see cref="BeforeDiff"/> with the book as it is before the diff, then <see cref="AfterDiff"/> once the diff was
/// applied to a valid book. Cost per diff level: an arithmetic band test; the median takes every
/// <c>sampleEvery</c>-th in-band level size (default 8: a memmove of the sorted sample is the expensive part); the
/// previous size is looked up (O(log depth)) only for levels whose new size could be a large addition (new size ≥
/// k × median, since the addition cannot exceed the new size) or that are being watched. Expiries leave a queue in
/// time order (O(1) amortised).
/// </para>
/// </summary>
[MessagePackObject]
public sealed class L2Spoofing
{
    [MessagePackObject]
    public struct Watch
    {
        [Key(0)] public long Ts;
        [Key(1)] public long Added;
        [Key(2)] public long Before;
        [Key(3)] public long Key;
    }

    [MessagePackObject]
    public struct Expiry
    {
        [Key(0)] public long Ts;
        [Key(1)] public long Key;
        [Key(2)] public long WatchTs;
    }

    [IgnoreMember] private Dictionary<long, Watch> _watches = new(); // key = price for bids, −price for asks

    /// <summary>Snapshot form of the watches, sorted by key: the same state always gives the same bytes.</summary>
    [Key(0)]
    private Watch[] WatchState
    {
        get
        {
            var all = new Watch[_watches.Count];
            var i = 0;
            foreach (var (key, w) in _watches) all[i++] = w with { Key = key };
            Array.Sort(all, static (x, y) => x.Key.CompareTo(y.Key));
            return all;
        }
        set
        {
            _watches = new Dictionary<long, Watch>(value.Length);
            foreach (var w in value) _watches[w.Key] = w;
        }
    }
    [Key(1)] private Queue<Expiry> _expiries = new();
    [Key(2)] private RollingMedian _median;
    [Key(3)] private SpoofingWindow _window;
    [Key(4)] private double _largeMultiple;
    [Key(5)] private int _minTicks;
    [Key(6)] private int _maxTicks;
    [Key(7)] private long _maxLifetime;
    [Key(8)] private long _tick;
    [Key(9)] private long _diffs;
    [Key(10)] public long Traded;
    [Key(11)] public long Expired;
    [Key(12)] private int _sampleEvery;
    [Key(13)] private long _inBand;

    // Scratch for one diff (not state: filled by BeforeDiff, read by AfterDiff of the same diff).
    [IgnoreMember] private long[] _prevBid = new long[64];
    [IgnoreMember] private long[] _prevAsk = new long[64];
    [IgnoreMember] private long _bestBid;
    [IgnoreMember] private long _bestAsk;
    [IgnoreMember] private bool _captured;

    [SerializationConstructor]
    public L2Spoofing() : this(MicroParameters.L2SpoofLargeMultiple, MicroParameters.L2SpoofMinTicks, MicroParameters.L2SpoofMaxTicks,
        MicroParameters.SpoofMaxLifetimeNanos, MicroParameters.SpoofMedianOrders, SpoofingWindow.DefaultWindowNanos,
        MicroParameters.L2SpoofSampleEvery)
    {
    }

    public L2Spoofing(double largeMultiple, int minTicks, int maxTicks, long maxLifetimeNanos, int medianSamples, long windowNanos,
        int sampleEvery = 1)
    {
        _sampleEvery = Math.Max(1, sampleEvery);
        _largeMultiple = largeMultiple;
        _minTicks = minTicks;
        _maxTicks = maxTicks;
        _maxLifetime = maxLifetimeNanos;
        _median = new RollingMedian(medianSamples);
        _window = new SpoofingWindow(windowNanos);
    }

    [IgnoreMember] public SpoofingWindow Window => _window;
    [IgnoreMember] public int Watching => _watches.Count;

    /// <summary>The tick size in use (fixed point): the smallest price step seen among the top levels; 0 until known.</summary>
    [IgnoreMember] public long Tick => _tick;

    public SpoofingReading At(long ts) => _window.At(ts);

    /// <summary>Captures, from the book before the diff, the touch and the sizes of the levels the diff touches.</summary>
    public void BeforeDiff(OrderBook book, DepthDiff diff)
    {
        _captured = false;
        if (book.BidLevels == 0 || book.AskLevels == 0) return;
        if (_tick == 0 || (_diffs & 1023) == 0)
        {
            var estimate = BookImbalance.TickEstimate(book, 10);
            if (estimate > 0 && (_tick == 0 || estimate < _tick)) _tick = estimate;
        }

        _diffs++;
        if (_tick == 0) return;
        _bestBid = book.BestBid.Price;
        _bestAsk = book.BestAsk.Price;
        var median = _median.Count >= MicroParameters.SpoofMinMedianSamples ? _median.Median : 0;
        var large = median > 0 ? (long)Math.Ceiling(_largeMultiple * median) : long.MaxValue;
        Capture(book, diff.Bids, true, ref _prevBid, large);
        Capture(book, diff.Asks, false, ref _prevAsk, large);
        _captured = true;
    }

    /// <summary>prev[i] = the level's size before the diff where it matters, −1 where it cannot.</summary>
    private void Capture(OrderBook book, PriceLevel[] levels, bool isBid, ref long[] prev, long large)
    {
        if (prev.Length < levels.Length) prev = new long[Math.Max(levels.Length, prev.Length * 2)];
        var watching = _watches.Count > 0;
        for (var i = 0; i < levels.Length; i++)
        {
            prev[i] = -1;
            var level = levels[i];
            if (!InBand(isBid, level.Price)) continue;
            if (level.Qty > 0 && _inBand++ % _sampleEvery == 0) _median.Add(level.Qty);
            if (level.Qty >= large || (watching && _watches.ContainsKey(isBid ? level.Price : -level.Price)))
                prev[i] = BookLookup.QtyAt(book, isBid, level.Price);
        }

        _largeNow = large;
    }

    [IgnoreMember] private long _largeNow;

    private bool InBand(bool isBid, long price)
    {
        var distance = isBid ? _bestBid - price : price - _bestAsk;
        return distance >= _minTicks * _tick && distance <= _maxTicks * _tick;
    }

    /// <summary>Reads the diff's level changes (after the diff was applied to a valid book).</summary>
    public void AfterDiff(DepthDiff diff)
    {
        Expire(diff.TsEvent);
        if (!_captured) return;
        _captured = false;
        Changes(diff.TsEvent, diff.Bids, true, _prevBid);
        Changes(diff.TsEvent, diff.Asks, false, _prevAsk);
    }

    private void Changes(long ts, PriceLevel[] levels, bool isBid, long[] prev)
    {
        for (var i = 0; i < levels.Length; i++)
        {
            var before = prev[i];
            if (before < 0) continue;
            var level = levels[i];
            var key = isBid ? level.Price : -level.Price;
            var delta = level.Qty - before;
            if (delta > 0)
            {
                if (delta < _largeNow || _watches.ContainsKey(key)) continue;
                _watches[key] = new Watch { Ts = ts, Added = delta, Before = before };
                _expiries.Enqueue(new Expiry { Ts = ts + _maxLifetime, Key = key, WatchTs = ts });
                _window.OnLarge(ts, delta);
            }
            else if (delta < 0 && _watches.TryGetValue(key, out var watch) && level.Qty <= watch.Before)
            {
                _watches.Remove(key);
                _window.OnFastCancel(ts, watch.Added, isBid);
            }
        }
    }

    /// <summary>A trade at a watched price means the size was (at least partly) real: the watch ends, no fast cancel.</summary>
    public void OnTrade(TradeTick trade)
    {
        Expire(trade.TsEvent);
        // The aggressor sold (buyer is maker) → it hit a bid at this price; else it lifted an ask.
        var key = trade.BuyerIsMaker ? trade.Price : -trade.Price;
        if (_watches.Remove(key)) Traded++;
    }

    private void Expire(long ts)
    {
        while (_expiries.Count > 0 && _expiries.Peek().Ts < ts)
        {
            var e = _expiries.Dequeue();
            if (_watches.TryGetValue(e.Key, out var w) && w.Ts == e.WatchTs)
            {
                _watches.Remove(e.Key);
                Expired++;
            }
        }
    }
}

using Hrm.Protocol.Market;
using Hrm.Signals.Book;
using MessagePack;

namespace Hrm.Signals.Micro;

/// <summary>
/// Spoofing by order lifetime on per-order (L3) data, e.g. Bitstamp. An order is <b>large</b> when its created size is
/// ≥ k × the median created size of the last N orders (median before this one), and <b>away</b> when it rests at least
/// <c>awayBps</c> behind its side's best price (bid below the best bid, ask above the best ask) at creation. A large
/// away order is <b>cancelled fast</b> when it is deleted with size left (a delete with size 0 is a fill), within
/// <c>maxLifetime</c> of its creation, and was never traded (a 'changed' that lowers its size is a partial fill).
/// <para>
/// The touch comes from the orders this detector has seen (an L3 book built from created/changed/deleted): a file
/// that starts mid-session does not know the orders resting before it, so the first minutes' touch is approximate.
/// O(1) per event for the order table plus O(log levels) for the level book and O(N) worst case for the median.
/// </para>
/// </summary>
[MessagePackObject]
public sealed class L3Spoofing
{
    [MessagePackObject]
    public struct LiveOrder
    {
        [Key(0)] public long CreatedTs;
        [Key(1)] public long Price;
        [Key(2)] public long Qty;
        [Key(3)] public bool IsBid;
        [Key(4)] public bool LargeAway;
        [Key(5)] public bool Traded;
        [Key(6)] public long CreatedQty;
        [Key(7)] public long OrderId;
    }

    [IgnoreMember] private Dictionary<long, LiveOrder> _orders = new();
    [IgnoreMember] private Dictionary<long, long> _levels = new(); // key = price for bids, −price for asks → total size

    /// <summary>Snapshot form of the live orders, sorted by id (canonical bytes); the level totals are rebuilt from them.</summary>
    [Key(0)]
    private LiveOrder[] OrderState
    {
        get
        {
            var all = new LiveOrder[_orders.Count];
            var i = 0;
            foreach (var (id, o) in _orders) all[i++] = o with { OrderId = id };
            Array.Sort(all, static (x, y) => x.OrderId.CompareTo(y.OrderId));
            return all;
        }
        set
        {
            _orders = new Dictionary<long, LiveOrder>(value.Length);
            _levels = new Dictionary<long, long>();
            foreach (var o in value)
            {
                _orders[o.OrderId] = o;
                var key = o.IsBid ? o.Price : -o.Price;
                _levels[key] = _levels.GetValueOrDefault(key) + o.Qty;
            }
        }
    }
    [Key(2)] private OrderBook _book = new();
    [Key(3)] private RollingMedian _median;
    [Key(4)] private SpoofingWindow _window;
    [Key(5)] private double _largeMultiple;
    [Key(6)] private double _awayBps;
    [Key(7)] private long _maxLifetime;
    [Key(8)] public long UnknownOrders;
    [Key(9)] public long Events;
    [Key(10)] public long TradedLargeAway;
    [Key(11)] public long SlowCancels;

    /// <summary>The id of the newest order counted as cancelled fast (0 before any): lets a test name the order.</summary>
    [Key(12)] public long LastFastCancelOrderId;

    [SerializationConstructor]
    public L3Spoofing() : this(MicroParameters.SpoofLargeMultiple, MicroParameters.L3SpoofAwayBps,
        MicroParameters.SpoofMaxLifetimeNanos, MicroParameters.SpoofMedianOrders, SpoofingWindow.DefaultWindowNanos)
    {
    }

    public L3Spoofing(double largeMultiple, double awayBps, long maxLifetimeNanos, int medianOrders, long windowNanos)
    {
        _largeMultiple = largeMultiple;
        _awayBps = awayBps;
        _maxLifetime = maxLifetimeNanos;
        _median = new RollingMedian(medianOrders);
        _window = new SpoofingWindow(windowNanos);
    }

    [IgnoreMember] public OrderBook Book => _book;
    [IgnoreMember] public SpoofingWindow Window => _window;
    [IgnoreMember] public int LiveOrders => _orders.Count;

    /// <summary>The window (ts − length, ts]. Pure read.</summary>
    public SpoofingReading At(long ts) => _window.At(ts);

    public void Update(L3Order o)
    {
        Events++;
        switch (o.Action)
        {
            case L3Action.Created:
                OnCreated(o);
                break;
            case L3Action.Changed:
                OnChanged(o);
                break;
            default:
                OnDeleted(o);
                break;
        }
    }

    private void OnCreated(L3Order o)
    {
        var median = _median.Count >= MicroParameters.SpoofMinMedianSamples ? _median.Median : 0;
        var large = median > 0 && o.Qty >= _largeMultiple * median;
        var away = false;
        if (large)
        {
            if (o.IsBid && _book.BidLevels > 0)
            {
                var best = _book.BestBid.Price;
                away = (best - o.Price) * 1e4 >= _awayBps * best;
            }
            else if (!o.IsBid && _book.AskLevels > 0)
            {
                var best = _book.BestAsk.Price;
                away = (o.Price - best) * 1e4 >= _awayBps * best;
            }
        }

        _median.Add(o.Qty);
        if (_orders.Remove(o.OrderId, out var dup)) AddLevel(dup.IsBid, dup.Price, -dup.Qty); // re-created id: replace
        _orders[o.OrderId] = new LiveOrder
        {
            CreatedTs = o.TsEvent,
            Price = o.Price,
            Qty = o.Qty,
            CreatedQty = o.Qty,
            IsBid = o.IsBid,
            LargeAway = large && away,
        };
        AddLevel(o.IsBid, o.Price, o.Qty);
        if (large && away) _window.OnLarge(o.TsEvent, o.Qty);
    }

    private void OnChanged(L3Order o)
    {
        if (!_orders.TryGetValue(o.OrderId, out var live))
        {
            UnknownOrders++;
            return;
        }

        if (o.Qty < live.Qty) live.Traded = true; // size only falls through fills
        AddLevel(live.IsBid, live.Price, o.Qty - live.Qty);
        live.Qty = o.Qty;
        _orders[o.OrderId] = live;
    }

    private void OnDeleted(L3Order o)
    {
        if (!_orders.Remove(o.OrderId, out var live))
        {
            UnknownOrders++;
            return;
        }

        AddLevel(live.IsBid, live.Price, -live.Qty);
        if (!live.LargeAway) return;
        var filledOut = o.Qty == 0;
        if (live.Traded || filledOut)
        {
            TradedLargeAway++;
            return;
        }

        if (o.TsEvent - live.CreatedTs <= _maxLifetime)
        {
            _window.OnFastCancel(o.TsEvent, live.CreatedQty, live.IsBid);
            LastFastCancelOrderId = o.OrderId;
        }
        else
        {
            SlowCancels++;
        }
    }

    private void AddLevel(bool isBid, long price, long delta)
    {
        if (delta == 0) return;
        var key = isBid ? price : -price;
        var total = _levels.GetValueOrDefault(key) + delta;
        if (total <= 0) _levels.Remove(key);
        else _levels[key] = total;
        if (isBid) _book.SetBid(price, Math.Max(total, 0));
        else _book.SetAsk(price, Math.Max(total, 0));
    }
}

using Hrm.Protocol.Market;
using MessagePack;

namespace Hrm.Signals.Micro;

/// <summary>One interval k of the regression: OFI_k in base-asset units and ΔP_k in ticks.</summary>
[MessagePackObject]
public readonly record struct OfiInterval([property: Key(0)] long End, [property: Key(1)] double Ofi, [property: Key(2)] double MidChangeTicks);

/// <summary>The OLS fit ΔP_k = α + β OFI_k + ε_k: β in ticks per base unit, α in ticks, R², and the number of intervals.</summary>
public readonly record struct OfiFit(double Beta, double Intercept, double R2, long Intervals, double TickSize);

/// <summary>
/// The price-impact regression of Cont, Kukanov &amp; Stoikov (2014, eqs. 2 and 4) on event time: intervals
/// (t_{k−1}, t_k] of Δ on the grid t_k = k·Δ (Unix epoch); OFI_k = Σ e_n over the level-1 events with τ_n in the
/// interval, e_n from <see cref="OrderFlowImbalance.Event"/>; ΔP_k = (P_k − P_{k−1})/δ with P_k the mid-quote in force
/// at t_k and δ the tick; then OLS with an intercept. Intervals without events are observations too (OFI = ΔP = 0).
/// The first interval starts at the first grid time after the first quote (so P_{k−1} is known); an interval counts
/// once an event later than its end arrives, so the one open at the end of the data is left out.
/// The tick is given, or estimated as the greatest common divisor of every bid and ask price seen (the exchange's tick
/// filter is not in the feed); β and α are scaled to ticks when read (R² does not depend on the scale).
/// Moments accumulate with Welford's updates (no catastrophic cancellation).
/// </summary>
[MessagePackObject]
public sealed class OfiRegression
{
    [Key(0)] private long _intervalNanos;
    [Key(1)] private long _tick;
    [Key(2)] private long _priceGcd;
    [Key(3)] private bool _hasQuote;
    [Key(4)] private long _bidPrice;
    [Key(5)] private long _bidQty;
    [Key(6)] private long _askPrice;
    [Key(7)] private long _askQty;
    [Key(8)] private bool _open;
    [Key(9)] private long _end;
    [Key(10)] private long _ofi;
    [Key(11)] private long _startMid2;
    [Key(12)] private long _n;
    [Key(13)] private double _meanX;
    [Key(14)] private double _meanY;
    [Key(15)] private double _sxx;
    [Key(16)] private double _syy;
    [Key(17)] private double _sxy;
    [Key(18)] private List<OfiInterval>? _intervals;

    [SerializationConstructor]
    public OfiRegression() : this(OrderFlowImbalance.DefaultWindowNanos)
    {
    }

    /// <param name="intervalNanos">Δ, the interval length.</param>
    /// <param name="tick">δ in fixed point; 0 estimates it from the prices.</param>
    /// <param name="keepIntervals">Keep every interval in <see cref="Intervals"/> (tests, diagnostics).</param>
    public OfiRegression(long intervalNanos, long tick = 0, bool keepIntervals = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(intervalNanos, 0);
        ArgumentOutOfRangeException.ThrowIfNegative(tick);
        _intervalNanos = intervalNanos;
        _tick = tick;
        _intervals = keepIntervals ? [] : null;
    }

    [IgnoreMember] public long IntervalNanos => _intervalNanos;

    /// <summary>Closed intervals; ΔP in ticks of the tick known now. Empty unless kept.</summary>
    [IgnoreMember]
    public IReadOnlyList<OfiInterval> Intervals =>
        _intervals?.Select(i => i with { MidChangeTicks = i.MidChangeTicks / (2 * Fixed.ToDouble(Tick)) }).ToArray() ?? [];

    /// <summary>δ in fixed point: the given tick, or the gcd of the prices seen (0 before any).</summary>
    [IgnoreMember] public long Tick => _tick > 0 ? _tick : _priceGcd;

    public void Update(BookTicker quote) => Update(quote.TsEvent, quote.BidPrice, quote.BidQty, quote.AskPrice, quote.AskQty);

    /// <summary>
    /// Takes the next level-1 observation. An event stamped before the open interval (event times may step back) is
    /// counted in the open interval.
    /// </summary>
    public void Update(long ts, long bidPrice, long bidQty, long askPrice, long askQty)
    {
        if (!_hasQuote)
        {
            _end = CeilToGrid(ts);
        }
        else if (!_open)
        {
            if (ts > _end)
            {
                // The first interval (_end, _end + Δ]: P_{k−1} is the quote in force at its start.
                _open = true;
                _startMid2 = _bidPrice + _askPrice;
                _end += _intervalNanos;
                CloseThrough(ts);
            }
        }
        else
        {
            CloseThrough(ts);
        }

        if (_open)
        {
            _ofi += OrderFlowImbalance.Event(_bidPrice, _bidQty, _askPrice, _askQty, bidPrice, bidQty, askPrice, askQty);
        }

        _hasQuote = true;
        _bidPrice = bidPrice;
        _bidQty = bidQty;
        _askPrice = askPrice;
        _askQty = askQty;
        _priceGcd = Gcd(Gcd(_priceGcd, bidPrice), askPrice);
    }

    /// <summary>OLS over the closed intervals; NaN fields with fewer than two intervals or without OFI variation.</summary>
    public OfiFit Fit()
    {
        var tick = Fixed.ToDouble(Tick);
        var scale = tick > 0 ? 1 / (2 * tick) : double.NaN; // y accumulates Δ(bid + ask) = 2 Δmid, in price units
        if (_n < 2 || !(_sxx > 0))
        {
            return new OfiFit(double.NaN, double.NaN, double.NaN, _n, tick);
        }

        var beta = _sxy / _sxx;
        var intercept = _meanY - beta * _meanX;
        var r2 = _syy > 0 ? _sxy * _sxy / (_sxx * _syy) : double.NaN;
        return new OfiFit(beta * scale, intercept * scale, r2, _n, tick);
    }

    /// <summary>
    /// One OLS over the intervals of several regressions (e.g. one per capture, so that no interval spans two
    /// recordings): the moments are merged (Chan et al.), each part's ΔP first scaled to its own ticks.
    /// </summary>
    public static OfiFit Pool(IReadOnlyList<OfiRegression> parts)
    {
        if (parts.Count == 1)
        {
            return parts[0].Fit();
        }

        long n = 0;
        double meanX = 0, meanY = 0, sxx = 0, syy = 0, sxy = 0;
        var ticks = new HashSet<long>();
        foreach (var p in parts)
        {
            if (p._n == 0)
            {
                continue;
            }

            ticks.Add(p.Tick);
            var c = 1 / (2 * Fixed.ToDouble(p.Tick));
            double nb = p._n, na = n, total = na + nb;
            double dx = p._meanX - meanX, dy = p._meanY * c - meanY;
            sxx += p._sxx + dx * dx * na * nb / total;
            syy += p._syy * c * c + dy * dy * na * nb / total;
            sxy += p._sxy * c + dx * dy * na * nb / total;
            meanX += dx * nb / total;
            meanY += dy * nb / total;
            n += p._n;
        }

        var tick = ticks.Count == 1 ? Fixed.ToDouble(ticks.First()) : double.NaN;
        if (n < 2 || !(sxx > 0))
        {
            return new OfiFit(double.NaN, double.NaN, double.NaN, n, tick);
        }

        var beta = sxy / sxx;
        return new OfiFit(beta, meanY - beta * meanX, syy > 0 ? sxy * sxy / (sxx * syy) : double.NaN, n, tick);
    }

    /// <summary>Closes every interval ending before <paramref name="ts"/>, using the quote held (in force at its end).</summary>
    private void CloseThrough(long ts)
    {
        while (ts > _end)
        {
            var mid2 = _bidPrice + _askPrice;
            Add(_end, Fixed.ToDouble(_ofi), Fixed.ToDouble(mid2 - _startMid2));
            _startMid2 = mid2;
            _ofi = 0;
            _end += _intervalNanos;
        }
    }

    private void Add(long end, double x, double y)
    {
        _intervals?.Add(new OfiInterval(end, x, y));
        _n++;
        var dx = x - _meanX;
        var dy = y - _meanY;
        _meanX += dx / _n;
        _meanY += dy / _n;
        _sxx += dx * (x - _meanX);
        _syy += dy * (y - _meanY);
        _sxy += dx * (y - _meanY);
    }

    private long CeilToGrid(long ts)
    {
        var q = Math.DivRem(ts, _intervalNanos, out var r);
        return (r > 0 ? q + 1 : q) * _intervalNanos;
    }

    private static long Gcd(long a, long b)
    {
        a = Math.Abs(a);
        b = Math.Abs(b);
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}

using Hrm.Protocol.Market;
using Hrm.Signals.Indicators;
using MessagePack;

namespace Hrm.Signals.Micro;

/// <summary>
/// Streaming VPIN on event time for the live micro layer: trades build time bars of <see cref="BarNanos"/> (aligned to
/// the Unix epoch; ΔP = last − first price within the bar, as in the batch <see cref="VpinCalculator"/>). When a bar
/// closes it is classified by bulk volume classification, buy share Φ(ΔP/σ), with σ the sample deviation of ΔP over
/// the previous <see cref="SigmaBars"/> bars (empty bars count as ΔP = 0) — past bars only, the closing bar is added
/// after it is classified, so nothing looks ahead. Its volume then fills equal-volume buckets of
/// <see cref="BucketVolume"/> (<see cref="VpinBuckets"/>, shared with the batch). <see cref="Current"/> is
/// VPIN = Σ OI / (L · V) over the last L full buckets; NaN until L buckets are full (<see cref="IsReady"/>).
/// Bars close at the first trade of a later bar or on <see cref="AdvanceTo"/>; bars closed before σ has
/// <see cref="MinSigmaBars"/> values are warm-up and not bucketed. Volumes are base-asset units.
/// </summary>
[MessagePackObject]
public sealed class Vpin
{
    public static readonly long DefaultBarNanos = 60 * Protocol.EventTime.NanosPerSecond;
    public const int DefaultSigmaBars = 60;
    public const int DefaultMinSigmaBars = 5;

    /// <summary>The bucket volume of the parameterless constructor (1 base unit); callers pass their symbol's own.</summary>
    public const double DefaultBucketVolume = 1.0;

    [Key(0)] private VpinBuckets _buckets;
    [Key(1)] private RollingStats _sigma;
    [Key(2)] private long _barNanos;
    [Key(3)] private int _minSigmaBars;
    [Key(4)] private bool _hasBar;
    [Key(5)] private long _bar;
    [Key(6)] private long _firstPrice;
    [Key(7)] private long _lastPrice;
    [Key(8)] private long _barVolume;
    [Key(9)] private bool _started;
    [Key(10)] private double _warmupVolume;

    [SerializationConstructor]
    public Vpin() : this(DefaultBucketVolume)
    {
    }

    public Vpin(double bucketVolume, int window = VpinBuckets.DefaultWindow, long? barNanos = null,
        int sigmaBars = DefaultSigmaBars, int minSigmaBars = DefaultMinSigmaBars)
    {
        var bar = barNanos ?? DefaultBarNanos;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(bar, 0, nameof(barNanos));
        ArgumentOutOfRangeException.ThrowIfLessThan(sigmaBars, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(minSigmaBars, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minSigmaBars, sigmaBars);
        _buckets = new VpinBuckets(bucketVolume, window);
        _sigma = new RollingStats(sigmaBars);
        _barNanos = bar;
        _minSigmaBars = minSigmaBars;
    }

    [IgnoreMember] public double BucketVolume => _buckets.BucketVolume;
    [IgnoreMember] public int Window => _buckets.Window;
    [IgnoreMember] public long BarNanos => _barNanos;
    [IgnoreMember] public int SigmaBars => _sigma.Period;
    [IgnoreMember] public int MinSigmaBars => _minSigmaBars;

    /// <summary>True once <see cref="Window"/> buckets are full.</summary>
    [IgnoreMember] public bool IsReady => _buckets.IsReady;

    /// <summary>VPIN over the last L full buckets, in [0, 1]; NaN until ready.</summary>
    [IgnoreMember] public double Current => _buckets.Current;

    /// <summary>Full buckets so far.</summary>
    [IgnoreMember] public long Buckets => _buckets.Completed;

    /// <summary>σ of ΔP over the bars held (price units); NaN with fewer than two.</summary>
    [IgnoreMember] public double Sigma => _sigma.SampleStd;

    /// <summary>Volume of bars closed during σ's warm-up, never classified.</summary>
    [IgnoreMember] public double WarmupVolume => _warmupVolume;

    public void Update(TradeTick trade) => Update(trade.TsEvent, trade.Price, trade.Qty);

    /// <summary>
    /// Takes the next trade (fixed-point price and quantity). A trade stamped inside an already closed bar (event times
    /// may step back slightly across streams) opens the next bar instead of reopening a classified one.
    /// </summary>
    public void Update(long ts, long price, long qty)
    {
        AdvanceTo(ts);
        if (!_hasBar)
        {
            var bar = BarOf(ts);
            _bar = _started ? Math.Max(bar, _bar + 1) : bar;
            _started = true;
            _hasBar = true;
            _firstPrice = price;
            _barVolume = 0;
        }

        _lastPrice = price;
        _barVolume += qty;
    }

    /// <summary>
    /// Moves event time to <paramref name="ts"/>: closes and classifies the open bar if <paramref name="ts"/> is at or
    /// past its end, and counts the bars since as empty (ΔP = 0, as the batch grid does). Idempotent.
    /// </summary>
    public void AdvanceTo(long ts)
    {
        if (!_started)
        {
            return;
        }

        var now = BarOf(ts);
        if (_hasBar)
        {
            if (now <= _bar)
            {
                return;
            }

            CloseBar();
        }

        if (now - 1 > _bar)
        {
            AddEmptyBars(now - 1 - _bar);
            _bar = now - 1;
        }
    }

    private void CloseBar()
    {
        var dp = Fixed.ToDouble(_lastPrice - _firstPrice);
        var volume = Fixed.ToDouble(_barVolume);
        if (_sigma.Count >= _minSigmaBars)
        {
            _buckets.Add(volume, VpinMath.BuyFraction(dp, _sigma.SampleStd), _bar * _barNanos);
        }
        else
        {
            _warmupVolume += volume;
        }

        _sigma.Update(dp);
        _hasBar = false;
    }

    private void AddEmptyBars(long count)
    {
        for (long i = 0; i < Math.Min(count, _sigma.Period); i++)
        {
            _sigma.Update(0);
        }
    }

    private long BarOf(long ts) => Math.DivRem(ts, _barNanos, out var r) - (r < 0 ? 1 : 0);
}

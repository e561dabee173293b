using Hrm.Protocol.Market;
using Hrm.Signals.Indicators;
using MessagePack;

namespace Hrm.Signals.Macro;

public enum ValuationState
{
    Neutral = 0,

    /// <summary>MVRV z ≥ 7: market value far above realised value (historical cycle tops).</summary>
    Overextended = 1,

    /// <summary>MVRV z &lt; 0: market cap below realised cap (historical cycle bottoms).</summary>
    Undervalued = 2,
}

/// <summary>
/// The seed's network value divergence ("network value &lt;&lt; market value = overextension").
/// <list type="bullet">
/// <item>MVRV z-score (Mahmudov &amp; Puell, 2018): z = (market cap − realised cap) / std(market cap), with realised cap =
/// Coin Metrics <c>CapRealUSD</c> and std the <b>population</b> standard deviation of every daily market cap seen so far,
/// the current day included (expanding, Welford). The usual chart uses the whole history's std, i.e. future days too;
/// the expanding std is its causal version. z ≥ 7 → overextended, z &lt; 0 → undervalued.</item>
/// <item>NVT (<c>NVTAdj90</c>: market cap / 90-day mean adjusted transfer value): z of the current value against the last
/// 365 daily values (sample std, current included); z ≥ 2 → overextended.</item>
/// </list>
/// A day's market cap enters the std once (the first value per day; both BTC files carry market caps for 2010–2019).
/// Unavailable when the newest MVRV point is older than 3 days (the realised cap ends on 2019-10-31).
/// </summary>
[MessagePackObject]
public sealed class NetworkValue
{
    public const double OverextendedZ = 7.0;
    public const double UndervaluedZ = 0.0;
    public const int NvtWindow = 365;
    public const double NvtOverextendedZ = 2.0;

    [Key(0)] private long _count;
    [Key(1)] private double _mean;
    [Key(2)] private double _m2;
    [Key(3)] private long _capTs = long.MinValue;
    [Key(4)] private double _cap = double.NaN;
    [Key(5)] private long _realTs = long.MinValue;
    [Key(6)] private double _real = double.NaN;
    [Key(7)] private long _zTs = long.MinValue;
    [Key(8)] private double _z = double.NaN;
    [Key(9)] private RollingStats _nvt = new(NvtWindow);
    [Key(10)] private long _nvtTs = long.MinValue;

    [IgnoreMember] public double MvrvZ => _z;
    [IgnoreMember] public long MvrvTs => _zTs;
    [IgnoreMember] public double MarketCapStd => _count > 0 ? Math.Sqrt(_m2 / _count) : double.NaN;

    /// <summary>z of the newest NVTAdj90 against the last 365 values (NaN until 365 values).</summary>
    [IgnoreMember]
    public double NvtZ
    {
        get
        {
            if (!_nvt.IsReady) return double.NaN;
            var std = _nvt.SampleStd;
            return std > 0 ? (_nvt.Window.Newest - _nvt.Mean) / std : 0.0;
        }
    }

    [IgnoreMember] public long NvtTs => _nvtTs;

    [IgnoreMember]
    public ValuationState State =>
        double.IsNaN(_z) ? ValuationState.Neutral
        : _z >= OverextendedZ ? ValuationState.Overextended
        : _z < UndervaluedZ ? ValuationState.Undervalued
        : ValuationState.Neutral;

    [IgnoreMember] public bool NvtOverextended => NvtZ >= NvtOverextendedZ;

    public bool Available(long ts) => !double.IsNaN(_z) && ts >= _zTs && ts - _zTs <= OnChainMetrics.MaxAgeNanos;

    public bool NvtAvailable(long ts) => _nvt.IsReady && ts >= _nvtTs && ts - _nvtTs <= OnChainMetrics.MaxAgeNanos;

    /// <summary>Takes market cap, realised cap and NVTAdj90; older or repeated days and bad values are ignored.</summary>
    public void Update(OnChainMetric metric)
    {
        if (!double.IsFinite(metric.Value) || metric.Value < 0) return;
        switch (metric.Metric)
        {
            case OnChainMetrics.MarketCap when metric.TsEvent > _capTs:
                _capTs = metric.TsEvent;
                _cap = metric.Value;
                _count++;
                var d = _cap - _mean;
                _mean += d / _count;
                _m2 += d * (_cap - _mean);
                break;
            case OnChainMetrics.RealizedCap when metric.TsEvent > _realTs:
                _realTs = metric.TsEvent;
                _real = metric.Value;
                break;
            case OnChainMetrics.Nvt90 when metric.TsEvent > _nvtTs:
                _nvtTs = metric.TsEvent;
                _nvt.Update(metric.Value);
                break;
            default:
                return;
        }

        // a z point needs both caps of the same day, and at least two market caps for a std
        if (_capTs == _realTs && _capTs > _zTs && _count >= 2)
        {
            var std = Math.Sqrt(_m2 / _count);
            if (std > 0)
            {
                _zTs = _capTs;
                _z = (_cap - _real) / std;
            }
        }
    }
}

using Hrm.Protocol.Market;
using Hrm.Signals.Indicators;
using MessagePack;

namespace Hrm.Signals.Macro;

public enum FlowState
{
    Neutral = 0,

    /// <summary>Exchange inflow falling and low against its own history: coins are not being sent to sell (bullish).</summary>
    Accumulation = 1,

    /// <summary>Exchange inflow rising and high: coins moving to exchanges (bearish).</summary>
    Distribution = 2,
}

/// <summary>
/// The seed's smart-money accumulation, from the one flow metric the data has: daily exchange inflow (Coin Metrics
/// <c>FlowInExUSD</c>; no reserve or whale-wallet series in the data). On each day x = ln(1 + inflow) (inflow spans
/// nine orders of magnitude from 2010 to 2023; ln(1 + ·) keeps zero days). Over the last L = 90 days:
/// z = (mean of the last S = 7 days − mean of the L days) / sample std of the L days (the short mean is part of the long
/// window); slope = OLS slope of the last K = 30 values against their day index (per day).
/// Accumulation ("sustained falling inflow") when z ≤ −1 and slope &lt; 0; distribution when z ≥ +1 and slope &gt; 0.
/// Ready after L days; unavailable when the newest value is older than 3 days at the reading time (the inflow data ends
/// on 2023-01-09). Days are observations: a missing day is not filled.
/// </summary>
[MessagePackObject]
public sealed class ExchangeInflowTrend
{
    public const int DefaultLong = 90;
    public const int DefaultShort = 7;
    public const int DefaultSlope = 30;
    public const double DefaultZ = 1.0;

    [Key(0)] private RollingWindow<double> _values = new(DefaultLong);
    [Key(1)] private int _short = DefaultShort;
    [Key(2)] private int _slope = DefaultSlope;
    [Key(3)] private double _zThreshold = DefaultZ;
    [Key(4)] private long _lastTs = long.MinValue;

    [SerializationConstructor]
    public ExchangeInflowTrend()
    {
    }

    public ExchangeInflowTrend(int longWindow, int shortWindow, int slopeWindow, double zThreshold)
    {
        if (shortWindow > longWindow || slopeWindow > longWindow || shortWindow < 1 || slopeWindow < 2)
            throw new ArgumentException("windows must satisfy 1 ≤ short ≤ long and 2 ≤ slope ≤ long");
        _values = new RollingWindow<double>(longWindow);
        _short = shortWindow;
        _slope = slopeWindow;
        _zThreshold = zThreshold;
    }

    [IgnoreMember] public bool IsReady => _values.IsFull;
    [IgnoreMember] public long LastTs => _lastTs;

    /// <summary>z of the short mean against the long window (NaN before ready).</summary>
    [IgnoreMember] public double Z => IsReady ? ComputeZ() : double.NaN;

    /// <summary>OLS slope of ln(1 + inflow) per day over the slope window (NaN before ready).</summary>
    [IgnoreMember] public double Slope => IsReady ? ComputeSlope() : double.NaN;

    [IgnoreMember]
    public FlowState State
    {
        get
        {
            if (!IsReady) return FlowState.Neutral;
            var z = ComputeZ();
            var slope = ComputeSlope();
            if (z <= -_zThreshold && slope < 0) return FlowState.Accumulation;
            if (z >= _zThreshold && slope > 0) return FlowState.Distribution;
            return FlowState.Neutral;
        }
    }

    /// <summary>Ready and the newest day is at most 3 days old at <paramref name="ts"/>.</summary>
    public bool Available(long ts) => IsReady && ts >= _lastTs && ts - _lastTs <= OnChainMetrics.MaxAgeNanos;

    /// <summary>Takes <c>FlowInExUSD</c>; other metrics, repeated or older days and negative/non-finite values are ignored.</summary>
    public void Update(OnChainMetric metric)
    {
        if (metric.Metric != OnChainMetrics.ExchangeInflow || metric.TsEvent <= _lastTs) return;
        if (!double.IsFinite(metric.Value) || metric.Value < 0) return;
        _lastTs = metric.TsEvent;
        _values.Add(Math.Log(1 + metric.Value));
    }

    private double ComputeZ()
    {
        var n = _values.Count;
        double mean = 0, shortMean = 0;
        for (var i = 0; i < n; i++)
        {
            mean += _values[i];
            if (i < _short) shortMean += _values[i];
        }

        mean /= n;
        shortMean /= _short;
        var ss = 0.0;
        for (var i = 0; i < n; i++) ss += (_values[i] - mean) * (_values[i] - mean);
        var std = Math.Sqrt(ss / (n - 1));
        return std > 0 ? (shortMean - mean) / std : 0.0;
    }

    /// <summary>OLS slope with x = 0 … K − 1 from the oldest to the newest of the last K values.</summary>
    private double ComputeSlope()
    {
        var k = _slope;
        double mx = (k - 1) / 2.0, my = 0;
        for (var i = 0; i < k; i++) my += _values[i];
        my /= k;
        double sxy = 0, sxx = 0;
        for (var i = 0; i < k; i++)
        {
            var x = k - 1 - i - mx; // _values[0] is the newest → x = k − 1
            sxy += x * (_values[i] - my);
            sxx += x * x;
        }

        return sxy / sxx;
    }
}

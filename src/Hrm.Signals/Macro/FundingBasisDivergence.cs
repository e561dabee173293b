using Hrm.Protocol.Market;
using Hrm.Signals.Indicators;
using MessagePack;

namespace Hrm.Signals.Macro;

/// <summary>
/// The seed's funding-basis divergence. On each hour where both the USD-M perp and the spot 1h bar closed (same close
/// time): basis = perp close / spot close − 1; divergence = funding − basis, with funding the latest USD-M rate (settled
/// <see cref="FundingRate"/> events, or the live rate of <see cref="MarkPriceUpdate"/>), a fraction per 8 h interval.
/// It fires when |divergence| &gt; 2 × the sample standard deviation of the previous divergences in the window (the
/// current point is not part of its own threshold). Default window 720 hourly points (30 days), at least 72 points
/// (3 days) before it may fire. The expected mean reversion is against the divergence: funding rich to basis (&gt; 0)
/// → crowded longs → bearish (−1).
/// </summary>
[MessagePackObject]
public sealed class FundingBasisDivergence
{
    public const int DefaultWindow = 720;
    public const int DefaultMinPoints = 72;
    public const double Threshold = 2.0;

    [Key(0)] private RollingStats _history;
    [Key(1)] private int _minPoints;
    [Key(2)] private long _perpTs = long.MinValue;
    [Key(3)] private double _perpClose;
    [Key(4)] private long _spotTs = long.MinValue + 1;
    [Key(5)] private double _spotClose;
    [Key(6)] private bool _hasFunding;
    [Key(7)] private double _funding;
    [Key(8)] private bool _hasPoint;
    [Key(9)] private long _pointTs;
    [Key(10)] private double _basis;
    [Key(11)] private double _divergence;
    [Key(12)] private double _std = double.NaN;
    [Key(13)] private bool _ready;

    // The basis at the last common close, with or without funding (features; the divergence needs funding).
    [Key(14)] private long _commonTs = long.MinValue;
    [Key(15)] private double _commonBasis = double.NaN;

    [SerializationConstructor]
    public FundingBasisDivergence() : this(DefaultWindow, DefaultMinPoints)
    {
    }

    public FundingBasisDivergence(int window, int minPoints)
    {
        _history = new RollingStats(window);
        _minPoints = Math.Max(2, minPoints);
    }

    [IgnoreMember] public bool HasPoint => _hasPoint;
    [IgnoreMember] public long PointTs => _pointTs;
    [IgnoreMember] public double Basis => _basis;
    [IgnoreMember] public double Funding => _funding;
    [IgnoreMember] public double Divergence => _divergence;

    /// <summary>True once a USD-M funding rate (settled or live) has been seen.</summary>
    [IgnoreMember] public bool HasFunding => _hasFunding;

    /// <summary>
    /// perp close / spot close − 1 at the last hour where both 1h bars closed, known funding or not; NaN before the
    /// first such hour (a state saved before this value existed falls back to the last divergence point's basis).
    /// </summary>
    [IgnoreMember] public double CommonBasis => !double.IsNaN(_commonBasis) ? _commonBasis : _hasPoint ? _basis : double.NaN;

    /// <summary>Close time of <see cref="CommonBasis"/> (long.MinValue before the first).</summary>
    [IgnoreMember] public long CommonBasisTs => !double.IsNaN(_commonBasis) ? _commonTs : _hasPoint ? _pointTs : long.MinValue;

    /// <summary>
    /// The last point's divergence in units of the threshold's std (the previous points' sample std): what
    /// <see cref="Fired"/> compares with 2. NaN before <see cref="IsReady"/> or when the std is 0.
    /// </summary>
    [IgnoreMember] public double DivergenceZ => _ready && _std > 0 ? _divergence / _std : double.NaN;

    /// <summary>The threshold's standard deviation at the last point (NaN before <see cref="IsReady"/>).</summary>
    [IgnoreMember] public double RollingStd => _std;

    /// <summary>At least the minimum number of previous points backed the last point's threshold.</summary>
    [IgnoreMember] public bool IsReady => _ready;

    [IgnoreMember] public bool Fired => _ready && Math.Abs(_divergence) > Threshold * _std;

    /// <summary>The expected mean-reversion direction when <see cref="Fired"/>: −sign(divergence); else 0.</summary>
    [IgnoreMember] public int Direction => Fired ? -Math.Sign(_divergence) : 0;

    public void OnFunding(double rate)
    {
        _hasFunding = true;
        _funding = rate;
    }

    /// <summary>Takes a 1h bar; other periods and venues are ignored.</summary>
    public void OnBar(Bar bar)
    {
        if (bar.Period != BarPeriod.H1) return;
        if (bar.Venue == Venue.BinanceUsdm)
        {
            _perpTs = bar.TsEvent;
            _perpClose = bar.Close;
        }
        else if (bar.Venue == Venue.BinanceSpot)
        {
            _spotTs = bar.TsEvent;
            _spotClose = bar.Close;
        }
        else
        {
            return;
        }

        if (_perpTs == _spotTs && _spotClose > 0)
        {
            _commonTs = _perpTs;
            _commonBasis = _perpClose / _spotClose - 1.0;
        }

        if (_perpTs != _spotTs || !_hasFunding || _spotClose <= 0 || (_hasPoint && _pointTs == _perpTs)) return;
        AddPoint(_perpTs, _perpClose / _spotClose - 1.0);
    }

    private void AddPoint(long ts, double basis)
    {
        _hasPoint = true;
        _pointTs = ts;
        _basis = basis;
        _divergence = _funding - basis;
        _ready = _history.Count >= _minPoints;
        _std = _ready ? _history.SampleStd : double.NaN;
        _history.Update(_divergence);
    }
}

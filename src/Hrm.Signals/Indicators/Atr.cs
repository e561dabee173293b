using MessagePack;

namespace Hrm.Signals.Indicators;

/// <summary>
/// Wilder's average true range. TR = max(high − low, |high − prevClose|, |low − prevClose|), the first bar's TR is
/// high − low. The first ATR is the simple mean of the first <c>period</c> TRs, then atr = (atr·(period−1) + TR)/period.
/// </summary>
[MessagePackObject]
public sealed class Atr
{
    [Key(0)] private int _period;
    [Key(1)] private bool _hasPrev;
    [Key(2)] private double _prevClose;
    [Key(3)] private long _samples;
    [Key(4)] private double _value;
    [Key(5)] private double _lastTrueRange;

    [SerializationConstructor]
    public Atr()
    {
    }

    public Atr(int period)
    {
        if (period < 1) throw new ArgumentOutOfRangeException(nameof(period));
        _period = period;
    }

    [IgnoreMember] public int Period => _period;
    [IgnoreMember] public bool IsReady => _samples >= _period;
    [IgnoreMember] public double Value => IsReady ? _value : double.NaN;
    [IgnoreMember] public double LastTrueRange => _lastTrueRange;

    public static double TrueRange(double high, double low, double prevClose) =>
        Math.Max(high - low, Math.Max(Math.Abs(high - prevClose), Math.Abs(low - prevClose)));

    public void Update(double high, double low, double close)
    {
        var tr = _hasPrev ? TrueRange(high, low, _prevClose) : high - low;
        _hasPrev = true;
        _prevClose = close;
        _lastTrueRange = tr;
        _samples++;
        if (_samples <= _period)
        {
            _value += tr;
            if (_samples == _period) _value /= _period;
            return;
        }

        _value = (_value * (_period - 1) + tr) / _period;
    }
}

using MessagePack;

namespace Hrm.Signals.Indicators;

/// <summary>
/// Exponential moving average, alpha = 2/(period+1), seeded with the simple mean of the first <c>period</c> samples
/// (LEAN's convention). Silent (NaN) until <see cref="IsReady"/>.
/// </summary>
[MessagePackObject]
public sealed class Ema
{
    [Key(0)] private int _period;
    [Key(1)] private double _alpha;
    [Key(2)] private long _samples;
    [Key(3)] private double _seedSum;
    [Key(4)] private double _value = double.NaN;

    [SerializationConstructor]
    public Ema()
    {
    }

    public Ema(int period)
    {
        if (period < 1) throw new ArgumentOutOfRangeException(nameof(period));
        _period = period;
        _alpha = 2.0 / (period + 1);
    }

    [IgnoreMember] public int Period => _period;
    [IgnoreMember] public bool IsReady => _samples >= _period;
    [IgnoreMember] public long Samples => _samples;
    [IgnoreMember] public double Value => IsReady ? _value : double.NaN;

    public void Update(double x)
    {
        _samples++;
        if (_samples < _period)
        {
            _seedSum += x;
        }
        else if (_samples == _period)
        {
            _seedSum += x;
            _value = _seedSum / _period;
        }
        else
        {
            _value += _alpha * (x - _value);
        }
    }
}

using MessagePack;

namespace Hrm.Signals.Indicators;

/// <summary>
/// Wilder's RSI: the first average gain/loss is the simple mean of the first <c>period</c> changes, then
/// avg = (avg·(period−1) + x)/period. RSI = 100 − 100/(1 + avgGain/avgLoss); 100 when avgLoss = 0 and avgGain &gt; 0,
/// 50 when both are 0 (a flat series). Ready after period+1 closes (period changes).
/// </summary>
[MessagePackObject]
public sealed class Rsi
{
    [Key(0)] private int _period;
    [Key(1)] private bool _hasPrev;
    [Key(2)] private double _prev;
    [Key(3)] private long _changes;
    [Key(4)] private double _avgGain;
    [Key(5)] private double _avgLoss;

    [SerializationConstructor]
    public Rsi()
    {
    }

    public Rsi(int period)
    {
        if (period < 1) throw new ArgumentOutOfRangeException(nameof(period));
        _period = period;
    }

    [IgnoreMember] public int Period => _period;
    [IgnoreMember] public bool IsReady => _changes >= _period;
    [IgnoreMember] public double AverageGain => IsReady ? _avgGain : double.NaN;
    [IgnoreMember] public double AverageLoss => IsReady ? _avgLoss : double.NaN;

    [IgnoreMember]
    public double Value
    {
        get
        {
            if (!IsReady) return double.NaN;
            if (_avgLoss == 0) return _avgGain == 0 ? 50.0 : 100.0;
            return 100.0 - 100.0 / (1.0 + _avgGain / _avgLoss);
        }
    }

    public void Update(double close)
    {
        if (!_hasPrev)
        {
            _hasPrev = true;
            _prev = close;
            return;
        }

        var change = close - _prev;
        _prev = close;
        var gain = change > 0 ? change : 0.0;
        var loss = change < 0 ? -change : 0.0;
        _changes++;
        if (_changes <= _period)
        {
            // Accumulate the sums first; the division happens once, at the seed.
            _avgGain += gain;
            _avgLoss += loss;
            if (_changes == _period)
            {
                _avgGain /= _period;
                _avgLoss /= _period;
            }

            return;
        }

        _avgGain = (_avgGain * (_period - 1) + gain) / _period;
        _avgLoss = (_avgLoss * (_period - 1) + loss) / _period;
    }
}

using MessagePack;

namespace Hrm.Signals.Micro;

/// <summary>
/// Book-imbalance persistence: the fraction of the last <c>window</c> of event time during which the depth-5
/// imbalance kept a given sign beyond the threshold (state +1 when I ≥ θ, −1 when I ≤ −θ, else 0). The imbalance is
/// piecewise constant between book updates, so the fraction is exact: every state change is one segment
/// (start time, state), and <see cref="Fraction"/> adds the segments' overlaps with (t − window, t]. Time before the
/// first observation counts as not persistent, so full persistence needs a whole window of history. O(1) amortised per
/// update (segments older than the window are dropped); the read walks the segments of one window.
/// </summary>
[MessagePackObject]
public sealed class ImbalancePersistence
{
    public static readonly long DefaultWindowNanos = 10_000_000_000;

    [Key(0)] private long _window;
    [Key(1)] private double _threshold;
    [Key(2)] private long[] _ts = new long[16];
    [Key(3)] private sbyte[] _state = new sbyte[16];
    [Key(4)] private int _head;
    [Key(5)] private int _count;

    [SerializationConstructor]
    public ImbalancePersistence() : this(DefaultWindowNanos, MicroParameters.ImbalanceThreshold)
    {
    }

    public ImbalancePersistence(long windowNanos, double threshold)
    {
        if (windowNanos <= 0) throw new ArgumentOutOfRangeException(nameof(windowNanos));
        _window = windowNanos;
        _threshold = threshold;
    }

    [IgnoreMember] public long WindowNanos => _window;

    /// <summary>The state of the newest observation (0 before any).</summary>
    [IgnoreMember] public int Current => _count == 0 ? 0 : _state[(_head + _count - 1) & (_ts.Length - 1)];

    /// <summary>−1, 0 or +1 for an imbalance value (NaN = 0).</summary>
    public int StateOf(double imbalance) =>
        imbalance >= _threshold ? 1 : imbalance <= -_threshold ? -1 : 0;

    /// <summary>Takes the imbalance observed at <paramref name="ts"/> (after a book change).</summary>
    public void Update(long ts, double imbalance)
    {
        var state = (sbyte)StateOf(imbalance);
        var mask = _ts.Length - 1;
        if (_count > 0 && _state[(_head + _count - 1) & mask] == state) return;
        // Drop segments wholly before the window: keep the one that covers the cutoff.
        var cutoff = ts - _window;
        while (_count >= 2 && _ts[(_head + 1) & mask] <= cutoff)
        {
            _head = (_head + 1) & mask;
            _count--;
        }

        if (_count > 0 && _ts[(_head + _count - 1) & mask] == ts)
        {
            _state[(_head + _count - 1) & mask] = state; // same instant: the later value wins
            return;
        }

        if (_count == _ts.Length) Grow();
        mask = _ts.Length - 1;
        _ts[(_head + _count) & mask] = ts;
        _state[(_head + _count) & mask] = state;
        _count++;
    }

    /// <summary>Share of (ts − window, ts] spent in state <paramref name="direction"/>; 0 for direction 0. Pure read.</summary>
    public double Fraction(long ts, int direction)
    {
        if (direction == 0 || _count == 0) return 0;
        var cutoff = ts - _window;
        var mask = _ts.Length - 1;
        long inState = 0;
        for (var i = 0; i < _count; i++)
        {
            var start = Math.Max(_ts[(_head + i) & mask], cutoff);
            var end = i + 1 < _count ? Math.Min(_ts[(_head + i + 1) & mask], ts) : ts;
            if (end > start && _state[(_head + i) & mask] == direction) inState += end - start;
        }

        return (double)inState / _window;
    }

    private void Grow()
    {
        var ts = new long[_ts.Length * 2];
        var state = new sbyte[_ts.Length * 2];
        var mask = _ts.Length - 1;
        for (var i = 0; i < _count; i++)
        {
            ts[i] = _ts[(_head + i) & mask];
            state[i] = _state[(_head + i) & mask];
        }

        _ts = ts;
        _state = state;
        _head = 0;
    }
}

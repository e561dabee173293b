using MessagePack;

namespace Hrm.Signals.Indicators;

/// <summary>One timestamped entry of an <see cref="EventTimeWindow"/>: two summed integer quantities and a tag.</summary>
[MessagePackObject]
public struct TimedEntry
{
    [Key(0)] public long Ts;
    [Key(1)] public long A;
    [Key(2)] public long B;

    /// <summary>Not summed: e.g. the last trade price at <see cref="Ts"/>.</summary>
    [Key(3)] public long Tag;
}

/// <summary>What an <see cref="EventTimeWindow"/> holds over (cutoff, newest].</summary>
public readonly record struct WindowSums(long A, long B, long Entries, long OldestTag, long NewestTag);

/// <summary>
/// Event-time sliding window over (t − length, t] with exact integer sums (fixed-point quantities add without drift).
/// Entries with the same timestamp merge into one. <see cref="Add"/> evicts what fell out of the window as seen from
/// the new entry's time (never the wall clock); <see cref="SumsAt"/> answers for any later time without changing
/// anything, by subtracting the entries that are stale at that time. Amortised O(1) per event, no allocation once
/// the ring has grown to the window's busiest size.
/// </summary>
[MessagePackObject]
public sealed class EventTimeWindow
{
    [Key(0)] private long _length;
    [Key(1)] private TimedEntry[] _ring = new TimedEntry[64];
    [Key(2)] private int _head; // oldest
    [Key(3)] private int _count;
    [Key(4)] private long _sumA;
    [Key(5)] private long _sumB;

    [SerializationConstructor]
    public EventTimeWindow()
    {
    }

    /// <param name="lengthNanos">window length in nanoseconds of event time</param>
    public EventTimeWindow(long lengthNanos)
    {
        if (lengthNanos <= 0) throw new ArgumentOutOfRangeException(nameof(lengthNanos));
        _length = lengthNanos;
    }

    [IgnoreMember] public long LengthNanos => _length;
    [IgnoreMember] public int Count => _count;

    public void Add(long ts, long a, long b, long tag = 0)
    {
        Evict(ts - _length);
        if (_count > 0)
        {
            ref var last = ref _ring[(_head + _count - 1) & (_ring.Length - 1)];
            if (last.Ts == ts)
            {
                last.A += a;
                last.B += b;
                last.Tag = tag;
                _sumA += a;
                _sumB += b;
                return;
            }
        }

        if (_count == _ring.Length) Grow();
        ref var slot = ref _ring[(_head + _count) & (_ring.Length - 1)];
        slot.Ts = ts;
        slot.A = a;
        slot.B = b;
        slot.Tag = tag;
        _count++;
        _sumA += a;
        _sumB += b;
    }

    /// <summary>Drops entries with Ts ≤ <paramref name="cutoff"/>.</summary>
    public void Evict(long cutoff)
    {
        var mask = _ring.Length - 1;
        while (_count > 0 && _ring[_head].Ts <= cutoff)
        {
            _sumA -= _ring[_head].A;
            _sumB -= _ring[_head].B;
            _head = (_head + 1) & mask;
            _count--;
        }
    }

    /// <summary>The window's content over (<paramref name="ts"/> − length, newest entry]. Pure read.</summary>
    public WindowSums SumsAt(long ts)
    {
        var cutoff = ts - _length;
        var mask = _ring.Length - 1;
        long a = _sumA, b = _sumB;
        var i = 0;
        while (i < _count)
        {
            ref readonly var e = ref _ring[(_head + i) & mask];
            if (e.Ts > cutoff) break;
            a -= e.A;
            b -= e.B;
            i++;
        }

        var left = _count - i;
        if (left == 0) return new WindowSums(0, 0, 0, 0, 0);
        return new WindowSums(a, b, left, _ring[(_head + i) & mask].Tag, _ring[(_head + _count - 1) & mask].Tag);
    }

    private void Grow()
    {
        var bigger = new TimedEntry[_ring.Length * 2];
        var mask = _ring.Length - 1;
        for (var i = 0; i < _count; i++) bigger[i] = _ring[(_head + i) & mask];
        _ring = bigger;
        _head = 0;
    }
}

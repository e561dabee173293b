using MessagePack;

namespace Hrm.Signals.Micro;

/// <summary>
/// Exact median of the last <c>capacity</c> values (e.g. order sizes): a ring in arrival order plus a sorted copy
/// kept by binary search and a block move. O(log n + n) per value with n ≤ capacity (a few hundred: a memmove of a
/// few kB), O(1) to read. For an even count the median is the lower middle value (an actual size, no averaging).
/// </summary>
[MessagePackObject]
public sealed class RollingMedian
{
    [Key(0)] private long[] _ring;
    [Key(1)] private long[] _sorted;
    [Key(2)] private int _head;
    [Key(3)] private int _count;

    [SerializationConstructor]
    public RollingMedian() : this(255)
    {
    }

    public RollingMedian(int capacity)
    {
        if (capacity <= 0) throw new ArgumentOutOfRangeException(nameof(capacity));
        _ring = new long[capacity];
        _sorted = new long[capacity];
    }

    [IgnoreMember] public int Count => _count;

    /// <summary>The median (lower middle for an even count); 0 when empty.</summary>
    [IgnoreMember] public long Median => _count == 0 ? 0 : _sorted[(_count - 1) / 2];

    public void Add(long value)
    {
        if (_count == _ring.Length)
        {
            var old = _ring[_head];
            var at = Array.BinarySearch(_sorted, 0, _count, old);
            Array.Copy(_sorted, at + 1, _sorted, at, _count - at - 1);
            _count--;
            _ring[_head] = value;
            _head = (_head + 1) % _ring.Length;
        }
        else
        {
            _ring[(_head + _count) % _ring.Length] = value;
        }

        var index = Array.BinarySearch(_sorted, 0, _count, value);
        if (index < 0) index = ~index;
        Array.Copy(_sorted, index, _sorted, index + 1, _count - index);
        _sorted[index] = value;
        _count++;
    }
}

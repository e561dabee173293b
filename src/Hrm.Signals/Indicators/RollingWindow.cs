using MessagePack;

namespace Hrm.Signals.Indicators;

/// <summary>
/// Fixed-capacity ring of the most recent values (LEAN's convention: index 0 is the newest). Adding to a full window
/// drops the oldest. Forward-only, allocation-free after construction.
/// </summary>
[MessagePackObject]
public sealed class RollingWindow<T>
{
    [Key(0)] private T[] _items;
    [Key(1)] private int _next; // slot the next Add writes
    [Key(2)] private int _count;

    [SerializationConstructor]
    public RollingWindow() => _items = [];

    public RollingWindow(int capacity)
    {
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity));
        _items = new T[capacity];
    }

    [IgnoreMember] public int Capacity => _items.Length;
    [IgnoreMember] public int Count => _count;
    [IgnoreMember] public bool IsFull => _count == _items.Length;

    /// <summary>The i-th most recent value (0 = newest, Count-1 = oldest).</summary>
    public T this[int i]
    {
        get
        {
            if ((uint)i >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(i));
            var index = _next - 1 - i;
            if (index < 0) index += _items.Length;
            return _items[index];
        }
    }

    [IgnoreMember] public T Newest => this[0];
    [IgnoreMember] public T Oldest => this[_count - 1];

    public void Add(T item)
    {
        _items[_next] = item;
        _next = _next + 1 == _items.Length ? 0 : _next + 1;
        if (_count < _items.Length) _count++;
    }
}

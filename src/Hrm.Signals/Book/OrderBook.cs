using Hrm.Protocol.Market;
using MessagePack;

namespace Hrm.Signals.Book;

/// <summary>
/// L2 book of fixed-point levels. Each side is a sorted array with the best level at the END, so the frequent
/// changes near the touch move only a few elements. Asks are stored with negated prices, which makes both sides
/// ascending by key and lets one search/insert routine serve both.
/// </summary>
[MessagePackObject]
public sealed class OrderBook
{
    private const int InitialCapacity = 1024;

    [IgnoreMember] private PriceLevel[] _bids = new PriceLevel[InitialCapacity];
    [IgnoreMember] private int _bidCount;
    [IgnoreMember] private PriceLevel[] _asks = new PriceLevel[InitialCapacity];
    [IgnoreMember] private int _askCount;

    /// <summary>Snapshot form: the used part of each side in storage order (asks keyed by negated price).</summary>
    [Key(0)]
    private PriceLevel[] BidState
    {
        get => _bids.AsSpan(0, _bidCount).ToArray();
        set => Restore(ref _bids, ref _bidCount, value);
    }

    [Key(1)]
    private PriceLevel[] AskState
    {
        get => _asks.AsSpan(0, _askCount).ToArray();
        set => Restore(ref _asks, ref _askCount, value);
    }

    [IgnoreMember] public int BidLevels => _bidCount;
    [IgnoreMember] public int AskLevels => _askCount;

    [IgnoreMember] public PriceLevel BestBid => _bidCount == 0 ? default : _bids[_bidCount - 1];

    [IgnoreMember]
    public PriceLevel BestAsk => _askCount == 0 ? default : Negate(_asks[_askCount - 1]);

    [IgnoreMember] public bool IsCrossed => _bidCount > 0 && _askCount > 0 && BestBid.Price >= BestAsk.Price;

    [IgnoreMember]
    public double Mid => _bidCount == 0 || _askCount == 0
        ? double.NaN
        : Fixed.ToDouble(BestBid.Price) * 0.5 + Fixed.ToDouble(BestAsk.Price) * 0.5;

    /// <summary>The i-th bid from the touch (0 = best).</summary>
    public PriceLevel Bid(int i)
    {
        if ((uint)i >= (uint)_bidCount) throw new ArgumentOutOfRangeException(nameof(i));
        return _bids[_bidCount - 1 - i];
    }

    /// <summary>The i-th ask from the touch (0 = best).</summary>
    public PriceLevel Ask(int i)
    {
        if ((uint)i >= (uint)_askCount) throw new ArgumentOutOfRangeException(nameof(i));
        return Negate(_asks[_askCount - 1 - i]);
    }

    public double BidDepth(int levels) => Depth(_bids, _bidCount, levels);

    public double AskDepth(int levels) => Depth(_asks, _askCount, levels);

    public void Clear()
    {
        _bidCount = 0;
        _askCount = 0;
    }

    /// <summary>Replaces the book with a snapshot (levels in any order; zero quantities ignored).</summary>
    public void Load(PriceLevel[] bids, PriceLevel[] asks)
    {
        _bidCount = LoadSide(ref _bids, bids, negate: false);
        _askCount = LoadSide(ref _asks, asks, negate: true);
    }

    public void SetBid(long price, long qty) => Set(ref _bids, ref _bidCount, price, qty);

    public void SetAsk(long price, long qty) => Set(ref _asks, ref _askCount, -price, qty);

    public void ApplyDiff(PriceLevel[] bids, PriceLevel[] asks)
    {
        foreach (var level in bids) Set(ref _bids, ref _bidCount, level.Price, level.Qty);
        foreach (var level in asks) Set(ref _asks, ref _askCount, -level.Price, level.Qty);
    }

    private static PriceLevel Negate(PriceLevel level) => new(-level.Price, level.Qty);

    private static double Depth(PriceLevel[] side, int count, int levels)
    {
        var n = Math.Min(Math.Max(levels, 0), count);
        long sum = 0;
        for (var i = count - n; i < count; i++) sum += side[i].Qty;
        return Fixed.ToDouble(sum);
    }

    private static void Set(ref PriceLevel[] side, ref int count, long key, long qty)
    {
        var index = Find(side, count, key);
        if (index >= 0)
        {
            if (qty != 0)
            {
                side[index] = new PriceLevel(key, qty);
                return;
            }

            count--;
            Array.Copy(side, index + 1, side, index, count - index);
            return;
        }

        if (qty == 0) return;
        index = ~index;
        if (count == side.Length) Array.Resize(ref side, Math.Max(InitialCapacity, side.Length * 2));
        Array.Copy(side, index, side, index + 1, count - index);
        side[index] = new PriceLevel(key, qty);
        count++;
    }

    /// <summary>Binary search by key; the index if found, else the bitwise complement of the insertion point.</summary>
    private static int Find(PriceLevel[] side, int count, long key)
    {
        int lo = 0, hi = count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var k = side[mid].Price;
            if (k == key) return mid;
            if (k < key) lo = mid + 1;
            else hi = mid - 1;
        }

        return ~lo;
    }

    private static void Restore(ref PriceLevel[] side, ref int count, PriceLevel[] stored)
    {
        side = new PriceLevel[Math.Max(InitialCapacity, stored.Length)];
        stored.CopyTo(side, 0);
        count = stored.Length;
    }

    /// <summary>
    /// Inserts from the last element to the first: Binance lists levels best-first, so every insert then lands at the
    /// end of the array without moving anything. Any other order still works, just slower.
    /// </summary>
    private static int LoadSide(ref PriceLevel[] side, PriceLevel[] levels, bool negate)
    {
        if (side.Length < levels.Length) side = new PriceLevel[levels.Length];
        var count = 0;
        for (var i = levels.Length - 1; i >= 0; i--)
        {
            var level = levels[i];
            if (level.Qty == 0) continue;
            Set(ref side, ref count, negate ? -level.Price : level.Price, level.Qty);
        }

        return count;
    }
}

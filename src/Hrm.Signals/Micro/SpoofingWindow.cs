using Hrm.Protocol.Market;
using Hrm.Signals.Indicators;
using MessagePack;

namespace Hrm.Signals.Micro;

/// <summary>What a spoofing detector saw over its window: large orders placed away from the touch and how many were
/// pulled fast without trading. Volumes in base units (e.g. BTC).</summary>
public readonly record struct SpoofingReading(
    long LargeOrders, double LargeVolume, long FastCancels, double FastCancelBidVolume, double FastCancelAskVolume)
{
    public double FastCancelVolume => FastCancelBidVolume + FastCancelAskVolume;

    /// <summary>Share of the large-order volume that was cancelled fast; NaN without large orders.</summary>
    public double FastCancelShare => LargeVolume > 0 ? FastCancelVolume / LargeVolume : double.NaN;

    /// <summary>
    /// A fake wall points the other way: fast-cancelled bid volume above ask volume = a fake bid wall = bearish (−1).
    /// Direction = −sign(bid − ask) when at least <paramref name="minCancels"/> fast cancels carry at least
    /// <paramref name="minShare"/> of the large volume and are one-sided, |bid − ask|/(bid + ask) ≥
    /// <paramref name="minOneSided"/>; else 0.
    /// </summary>
    public int Direction(int minCancels, double minShare, double minOneSided = 0)
    {
        if (FastCancels < minCancels || !(FastCancelShare >= minShare)) return 0;
        var net = FastCancelBidVolume - FastCancelAskVolume;
        if (Math.Abs(net) < minOneSided * FastCancelVolume) return 0;
        return -Math.Sign(net);
    }

    /// <summary>Share of large volume cancelled fast × how one-sided the cancels were: |bid − ask|/(bid + ask).</summary>
    public double Magnitude =>
        FastCancelVolume > 0 ? Math.Clamp(FastCancelShare, 0, 1) * Math.Abs(FastCancelBidVolume - FastCancelAskVolume) / FastCancelVolume : 0;
}

/// <summary>Rolling event-time counts behind a <see cref="SpoofingReading"/>, plus totals since the start.</summary>
[MessagePackObject]
public sealed class SpoofingWindow
{
    public static readonly long DefaultWindowNanos = 300_000_000_000; // 5 minutes

    [Key(0)] private EventTimeWindow _large; // A = volume, B = count
    [Key(1)] private EventTimeWindow _fast;  // A = bid volume, B = ask volume, entries ≈ cancels (same-ts merge: see _fastCount)
    [Key(2)] private EventTimeWindow _fastCount; // A = count
    [Key(3)] public long TotalLarge;
    [Key(4)] public long TotalLargeVolume;
    [Key(5)] public long TotalFastCancels;
    [Key(6)] public long TotalFastCancelVolume;
    [Key(7)] public long TotalFastCancelBidVolume;

    [SerializationConstructor]
    public SpoofingWindow() : this(DefaultWindowNanos)
    {
    }

    public SpoofingWindow(long windowNanos)
    {
        _large = new EventTimeWindow(windowNanos);
        _fast = new EventTimeWindow(windowNanos);
        _fastCount = new EventTimeWindow(windowNanos);
    }

    public void OnLarge(long ts, long qty)
    {
        _large.Add(ts, qty, 1);
        TotalLarge++;
        TotalLargeVolume += qty;
    }

    public void OnFastCancel(long ts, long qty, bool isBid)
    {
        _fast.Add(ts, isBid ? qty : 0, isBid ? 0 : qty);
        _fastCount.Add(ts, 1, 0);
        TotalFastCancels++;
        TotalFastCancelVolume += qty;
        if (isBid) TotalFastCancelBidVolume += qty;
    }

    /// <summary>The window (ts − length, ts]. Pure read.</summary>
    public SpoofingReading At(long ts)
    {
        var large = _large.SumsAt(ts);
        var fast = _fast.SumsAt(ts);
        return new SpoofingReading(large.B, Fixed.ToDouble(large.A), _fastCount.SumsAt(ts).A,
            Fixed.ToDouble(fast.A), Fixed.ToDouble(fast.B));
    }

    /// <summary>Everything since the start.</summary>
    [IgnoreMember]
    public SpoofingReading Totals => new(TotalLarge, Fixed.ToDouble(TotalLargeVolume), TotalFastCancels,
        Fixed.ToDouble(TotalFastCancelBidVolume), Fixed.ToDouble(TotalFastCancelVolume - TotalFastCancelBidVolume));
}

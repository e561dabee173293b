using Hrm.Protocol.Market;
using MessagePack;

namespace Hrm.Signals.Micro;

/// <summary>What <see cref="SizeClustering"/> reads at a time: the recent modal size bucket and its share against the baseline.</summary>
public readonly record struct SizeClusterReading(
    int Bucket, long RecentTrades, double RecentShare, double BaselineShare, long BaselineTrades, long ModalBuys, long ModalSells)
{
    /// <summary>Excess concentration: (recent share − baseline share)/(1 − baseline share), in [−1, 1]; NaN without trades.</summary>
    public double Excess => RecentTrades == 0 || BaselineShare >= 1 ? double.NaN : (RecentShare - BaselineShare) / (1 - BaselineShare);

    /// <summary>Lower bound of the modal bucket in base units (bucket b covers [2^(b/4), 2^((b+1)/4)) fixed-point units).</summary>
    public double BucketLow => Math.Pow(2, Bucket / 4.0) * Fixed.InverseScale;
}

/// <summary>
/// Size clustering: the trade-size distribution of the last <c>recent</c> seconds against a rolling baseline, in
/// quarter-octave log buckets (bucket = ⌊4 log2 qty⌋, qty in fixed-point units, so sizes within ~19 % share a bucket).
/// Reading: the recent window's modal bucket m, its share s_r = n_r(m)/n_r, and the same bucket's share s_b in the
/// baseline (t − baseline, t − recent] (recent trades removed from the baseline, so the two do not overlap).
/// Unusual concentration (algo slicing in equal child orders) = s_r well above s_b. Direction from the aggressor side
/// of the modal bucket's recent trades. O(1) amortised per trade (two FIFO queues of (ts, bucket, side) with bucket
/// counts); the read scans the 192 buckets.
/// </summary>
[MessagePackObject]
public sealed class SizeClustering
{
    public const int Buckets = 192;

    [MessagePackObject]
    public struct Entry
    {
        [Key(0)] public long Ts;
        [Key(1)] public int Bucket;
        [Key(2)] public bool Buy;
    }

    [Key(0)] private long _recentNanos;
    [Key(1)] private long _baselineNanos;
    [Key(2)] private Queue<Entry> _recent = new();
    [Key(3)] private Queue<Entry> _baseline = new();
    [Key(4)] private int[] _recentCounts = new int[Buckets];
    [Key(5)] private int[] _recentBuys = new int[Buckets];
    [Key(6)] private int[] _baselineCounts = new int[Buckets];

    [SerializationConstructor]
    public SizeClustering() : this(MicroParameters.SizeClusterRecentNanos, MicroParameters.SizeClusterBaselineNanos)
    {
    }

    public SizeClustering(long recentNanos, long baselineNanos)
    {
        if (recentNanos <= 0 || baselineNanos <= recentNanos) throw new ArgumentOutOfRangeException(nameof(baselineNanos));
        _recentNanos = recentNanos;
        _baselineNanos = baselineNanos;
    }

    /// <summary>Quarter-octave bucket of a fixed-point size (0 for sizes ≤ 1 unit).</summary>
    public static int BucketOf(long qty) => qty <= 1 ? 0 : Math.Min(Buckets - 1, (int)Math.Floor(4 * Math.Log2(qty)));

    public void Update(TradeTick trade) => Update(trade.TsEvent, trade.Qty, !trade.BuyerIsMaker);

    public void Update(long ts, long qty, bool aggressorBuys)
    {
        var e = new Entry { Ts = ts, Bucket = BucketOf(qty), Buy = aggressorBuys };
        _recent.Enqueue(e);
        _recentCounts[e.Bucket]++;
        if (aggressorBuys) _recentBuys[e.Bucket]++;
        _baseline.Enqueue(e);
        _baselineCounts[e.Bucket]++;
        Evict(ts);
    }

    private void Evict(long ts)
    {
        while (_recent.Count > 0 && _recent.Peek().Ts <= ts - _recentNanos)
        {
            var e = _recent.Dequeue();
            _recentCounts[e.Bucket]--;
            if (e.Buy) _recentBuys[e.Bucket]--;
        }

        while (_baseline.Count > 0 && _baseline.Peek().Ts <= ts - _baselineNanos)
            _baselineCounts[_baseline.Dequeue().Bucket]--;
    }

    /// <summary>
    /// The reading over (ts − recent, ts] against (ts − baseline, ts − recent]. Pure read: entries the stored counts
    /// still hold but that are stale at <paramref name="ts"/> are subtracted on the fly (they sit at the queues' fronts).
    /// </summary>
    public SizeClusterReading At(long ts)
    {
        Span<int> recent = stackalloc int[Buckets];
        Span<int> recentBuys = stackalloc int[Buckets];
        Span<int> baseline = stackalloc int[Buckets];
        _recentCounts.CopyTo(recent);
        _recentBuys.CopyTo(recentBuys);
        _baselineCounts.CopyTo(baseline);
        long nRecent = _recent.Count, nBaseline = _baseline.Count;
        foreach (var e in _recent)
        {
            if (e.Ts > ts - _recentNanos) break;
            recent[e.Bucket]--;
            if (e.Buy) recentBuys[e.Bucket]--;
            nRecent--;
        }

        foreach (var e in _baseline)
        {
            if (e.Ts > ts - _baselineNanos) break;
            baseline[e.Bucket]--;
            nBaseline--;
        }

        if (nRecent == 0) return default;
        var mode = 0;
        for (var b = 1; b < Buckets; b++)
            if (recent[b] > recent[mode]) mode = b;

        // Baseline excludes the recent window: counts and total minus the recent ones.
        var baseMode = baseline[mode] - recent[mode];
        var baseTotal = nBaseline - nRecent;
        var buys = recentBuys[mode];
        return new SizeClusterReading(mode, nRecent, (double)recent[mode] / nRecent,
            baseTotal > 0 ? (double)baseMode / baseTotal : double.NaN, baseTotal, buys, recent[mode] - buys);
    }
}

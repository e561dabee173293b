using MessagePack;

namespace Hrm.Signals.Micro;

/// <summary>One volume bucket τ: classified buy and sell volume, OI_τ = |B − S|, and VPIN_τ (NaN while τ &lt; L).</summary>
/// <param name="Index">1-based bucket number.</param>
/// <param name="FirstTag">The tag (e.g. bar start, ns) of the first volume poured into the bucket.</param>
public readonly record struct VpinBucket(long Index, long FirstTag, double Buy, double Sell, double OrderImbalance, double Vpin)
{
    public double Volume => Buy + Sell;
}

/// <summary>
/// The bucket arithmetic shared by the batch <see cref="VpinCalculator"/> and the streaming <see cref="Vpin"/>: classified
/// volume is poured, in order, into consecutive buckets of exactly <see cref="BucketVolume"/> (a piece that overflows a
/// bucket is split, the excess opens the next bucket); each full bucket gives OI_τ = |Σ buy − Σ sell| and
/// VPIN_τ = Σ_{j=τ−L+1..τ} OI_j / (L · V) once τ ≥ L. The window sum is recomputed from the L stored values at every
/// bucket (no running-sum drift). A residue below <see cref="RelativeTolerance"/> · V left by floating-point rounding
/// completes a bucket instead of opening a new one (reference case 05, doubt 3).
/// </summary>
[MessagePackObject]
public sealed class VpinBuckets
{
    public const int DefaultWindow = 50;
    public const double RelativeTolerance = 1e-9;

    [Key(0)] private double _bucketVolume;
    [Key(1)] private double[] _imbalances;
    [Key(2)] private long _completed;
    [Key(3)] private double _buy;
    [Key(4)] private double _sell;
    [Key(5)] private double _filled;
    [Key(6)] private long _firstTag;
    [Key(7)] private double _current = double.NaN;

    [SerializationConstructor]
    public VpinBuckets() : this(1.0)
    {
    }

    public VpinBuckets(double bucketVolume, int window = DefaultWindow)
    {
        if (!(bucketVolume > 0) || double.IsInfinity(bucketVolume))
        {
            throw new ArgumentOutOfRangeException(nameof(bucketVolume), bucketVolume, "bucket volume must be positive and finite");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        _bucketVolume = bucketVolume;
        _imbalances = new double[window];
    }

    /// <summary>V, the volume of every full bucket.</summary>
    [IgnoreMember] public double BucketVolume => _bucketVolume;

    /// <summary>L, the number of buckets VPIN averages over.</summary>
    [IgnoreMember] public int Window => _imbalances.Length;

    /// <summary>Full buckets so far.</summary>
    [IgnoreMember] public long Completed => _completed;

    /// <summary>Volume in the open (not yet full) bucket.</summary>
    [IgnoreMember] public double OpenVolume => _filled;

    /// <summary>VPIN of the newest full bucket; NaN until L buckets are full.</summary>
    [IgnoreMember] public double Current => _current;

    [IgnoreMember] public bool IsReady => _completed >= _imbalances.Length;

    /// <summary>
    /// Pours <paramref name="volume"/> with buy share <paramref name="buyFraction"/> (in [0, 1]) into the buckets; every
    /// bucket it fills is appended to <paramref name="completed"/> when given.
    /// </summary>
    public void Add(double volume, double buyFraction, long tag, List<VpinBucket>? completed = null)
    {
        var remaining = volume;
        var tolerance = RelativeTolerance * _bucketVolume;
        while (remaining > tolerance || (remaining > 0 && _filled > 0))
        {
            if (_filled == 0)
            {
                _firstTag = tag;
            }

            var room = _bucketVolume - _filled;
            var take = remaining >= room - tolerance ? room : remaining;
            _buy += take * buyFraction;
            _sell += take * (1 - buyFraction);
            _filled += take;
            remaining -= take;
            if (take == room)
            {
                Close(completed);
                if (remaining <= tolerance)
                {
                    break;
                }
            }
        }
    }

    /// <summary>
    /// Emits the open, partial bucket (if it holds more than the tolerance) with VPIN still over L · V, as the reference
    /// does for the last bucket of a sample; batch use only — the streaming indicator never closes a bucket early.
    /// </summary>
    public VpinBucket? FlushPartial()
    {
        if (_filled <= RelativeTolerance * _bucketVolume)
        {
            return null;
        }

        var list = new List<VpinBucket>(1);
        Close(list);
        return list[0];
    }

    private void Close(List<VpinBucket>? completed)
    {
        var imbalance = Math.Abs(_buy - _sell);
        _imbalances[_completed % _imbalances.Length] = imbalance;
        _completed++;
        if (_completed >= _imbalances.Length)
        {
            var sum = 0.0;
            foreach (var oi in _imbalances)
            {
                sum += oi;
            }

            _current = sum / (_imbalances.Length * _bucketVolume);
        }

        completed?.Add(new VpinBucket(_completed, _firstTag, _buy, _sell, imbalance, _current));
        _buy = 0;
        _sell = 0;
        _filled = 0;
    }
}

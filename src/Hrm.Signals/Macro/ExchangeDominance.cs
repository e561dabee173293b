using Hrm.Protocol.Market;
using MessagePack;

namespace Hrm.Signals.Macro;

/// <summary>One reading of <see cref="ExchangeDominance"/> at an hour close.</summary>
/// <param name="Available">At least two venues sent bars in both 4h windows, the same venues in both, with volume.</param>
/// <param name="Leader">The venue with the largest volume share in (t − 4h, t].</param>
/// <param name="Share">The leader's share of the summed volume in (t − 4h, t].</param>
/// <param name="PreviousLeader">The leader of (t − 8h, t − 4h].</param>
/// <param name="Change">Leader's share now minus its share in (t − 8h, t − 4h], in absolute share points (0.15 = 15 pp).</param>
[MessagePackObject]
public readonly record struct DominanceReading(
    [property: Key(0)] bool Available,
    [property: Key(1)] long At,
    [property: Key(2)] Venue Leader,
    [property: Key(3)] double Share,
    [property: Key(4)] Venue PreviousLeader,
    [property: Key(5)] double Change,
    [property: Key(6)] bool Fired)
{
    public static readonly DominanceReading Unavailable = new(false, 0, default, double.NaN, default, double.NaN, false);
}

/// <summary>
/// The seed's exchange dominance shift ("dominance_change &gt; 15% in 4h window"). Volume is summed per venue over 1h
/// buckets (bars of every venue of the symbol, 1h period only, so each venue's volume is counted once); at each hour close
/// t the leading venue's share of (t − 4h, t] is compared with its share of the previous 4h, (t − 8h, t − 4h].
/// It fires when the leader changed or its share moved by more than 15 share points (absolute, not relative: shares are
/// already normalised, and a relative change of a 30 % share would fire on a 4.5-point move). A venue is present in a
/// window if it sent at least one bar in it; a reading needs the same ≥ 2 venues in both windows, so a feed that starts or
/// stops (Binance.US data ends on 2023-03-21, Kraken's on 03-31) is not read as a shift, and every venue must have sent its
/// first bar at least 8 hours back (a half-filled first window is not compared).
/// An hour counts as complete once a bar of a later hour arrives (<see cref="Update"/>); <see cref="Current"/> reads the
/// newest hour as it stands (complete at a decision-tick close, since all bars of one close time share a tick).
/// A fire stays active for 4h (<see cref="ShiftActive"/>).
/// </summary>
[MessagePackObject]
public sealed class ExchangeDominance
{
    public const double DefaultThreshold = 0.15;
    public const int WindowHours = 4;
    public const int VenueSlots = 16;
    private const int Slots = 2 * WindowHours;
    private static readonly long HourNanos = BarPeriod.H1.Nanos();
    private static readonly long WindowNanos = WindowHours * HourNanos;

    [Key(0)] private long[] _bucketClose = new long[Slots];
    [Key(1)] private double[] _volume = new double[Slots * VenueSlots];
    [Key(2)] private int[] _present = new int[Slots];
    [Key(3)] private long _lastClose = long.MinValue;
    [Key(4)] private double _threshold = DefaultThreshold;
    [Key(5)] private long _lastFireTs = long.MinValue;
    [Key(6)] private DominanceReading _lastFire = DominanceReading.Unavailable;
    [Key(7)] private long _fires;
    [Key(8)] private long _ignored;
    [Key(9)] private long[] _firstSeen = new long[VenueSlots];

    [SerializationConstructor]
    public ExchangeDominance()
    {
        Array.Fill(_bucketClose, long.MinValue);
        Array.Fill(_firstSeen, long.MaxValue);
    }

    public ExchangeDominance(double threshold) : this() => _threshold = threshold;

    /// <summary>Completed hours that fired since the start.</summary>
    [IgnoreMember] public long Fires => _fires;

    /// <summary>Bars ignored: not 1h, not on an hour boundary, older than the newest hour, or bad volume.</summary>
    [IgnoreMember] public long Ignored => _ignored;

    /// <summary>The last completed hour that fired (Unavailable if none).</summary>
    [IgnoreMember] public DominanceReading LastFire => _lastFire;

    [IgnoreMember] public DominanceReading Current => _lastClose == long.MinValue ? DominanceReading.Unavailable : Evaluate(_lastClose);

    public void Update(Bar bar)
    {
        var close = bar.TsEvent;
        if (bar.Period != BarPeriod.H1 || close % HourNanos != 0 || close < _lastClose || !double.IsFinite(bar.Volume) ||
            bar.Volume < 0 || (int)bar.Venue >= VenueSlots)
        {
            _ignored++;
            return;
        }

        if (close > _lastClose && _lastClose != long.MinValue)
        {
            var done = Evaluate(_lastClose);
            if (done.Fired)
            {
                _fires++;
                _lastFireTs = _lastClose;
                _lastFire = done;
            }
        }

        _lastClose = close;
        var slot = Slot(close);
        if (_bucketClose[slot] != close)
        {
            _bucketClose[slot] = close;
            _present[slot] = 0;
            Array.Clear(_volume, slot * VenueSlots, VenueSlots);
        }

        _firstSeen[(int)bar.Venue] = Math.Min(_firstSeen[(int)bar.Venue], close);
        _present[slot] |= 1 << (int)bar.Venue;
        _volume[slot * VenueSlots + (int)bar.Venue] += bar.Volume;
    }

    /// <summary>A fire at a completed hour in (ts − 4h, ts], or the newest hour firing as it stands.</summary>
    public DominanceReading? ShiftActive(long ts)
    {
        var current = Current;
        if (current.Fired && current.At <= ts && current.At > ts - WindowNanos) return current;
        if (_lastFireTs != long.MinValue && _lastFireTs <= ts && _lastFireTs > ts - WindowNanos) return _lastFire;
        return null;
    }

    /// <summary>The reading at hour close <paramref name="at"/> from the held buckets (pure).</summary>
    public DominanceReading Evaluate(long at)
    {
        Span<double> now = stackalloc double[VenueSlots];
        Span<double> before = stackalloc double[VenueSlots];
        var presentNow = Sum(at, now);
        var presentBefore = Sum(at - WindowNanos, before);
        if (presentNow != presentBefore || System.Numerics.BitOperations.PopCount((uint)presentNow) < 2 || !FullHistory(presentNow, at))
            return DominanceReading.Unavailable with { At = at };
        double totalNow = 0, totalBefore = 0;
        for (var v = 0; v < VenueSlots; v++)
        {
            totalNow += now[v];
            totalBefore += before[v];
        }

        if (totalNow <= 0 || totalBefore <= 0) return DominanceReading.Unavailable with { At = at };
        var leader = ArgMax(now, presentNow);
        var previous = ArgMax(before, presentNow);
        var share = now[leader] / totalNow;
        var change = share - before[leader] / totalBefore;
        var fired = leader != previous || Math.Abs(change) > _threshold;
        return new DominanceReading(true, at, (Venue)leader, share, (Venue)previous, change, fired);
    }

    /// <summary>Every present venue sent its first bar no later than the first hour of the previous window.</summary>
    private bool FullHistory(int present, long at)
    {
        for (var v = 0; v < VenueSlots; v++)
        {
            if ((present & (1 << v)) != 0 && _firstSeen[v] > at - 2 * WindowNanos + HourNanos) return false;
        }

        return true;
    }

    private int Sum(long windowEnd, Span<double> volumes)
    {
        var present = 0;
        for (var slot = 0; slot < Slots; slot++)
        {
            var close = _bucketClose[slot];
            if (close == long.MinValue || close <= windowEnd - WindowNanos || close > windowEnd) continue;
            present |= _present[slot];
            for (var v = 0; v < VenueSlots; v++) volumes[v] += _volume[slot * VenueSlots + v];
        }

        return present;
    }

    /// <summary>Largest volume among present venues; ties go to the lower venue id.</summary>
    private static int ArgMax(ReadOnlySpan<double> volumes, int present)
    {
        var best = -1;
        for (var v = 0; v < VenueSlots; v++)
        {
            if ((present & (1 << v)) == 0) continue;
            if (best < 0 || volumes[v] > volumes[best]) best = v;
        }

        return best;
    }

    private static int Slot(long close) => (int)((close / HourNanos) % Slots);
}

namespace Hrm.Live.Binance;

/// <summary>
/// Keeps REST requests inside Binance's limits: the minute's used weight as the venue reports it
/// (<c>X-MBX-USED-WEIGHT-1m</c>; the counter restarts each UTC minute) against a budget, and a ban until the end of a
/// 429/418 <c>Retry-After</c>. Thread-safe.
/// </summary>
public sealed class RestWeightGate(int weightPerMinute)
{
    private readonly Lock _lock = new();
    private DateTimeOffset _minute = DateTimeOffset.MinValue;
    private int _used;
    private DateTimeOffset _bannedUntil = DateTimeOffset.MinValue;

    /// <summary>
    /// Zero if a request of <paramref name="weight"/> may go out at <paramref name="now"/> (its weight is then counted
    /// as used), else how long to wait before asking again.
    /// </summary>
    public TimeSpan Reserve(DateTimeOffset now, int weight)
    {
        lock (_lock)
        {
            if (now < _bannedUntil) return _bannedUntil - now;
            StartMinute(now);
            if (_used + weight > weightPerMinute) return _minute.AddMinutes(1) - now;
            _used += weight;
            return TimeSpan.Zero;
        }
    }

    /// <summary>
    /// Records the used weight a response reported (nothing if it reported none); the larger of it and our own count
    /// wins, as requests still in flight are not in the venue's figure yet.
    /// </summary>
    public void Observe(DateTimeOffset now, int? usedWeight)
    {
        if (usedWeight is not int used) return;
        lock (_lock)
        {
            StartMinute(now);
            _used = Math.Max(_used, used);
        }
    }

    /// <summary>A 429/418: no request before <paramref name="now"/> + <paramref name="retryAfter"/>.</summary>
    public void Refuse(DateTimeOffset now, TimeSpan retryAfter)
    {
        lock (_lock)
        {
            var until = now + retryAfter;
            if (until > _bannedUntil) _bannedUntil = until;
        }
    }

    private void StartMinute(DateTimeOffset now)
    {
        var minute = MinuteOf(now);
        if (minute == _minute) return;
        _minute = minute;
        _used = 0;
    }

    private static DateTimeOffset MinuteOf(DateTimeOffset t) =>
        new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
}

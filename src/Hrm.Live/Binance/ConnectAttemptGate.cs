namespace Hrm.Live.Binance;

/// <summary>
/// Binance's connection-attempt limit (300 per 5 minutes per IP) as a sliding window: how long to wait before the next
/// attempt. Thread-safe.
/// </summary>
public sealed class ConnectAttemptGate(int attemptsPerWindow, TimeSpan window)
{
    private readonly Queue<DateTimeOffset> _attempts = new();
    private readonly Lock _lock = new();

    /// <summary>Zero if an attempt may start at <paramref name="now"/>, else the wait until the oldest one leaves the window.</summary>
    public TimeSpan Delay(DateTimeOffset now)
    {
        lock (_lock)
        {
            while (_attempts.Count > 0 && _attempts.Peek() <= now - window) _attempts.Dequeue();
            return _attempts.Count < attemptsPerWindow ? TimeSpan.Zero : _attempts.Peek() + window - now;
        }
    }

    public void Record(DateTimeOffset now)
    {
        lock (_lock) _attempts.Enqueue(now);
    }
}

namespace Hrm.Node;

/// <summary>
/// Ends the process if an orderly shutdown has not ended it in time. A node downed by the split-brain resolver must stop
/// serving and writing whatever hangs on its way out (an actor that does not stop, a blocked host service); the
/// orderly path has its own timeouts, this is the bound on all of them together.
/// </summary>
public sealed class ExitWatchdog : IDisposable
{
    private readonly Timer _timer;

    private ExitWatchdog(TimeSpan after, Action exit) =>
        _timer = new Timer(_ => exit(), null, after, Timeout.InfiniteTimeSpan);

    /// <summary>Calls <paramref name="exit"/> once after <paramref name="after"/> unless disposed first.</summary>
    public static ExitWatchdog Arm(TimeSpan after, Action exit) => new(after, exit);

    public void Dispose() => _timer.Dispose();
}

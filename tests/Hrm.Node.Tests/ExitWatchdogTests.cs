namespace Hrm.Node.Tests;

public sealed class ExitWatchdogTests
{
    [Fact]
    public async Task An_armed_watchdog_calls_exit_once_its_time_is_up()
    {
        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var watchdog = ExitWatchdog.Arm(TimeSpan.FromMilliseconds(50), exited.SetResult);
        await exited.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_watchdog_disposed_in_time_never_calls_exit()
    {
        var calls = 0;
        ExitWatchdog.Arm(TimeSpan.FromMilliseconds(200), () => Interlocked.Increment(ref calls)).Dispose();
        await Task.Delay(500);
        Assert.Equal(0, calls);
    }
}

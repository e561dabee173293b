using Akka.Streams;
using Akka.Streams.Dsl;

namespace Hrm.Live.Recording;

/// <summary>
/// Records one connector for a while: every raw message into capture files (<see cref="CaptureFiles"/>), every notice
/// into the log (<see cref="RecordLog"/>), until <c>duration</c> has passed or the caller cancels; then the connector
/// is stopped and the files closed.
/// </summary>
public static class Recorder
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    public static async Task RunAsync(
        ILiveConnector connector, CaptureFiles files, RecordLog log, TimeSpan duration, IMaterializer materializer, CancellationToken cancel)
    {
        var (stop, done) = connector.Notices()
            .ViaMaterialized(KillSwitches.Single<LiveNotice>(), Keep.Right)
            .ToMaterialized(Sink.ForEach<LiveNotice>(notice =>
            {
                log.Add(notice);
                if (notice is RawMessage raw)
                {
                    files.Write(raw);
                }
            }), Keep.Both)
            .Run(materializer);

        using var until = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        until.CancelAfter(duration);
        await Task.WhenAny(done, Task.Delay(Timeout.Infinite, until.Token)).ConfigureAwait(false);
        stop.Shutdown();
        await done.WaitAsync(StopTimeout).ConfigureAwait(false);
        files.Flush();
    }
}

using System.Collections.Concurrent;
using System.Net.WebSockets;
using Hrm.Live.Binance;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hrm.Live.Tests.Binance;

/// <summary>
/// What the loopback venue does: serve the first <see cref="Lines"/> lines of the recording; the first connection
/// ends after <see cref="DropAfter"/> lines (closed, or just silent when <see cref="GoSilent"/>); the next one resumes
/// <see cref="SkipOnResume"/> lines later; the first <see cref="RefuseSnapshots"/> depth requests get 429 with
/// <see cref="RetryAfter"/>. With <see cref="HoldAtSnapshot"/> the stream waits at the recorded snapshot's line until
/// that snapshot has been served (and 200 ms more), and the snapshot is served only once the stream is there: a client
/// that writes what it receives in arrival order then reproduces the recording's line order exactly.
/// </summary>
public sealed record LoopbackScript(int Lines, int? DropAfter = null, bool GoSilent = false, int SkipOnResume = 0,
    int RefuseSnapshots = 0, int RetryAfterSeconds = 1, bool HoldAtSnapshot = false);

/// <summary>
/// A minimal loopback Binance (the shared fake exchange had not landed): the recording's frames on
/// <c>/ws/stream</c>, and depth snapshots on the REST paths: the recorded one until the stream has passed it, then the
/// book rebuilt offline from the recording at the line the stream has reached.
/// </summary>
public sealed class LoopbackBinance : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RecordedCapture _capture;
    private readonly LoopbackScript _script;
    private int _connections;
    private int _refused;
    private volatile int _position;
    private readonly TaskCompletionSource _snapshotServed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _atSnapshot = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LoopbackBinance(WebApplication app, RecordedCapture capture, LoopbackScript script)
    {
        _app = app;
        _capture = capture;
        _script = script;
    }

    public ConcurrentQueue<DateTimeOffset> SnapshotRequests { get; } = new();

    /// <summary>Completed when a client's socket has gone (closed or aborted), per connection.</summary>
    public ConcurrentQueue<DateTimeOffset> SocketsGone { get; } = new();

    public BinanceVenueSettings Settings { get; private set; } = BinanceVenueSettings.Spot;

    public static async Task<LoopbackBinance> StartAsync(RecordedCapture capture, LoopbackScript script)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var venue = new LoopbackBinance(app, capture, script);
        app.UseWebSockets();
        app.Map("/ws/stream", venue.StreamAsync);
        foreach (var path in new[] { "/rest/api/v3/depth", "/rest/fapi/v1/depth", "/rest/dapi/v1/depth" }) app.MapGet(path, venue.DepthAsync);
        await app.StartAsync();
        var port = new Uri(app.Urls.First()).Port;
        venue.Settings = new BinanceVenueSettings(capture.Venue, $"ws://127.0.0.1:{port}/ws", $"http://127.0.0.1:{port}/rest");
        return venue;
    }

    private async Task StreamAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var first = Interlocked.Increment(ref _connections) == 1;
        var from = first ? 0 : (_script.DropAfter ?? 0) + _script.SkipOnResume;
        var to = first ? _script.DropAfter ?? _script.Lines : _script.Lines;
        var gone = context.RequestAborted;
        try
        {
            for (var i = from; i < to && !gone.IsCancellationRequested; i++)
            {
                if (_script.HoldAtSnapshot && i == _capture.SnapshotLine)
                {
                    _atSnapshot.TrySetResult();
                    await _snapshotServed.Task.WaitAsync(TimeSpan.FromSeconds(10), gone);
                    await Task.Delay(200, gone);
                }

                _position = i + 1;
                var line = _capture.Lines[i];
                if (!line.IsSnapshot) await socket.SendAsync(line.Json, WebSocketMessageType.Text, true, gone);
            }

            if (first && _script.DropAfter is not null)
            {
                // The fault hits a synced book: the snapshot has been served and had time to arrive.
                await _snapshotServed.Task.WaitAsync(TimeSpan.FromSeconds(5), gone);
                await Task.Delay(200, gone);
            }

            if (first && _script.DropAfter is not null && !_script.GoSilent)
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "dropped", gone);
                return;
            }

            var buffer = new byte[1024];
            while (socket.State == WebSocketState.Open && !(await socket.ReceiveAsync(buffer, gone)).CloseStatus.HasValue)
            {
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
        finally
        {
            SocketsGone.Enqueue(DateTimeOffset.UtcNow);
        }
    }

    private async Task DepthAsync(HttpContext context)
    {
        SnapshotRequests.Enqueue(DateTimeOffset.UtcNow);
        if (Interlocked.Increment(ref _refused) <= _script.RefuseSnapshots)
        {
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = _script.RetryAfterSeconds.ToString();
            return;
        }

        if (_script.HoldAtSnapshot && !_snapshotServed.Task.IsCompleted)
        {
            await _atSnapshot.Task.WaitAsync(TimeSpan.FromSeconds(10), context.RequestAborted);
        }

        var position = _position;
        var body = position <= _capture.SnapshotLine
            ? _capture.Lines[_capture.SnapshotLine].Json
            : OfflineBook.SnapshotAfter(_capture, position);
        context.Response.Headers["X-MBX-USED-WEIGHT-1m"] = "50";
        await context.Response.Body.WriteAsync(body);
        await context.Response.Body.FlushAsync();
        _snapshotServed.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

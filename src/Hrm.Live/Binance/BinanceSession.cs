using System.Collections.Concurrent;
using System.Threading.Channels;
using Akka.Streams;

namespace Hrm.Live.Binance;

/// <summary>
/// One materialisation of <see cref="BinanceConnector.Notices"/>: the connection loop (connect, reconnect with backoff,
/// rotate), the REST client, and the single loop that runs every input through <see cref="BinanceFeedState"/> in
/// arrival order and offers its notices downstream. Everything stops when the stream is cancelled.
/// </summary>
internal sealed class BinanceSession
{
    private readonly BinanceConnector _connector;
    private readonly BinanceOptions _options;
    private readonly TimeProvider _time = TimeProvider.System;
    private readonly ConnectAttemptGate _attempts;
    private readonly ConcurrentDictionary<int, WebSocketConnection> _connections = new();
    private readonly Channel<FeedInput> _inputs;
    private readonly CancellationTokenSource _stop = new();
    private int _lastConnection;

    public BinanceSession(BinanceConnector connector)
    {
        _connector = connector;
        _options = connector.Options;
        _attempts = new ConnectAttemptGate(_options.ConnectAttemptsPerWindow, _options.ConnectAttemptWindow);
        _inputs = Channel.CreateBounded<FeedInput>(new BoundedChannelOptions(_options.InputBuffer)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public void Start(ISourceQueueWithComplete<LiveNotice> queue)
    {
        queue.WatchCompletionAsync().ContinueWith(_ => _stop.Cancel(), TaskScheduler.Default);
        _ = Task.Run(() => RunAsync(queue));
    }

    private async Task RunAsync(ISourceQueueWithComplete<LiveNotice> queue)
    {
        var ct = _stop.Token;
        var settings = _connector.Settings;
        using var http = _connector.CreateHttpClient();
        var weight = _options.RestWeightPerMinute ?? BinanceUrls.WeightLimitPerMinute(settings.Venue) * 4 / 5;
        var snapshots = new SnapshotClient(settings, _options, http, new RestWeightGate(weight), _time, _connector.Clock);
        var state = new BinanceFeedState(settings.Venue, _connector.Instruments, _options.RotationTimeout);
        var output = new FeedOutput();
        var connections = SuperviseAsync(ct);
        Exception? failure = null;
        try
        {
            await foreach (var input in _inputs.Reader.ReadAllAsync(ct))
            {
                output.Clear();
                state.Handle(input, output);
                _connector.Observer?.Invoke(input, state, output);
                foreach (var notice in output.Notices)
                {
                    if (await queue.OfferAsync(notice) is not QueueOfferResult.Enqueued) return;
                }

                foreach (var command in output.Commands) Execute(command, snapshots, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (StreamDetachedException)
        {
        }
        catch (Exception e)
        {
            failure = e;
        }
        finally
        {
            await _stop.CancelAsync();
            await connections.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        if (failure is null) queue.Complete();
        else queue.Fail(failure);
    }

    private void Execute(FeedCommand command, SnapshotClient snapshots, CancellationToken ct)
    {
        switch (command)
        {
            case FetchSnapshot fetch:
                _ = snapshots.FetchAsync(fetch, _inputs.Writer, ct);
                break;
            case CloseConnection close when _connections.TryGetValue(close.Connection, out var connection):
                connection.Close(close.Reason);
                break;
        }
    }

    /// <summary>
    /// Keeps one connection open: reconnects after a drop (backoff grows while connections deliver nothing), and
    /// after <see cref="BinanceOptions.RotateAfter"/> opens the next one beside it; the state closes the old one once the
    /// new one has taken over.
    /// </summary>
    private async Task SuperviseAsync(CancellationToken ct)
    {
        var failures = 0;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var current = await OpenAsync(ct);
                while (await RotatedAsync(current, ct) is { } next) current = next;
                failures = current.Connection.DeliveredData ? 0 : failures + 1;
                await Task.Delay(Backoff.Delay(_options, failures, Random.Shared.NextDouble()), _time, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    /// <summary>Waits until <paramref name="current"/> ends (null) or has been replaced by a rotation (its successor).</summary>
    private async Task<Running?> RotatedAsync(Running current, CancellationToken ct)
    {
        using (var timer = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            var rotate = Task.Delay(_options.RotateAfter, _time, timer.Token);
            var first = await Task.WhenAny(current.Run, rotate);
            await timer.CancelAsync();
            if (first == current.Run) return null;
        }

        while (!current.Run.IsCompleted)
        {
            var standby = await OpenAsync(ct);
            if (await Task.WhenAny(current.Run, standby.Run) == current.Run) return standby;
            await Task.Delay(Backoff.Delay(_options, 0, Random.Shared.NextDouble()), _time, ct);
        }

        return null;
    }

    private async Task<Running> OpenAsync(CancellationToken ct)
    {
        for (var wait = _attempts.Delay(_time.GetUtcNow()); wait > TimeSpan.Zero; wait = _attempts.Delay(_time.GetUtcNow()))
            await Task.Delay(wait, _time, ct);
        _attempts.Record(_time.GetUtcNow());

        var url = BinanceUrls.CombinedStream(_connector.Settings, _connector.Instruments);
        var connection = new WebSocketConnection(++_lastConnection, url, _options, _connector.Clock);
        _connections[connection.Id] = connection;
        return new Running(connection, RunAsync(connection, ct));
    }

    private async Task RunAsync(WebSocketConnection connection, CancellationToken ct)
    {
        try
        {
            await connection.RunAsync(_inputs.Writer, ct);
        }
        finally
        {
            _connections.TryRemove(connection.Id, out _);
        }
    }

    private sealed record Running(WebSocketConnection Connection, Task Run);
}

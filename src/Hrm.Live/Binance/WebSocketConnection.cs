using System.Buffers;
using System.Net.WebSockets;
using System.Threading.Channels;

namespace Hrm.Live.Binance;

/// <summary>
/// One websocket connection: connects, reports <see cref="ConnectionUp"/>, writes each complete text frame, and reports
/// <see cref="ConnectionDown"/> with the reason it ended: closed by the venue, failed (a missing pong fails the
/// socket), the no-data watchdog, <see cref="Close"/>, or the stream stopping.
/// </summary>
internal sealed class WebSocketConnection(int id, Uri url, BinanceOptions options, Func<long> clock)
{
    private readonly CancellationTokenSource _close = new();
    private volatile string? _closeReason;

    public int Id { get; } = id;

    /// <summary>True once a frame arrived: the connection worked, so the reconnect backoff starts over.</summary>
    public bool DeliveredData { get; private set; }

    /// <summary>Ends the connection (aborts the socket) with <paramref name="reason"/>.</summary>
    public void Close(string reason)
    {
        _closeReason ??= reason;
        _close.Cancel();
    }

    public async Task RunAsync(ChannelWriter<FeedInput> inputs, CancellationToken stopped)
    {
        using var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = options.PingInterval;
        socket.Options.KeepAliveTimeout = options.PongTimeout;
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(stopped, _close.Token);
        string reason;
        var opened = false;
        try
        {
            using (var connecting = CancellationTokenSource.CreateLinkedTokenSource(ended.Token))
            {
                connecting.CancelAfter(options.ConnectTimeout);
                await socket.ConnectAsync(url, connecting.Token);
            }

            opened = true;
            await inputs.WriteAsync(new ConnectionUp(clock(), Id, url.ToString()), stopped);
            reason = await ReceiveAsync(socket, inputs, ended.Token);
        }
        catch (OperationCanceledException) when (stopped.IsCancellationRequested)
        {
            reason = "stopped";
        }
        catch (OperationCanceledException) when (_closeReason is not null)
        {
            reason = _closeReason;
        }
        catch (OperationCanceledException)
        {
            reason = opened ? $"no data for {options.NoDataTimeout.TotalSeconds:0.###} s" : "connect timed out";
        }
        catch (WebSocketException e)
        {
            reason = $"failed: {e.Message}";
        }
        finally
        {
            socket.Abort();
        }

        inputs.TryWrite(new ConnectionDown(clock(), Id, reason));
    }

    /// <summary>Reads frames until the venue closes; the watchdog cancels a read that waits longer than the timeout.</summary>
    private async Task<string> ReceiveAsync(ClientWebSocket socket, ChannelWriter<FeedInput> inputs, CancellationToken ended)
    {
        using var watchdog = CancellationTokenSource.CreateLinkedTokenSource(ended);
        var message = new ArrayBufferWriter<byte>(64 * 1024);
        while (true)
        {
            watchdog.CancelAfter(options.NoDataTimeout);
            var result = await socket.ReceiveAsync(message.GetMemory(16 * 1024), watchdog.Token);
            watchdog.CancelAfter(Timeout.InfiniteTimeSpan);
            if (result.MessageType == WebSocketMessageType.Close)
                return $"closed by venue: {socket.CloseStatus} {socket.CloseStatusDescription}".TrimEnd();

            message.Advance(result.Count);
            if (!result.EndOfMessage) continue;

            var nanos = clock();
            DeliveredData = true;
            if (result.MessageType == WebSocketMessageType.Text)
                await inputs.WriteAsync(new FrameReceived(nanos, Id, message.WrittenSpan.ToArray()), ended);
            message.ResetWrittenCount();
        }
    }
}

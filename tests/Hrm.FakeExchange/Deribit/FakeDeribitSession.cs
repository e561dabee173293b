using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Hrm.FakeExchange.Deribit;

/// <summary>
/// One client connection of the fake: answers <c>public/subscribe</c>, <c>public/unsubscribe</c>, <c>public/set_heartbeat</c>
/// and <c>public/test</c> in the recorded style, sends a <c>test_request</c> every heartbeat interval (closing the
/// connection when the previous one is still unanswered), and replays the market's notifications for the subscribed
/// channels once the first subscription arrived.
/// </summary>
internal sealed class FakeDeribitSession(
    WebSocket socket, FakeDeribitMarket market, int connection, Action<string, IReadOnlyList<string>> onRequest, Action onAnswered)
{
    private readonly SemaphoreSlim _send = new(1, 1);
    private readonly HashSet<string> _subscribed = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _firstSubscribe = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _end = new();
    private volatile bool _testPending;
    private volatile bool _silent;
    private string _reason = "client closed";

    public async Task<string> RunAsync(CancellationToken aborted)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, _end.Token);
        var replay = ReplayAsync(linked.Token);
        try
        {
            await ReceiveAsync(linked.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
        }

        await _end.CancelAsync();
        try
        {
            await replay;
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
        }

        if (socket.State == WebSocketState.Open) socket.Abort();
        return $"{connection}: {_reason}";
    }

    private async Task ReceiveAsync(CancellationToken token)
    {
        var buffer = new byte[1 << 16];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, token);
            if (result.MessageType == WebSocketMessageType.Close) return;
            using var request = JsonDocument.Parse(buffer.AsMemory(0, result.Count));
            var root = request.RootElement;
            var id = root.GetProperty("id").GetInt64();
            var method = root.GetProperty("method").GetString()!;
            var parameters = root.TryGetProperty("params", out var p) ? p : default;
            var channels = parameters.ValueKind == JsonValueKind.Object && parameters.TryGetProperty("channels", out var c)
                ? c.EnumerateArray().Select(e => e.GetString()!).ToList()
                : [];
            onRequest(method, channels);
            switch (method)
            {
                case "public/subscribe":
                    await Answer(id, JsonSerializer.Serialize(channels), token);
                    foreach (var channel in channels)
                    {
                        lock (_subscribed) _subscribed.Add(channel);
                        if (channel.StartsWith("book.", StringComparison.Ordinal) && market.DerivedSnapshot(channel) is { } snapshot)
                            await SendAsync(snapshot, token);
                    }

                    _firstSubscribe.TrySetResult();
                    break;
                case "public/unsubscribe":
                    lock (_subscribed) _subscribed.ExceptWith(channels);
                    await Answer(id, JsonSerializer.Serialize(channels), token);
                    break;
                case "public/set_heartbeat":
                    await Answer(id, "\"ok\"", token);
                    _ = HeartbeatAsync(TimeSpan.FromSeconds(parameters.GetProperty("interval").GetInt32()), token);
                    break;
                case "public/test":
                    _testPending = false;
                    onAnswered();
                    await Answer(id, """{"version":"1.2.26"}""", token);
                    break;
            }
        }
    }

    private async Task HeartbeatAsync(TimeSpan interval, CancellationToken token)
    {
        try
        {
            while (!token.IsCancellationRequested)
            {
                await Task.Delay(interval, token);
                if (_silent) continue;
                if (_testPending)
                {
                    End("test_request unanswered");
                    return;
                }

                _testPending = true;
                await SendAsync("""{"jsonrpc":"2.0","method":"heartbeat","params":{"type":"test_request"}}"""u8.ToArray(), token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
        }
    }

    private async Task ReplayAsync(CancellationToken token)
    {
        await _firstSubscribe.Task.WaitAsync(token);
        double? lastSeconds = null;
        while (market.Next() is { } next)
        {
            var (_, message, fault) = next;
            if (fault == "drop")
            {
                End("dropped by script");
                socket.Abort();
                return;
            }

            if (fault == "silent")
            {
                _silent = true;
                await Task.Delay(Timeout.Infinite, token);
            }

            if (market.Script.Speed is { } speed && lastSeconds is { } last && message.Seconds > last)
                await Task.Delay(TimeSpan.FromSeconds((message.Seconds - last) / speed), token);
            lastSeconds = message.Seconds;
            bool subscribed;
            lock (_subscribed) subscribed = _subscribed.Contains(message.Channel);
            if (!subscribed || fault == "skip") continue;
            await SendAsync(message.Json, token);
            if (fault == "twice") await SendAsync(message.Json, token);
        }
    }

    private void End(string reason)
    {
        _reason = reason;
        _end.Cancel();
    }

    private Task Answer(long id, string result, CancellationToken token) =>
        SendAsync(Encoding.UTF8.GetBytes($$"""{"jsonrpc":"2.0","id":{{id}},"result":{{result}},"usIn":0,"usOut":0,"usDiff":0,"testnet":false}"""), token);

    private async Task SendAsync(byte[] json, CancellationToken token)
    {
        await _send.WaitAsync(token);
        try
        {
            await socket.SendAsync(json, WebSocketMessageType.Text, true, token);
        }
        finally
        {
            _send.Release();
        }
    }
}

using System.Net.WebSockets;
using System.Threading.Channels;
using Hrm.MarketData.Deribit;
using Hrm.MarketData.Parsing;
using Hrm.Protocol.Market;

namespace Hrm.Live.Deribit;

/// <summary>
/// One websocket connection: sets the heartbeat, subscribes, then passes on every frame as a <see cref="RawMessage"/>
/// and what it means (<see cref="MarketUpdate"/> for option tickers, <see cref="DeribitBookApplied"/> and the book's
/// sync notices), answers each <c>test_request</c>, and ends when the socket closes or no heartbeat came for two
/// intervals. Returns why it ended and whether any frame arrived.
/// </summary>
internal sealed class DeribitSession(DeribitConnectorOptions options, int connection, DeribitTickerFilter tickers, ChannelWriter<LiveNotice> notices)
{
    private readonly ClientWebSocket _socket = new();
    private readonly DeribitBooks _books = new(connection);
    private readonly RejectCounts _rejects = new();
    private long _nextId;

    public bool Received { get; private set; }

    public async Task<string> RunAsync(CancellationToken stop)
    {
        using (_socket)
        {
            using var deadline = new CancellationTokenSource(Timeout.InfiniteTimeSpan, options.Clock);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, deadline.Token);
            try
            {
                await _socket.ConnectAsync(options.Url, linked.Token);
                await notices.WriteAsync(new ConnectionOpened(Now(), Venue.Deribit, connection, options.Url.ToString()), linked.Token);
                await SendAsync(DeribitRequests.SetHeartbeat(++_nextId, options.HeartbeatInterval), linked.Token);
                await SendAsync(DeribitRequests.Subscribe(++_nextId, options.Instruments.SelectMany(DeribitRequests.Channels)), linked.Token);
                deadline.CancelAfter(2 * options.HeartbeatInterval);
                return await ReceiveAsync(deadline, linked.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return "stopped";
            }
            catch (OperationCanceledException)
            {
                return "heartbeat timeout";
            }
            catch (WebSocketException ex)
            {
                return "dropped: " + ex.Message;
            }
        }
    }

    private async Task<string> ReceiveAsync(CancellationTokenSource deadline, CancellationToken token)
    {
        var buffer = new byte[1 << 16];
        using var frame = new MemoryStream();
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, token);
            if (result.MessageType == WebSocketMessageType.Close) return "closed by server: " + result.CloseStatusDescription;
            frame.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage) continue;
            var text = frame.ToArray();
            frame.SetLength(0);
            Received = true;
            await HandleAsync(text, deadline, token);
        }
    }

    private async Task HandleAsync(byte[] text, CancellationTokenSource deadline, CancellationToken token)
    {
        var now = Now();
        var message = DeribitMessageParser.Parse(text, now, _rejects);
        var stream = message switch
        {
            DeribitBookMessage m => m.Channel,
            DeribitTickerMessage m => m.Channel,
            DeribitChannelMessage m => m.Channel,
            DeribitHeartbeat => "heartbeat",
            _ => "rpc",
        };
        await notices.WriteAsync(new RawMessage(now, options.Capture, stream, text), token);
        switch (message)
        {
            case DeribitHeartbeat heartbeat:
                deadline.CancelAfter(2 * options.HeartbeatInterval);
                if (heartbeat.TestRequest) await SendAsync(DeribitRequests.Test(++_nextId), token);
                break;
            case DeribitTickerMessage ticker when tickers.IsNew(ticker.Quote):
                await notices.WriteAsync(new MarketUpdate(now, ticker.Quote), token);
                break;
            case DeribitBookMessage book:
                var bookNotices = _books.Apply(book.Update, now, out var resubscribe);
                foreach (var notice in bookNotices) await notices.WriteAsync(notice, token);
                if (resubscribe is not null)
                {
                    string[] channel = [DeribitRequests.BookChannel(resubscribe)];
                    await SendAsync(DeribitRequests.Unsubscribe(++_nextId, channel), token);
                    await SendAsync(DeribitRequests.Subscribe(++_nextId, channel), token);
                }

                break;
        }
    }

    private Task SendAsync(byte[] request, CancellationToken token) =>
        _socket.SendAsync(request, WebSocketMessageType.Text, true, token);

    private long Now() => options.NowNanos();
}

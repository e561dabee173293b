using System.Text.Json;
using System.Threading.Channels;
using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Hrm.Actors.Symbol;
using Hrm.Protocol.Layers;
using Microsoft.AspNetCore.Http;

namespace Hrm.Node.Api;

/// <summary>
/// <c>GET /symbols/{symbol}/signals/stream</c>: a subscriber actor on the symbol's distributed pub/sub topic feeds a
/// bounded channel that the request drains as server-sent events until the client goes away.
/// </summary>
public static class SignalStream
{
    /// <summary>Signals a client may fall behind by; beyond that the oldest are dropped (pub/sub is at most once anyway).</summary>
    public const int Buffer = 10_000;

    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static async Task RunAsync(HttpContext context, ActorSystem system, string symbol, CancellationToken stopping)
    {
        var channel = Channel.CreateBounded<AlphaSignal>(new BoundedChannelOptions(Buffer)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
            SingleWriter = true,
        });
        var subscribed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var topic = SignalTopics.For(symbol);
        var subscriber = system.ActorOf(Props.Create(() => new Subscriber(topic, channel.Writer, subscribed)));
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        try
        {
            await subscribed.Task.WaitAsync(TimeSpan.FromSeconds(10), cancel.Token);
            var response = context.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "text/event-stream";
            response.Headers.CacheControl = "no-cache";
            response.Headers["X-Accel-Buffering"] = "no";
            await response.WriteAsync($": subscribed to {topic}\n\n", cancel.Token);
            await response.Body.FlushAsync(cancel.Token);
            while (!cancel.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancel.Token);
                wait.CancelAfter(KeepAlive);
                bool more;
                try
                {
                    more = await channel.Reader.WaitToReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
                {
                    await response.WriteAsync(": keep-alive\n\n", cancel.Token);
                    await response.Body.FlushAsync(cancel.Token);
                    continue;
                }

                if (!more)
                {
                    break;
                }

                while (channel.Reader.TryRead(out var signal))
                {
                    var json = JsonSerializer.Serialize(ApiJson.Signal(signal), ApiJson.Options);
                    await response.WriteAsync($"event: signal\nid: {signal.Sequence}\ndata: {json}\n\n", cancel.Token);
                }

                await response.Body.FlushAsync(cancel.Token);
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // the client went away or the node is stopping
        }
        finally
        {
            system.Stop(subscriber);
        }
    }

    private sealed class Subscriber : ReceiveActor
    {
        private readonly string _topic;
        private readonly IActorRef _mediator;
        private readonly ChannelWriter<AlphaSignal> _writer;

        public Subscriber(string topic, ChannelWriter<AlphaSignal> writer, TaskCompletionSource subscribed)
        {
            _topic = topic;
            _writer = writer;
            _mediator = DistributedPubSub.Get(Context.System).Mediator;
            Receive<SubscribeAck>(_ => subscribed.TrySetResult());
            Receive<AlphaSignal>(signal => _writer.TryWrite(signal));
        }

        protected override void PreStart() => _mediator.Tell(new Subscribe(_topic, Self));

        protected override void PostStop()
        {
            _mediator.Tell(new Unsubscribe(_topic, Self));
            _writer.TryComplete();
        }
    }
}

using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Hrm.Actors.Symbol;
using Hrm.Protocol;
using Hrm.Protocol.Api;
using Hrm.Protocol.Layers;
using Microsoft.AspNetCore.Http;

namespace Hrm.Node.Api;

/// <summary>
/// <c>GET /symbols/{symbol}/signals/stream</c>: a subscriber actor on the symbol's distributed pub/sub topic feeds a
/// bounded channel that the request drains as server-sent events (<see cref="SignalEvents"/>) until the client goes
/// away or the node stops.
/// </summary>
public static class SignalStream
{
    /// <summary>Signals a client may fall behind by; beyond that the oldest are dropped (pub/sub is at most once anyway).</summary>
    public const int Buffer = 10_000;

    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan SubscribeTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Subscribes (the subscriber stops when the request ends) and returns the events to stream.</summary>
    public static async Task<IAsyncEnumerable<SseItem<string>>> OpenAsync(HttpContext context, ActorSystem system, string symbol, CancellationToken stopping)
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
        context.Response.RegisterForDispose(new StopSubscriber(system, subscriber));
        await subscribed.Task.WaitAsync(SubscribeTimeout, context.RequestAborted);
        return Events(channel.Reader, topic, stopping);
    }

    private static async IAsyncEnumerable<SseItem<string>> Events(
        ChannelReader<AlphaSignal> signals, string topic, CancellationToken stopping, [EnumeratorCancellation] CancellationToken aborted = default)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(aborted, stopping);
        yield return new SseItem<string>(topic, SignalEvents.Subscribed);
        while (await NextAsync(signals, cancel.Token) is { } ready)
        {
            if (!ready)
            {
                yield return new SseItem<string>("", SignalEvents.KeepAlive);
                continue;
            }

            while (signals.TryRead(out var signal))
            {
                yield return new SseItem<string>(JsonSerializer.Serialize(SignalRow.From(signal), HrmJson.Web), SignalEvents.Signal)
                {
                    EventId = signal.Sequence.ToString(CultureInfo.InvariantCulture),
                };
            }
        }
    }

    /// <summary>True: signals to read; false: none for <see cref="KeepAlive"/>; null: the stream is over.</summary>
    private static async Task<bool?> NextAsync(ChannelReader<AlphaSignal> signals, CancellationToken cancel)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        wait.CancelAfter(KeepAlive);
        try
        {
            return await signals.WaitToReadAsync(wait.Token) ? true : null;
        }
        catch (OperationCanceledException)
        {
            return cancel.IsCancellationRequested ? null : false;
        }
    }

    private sealed class StopSubscriber(ActorSystem system, IActorRef subscriber) : IDisposable
    {
        public void Dispose() => system.Stop(subscriber);
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

using Akka.Actor;
using Hrm.Protocol.Layers;

namespace Hrm.Backtesting;

/// <summary>
/// Collects the <see cref="LayerOutputs"/> that entities publish on the event stream (settings
/// <c>PublishLayerOutputs</c>), keeping those the filter wants. A tick at or before the last one kept for its entity
/// is a regeneration after recovery and is dropped, so each tick is recorded once.
/// </summary>
public sealed class LayerOutputsRecorder : ReceiveActor
{
    /// <summary>Asks for everything recorded so far, per entity in event-time order.</summary>
    public sealed record Collect;

    /// <summary>The reply to <see cref="Collect"/>.</summary>
    public sealed record Collected(IReadOnlyDictionary<string, IReadOnlyList<LayerOutputs>> ByEntity);

    /// <summary>Sent back once the recorder is subscribed: outputs published after this are not missed.</summary>
    public sealed record Subscribed;

    private readonly Dictionary<string, List<LayerOutputs>> _byEntity = new(StringComparer.Ordinal);

    public LayerOutputsRecorder(Func<LayerOutputs, bool> keep)
    {
        Receive<Subscribed>(_ => Sender.Tell(new Subscribed()));
        Receive<LayerOutputs>(o =>
        {
            if (!keep(o)) return;
            if (!_byEntity.TryGetValue(o.Symbol, out var list))
            {
                _byEntity[o.Symbol] = list = [];
            }

            if (list.Count == 0 || o.TsEvent > list[^1].TsEvent)
            {
                list.Add(o);
            }
        });
        Receive<Collect>(_ => Sender.Tell(new Collected(
            _byEntity.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<LayerOutputs>)kv.Value.ToArray(), StringComparer.Ordinal))));
    }

    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(LayerOutputs));

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);
}

/// <summary>Starting a <see cref="LayerOutputsRecorder"/> and reading it back.</summary>
public static class LayerOutputsRecording
{
    /// <summary>Starts a recorder and waits until it is subscribed.</summary>
    public static async Task<IActorRef> StartAsync(ActorSystem system, Func<LayerOutputs, bool> keep)
    {
        var recorder = system.ActorOf(Props.Create(() => new LayerOutputsRecorder(keep)));
        await recorder.Ask<LayerOutputsRecorder.Subscribed>(new LayerOutputsRecorder.Subscribed(), TimeSpan.FromSeconds(30));
        return recorder;
    }

    /// <summary>
    /// What was recorded. Entities publish before they acknowledge their feed, so once the replay has been
    /// acknowledged, everything it produced is already in this mailbox, ahead of the request.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<LayerOutputs>>> CollectAsync(IActorRef recorder) =>
        (await recorder.Ask<LayerOutputsRecorder.Collected>(new LayerOutputsRecorder.Collect(), TimeSpan.FromMinutes(2))).ByEntity;
}

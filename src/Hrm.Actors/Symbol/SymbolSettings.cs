using Hrm.Protocol.Market;
using Hrm.Signals.Engine;

namespace Hrm.Actors.Symbol;

/// <summary>
/// How a symbol entity runs. <see cref="DecisionTick"/> is the event-time grid on which layers exchange context and
/// evidence and the integrator decides; results depend on it (and on nothing else, batching included).
/// </summary>
public sealed record SymbolSettings
{
    public TimeSpan DecisionTick { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Snapshot the layer state after this many applied events (raw events are never journaled).</summary>
    public long SnapshotEveryEvents { get; init; } = 250_000;

    /// <summary>The venue whose trades build the meso bars and set the reference price.</summary>
    public Venue PrimaryVenue { get; init; } = Venue.BinanceUsdm;

    /// <summary>
    /// When set, the entity publishes <see cref="Protocol.Layers.LayerOutputs"/> on the actor system's event stream at
    /// every decision tick (evaluation: layer-alone baselines, per-layer metrics), with the layers' feature vector: every
    /// step then asks its layer for its features. Off in production.
    /// </summary>
    public bool PublishLayerOutputs { get; init; }

    /// <summary>
    /// The learned hierarchy the entity serves instead of the hand-set integrator (<c>model.json</c> of
    /// <c>hrm discover</c>, docs/LEARNING.md "Serving"); null = the hand-set integrator. Every step then asks its layer
    /// for its features, which the model reads.
    /// </summary>
    public Signals.Learning.Hierarchy.LearnedModel? Model { get; init; }

    /// <summary>Where live feeds connect (the node's connector settings); null where no live feed may run (backtests).</summary>
    public Live.ILiveConnectorFactory? Live { get; init; }

    public long DecisionTickNanos => DecisionTick.Ticks * 100;

    /// <summary>What the engine takes of these (features written when the layer outputs are published or a model reads them).</summary>
    public EngineSettings Engine => new(DecisionTickNanos, PrimaryVenue, Model, PublishLayerOutputs);
}

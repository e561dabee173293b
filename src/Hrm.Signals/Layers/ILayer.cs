using Hrm.Protocol;
using Hrm.Protocol.Commands;
using Hrm.Protocol.Layers;
using Hrm.Protocol.Market;

namespace Hrm.Signals.Layers;

/// <summary>
/// One scale of the hierarchy as a pure state machine. The symbol engine calls <see cref="Observe"/> with what the
/// other layers said at the last decision tick, then <see cref="Apply"/> for each routed event in event-time order,
/// and reads <see cref="ILayer{TOut}.Output"/> without changing anything. The same calls in the same order give the
/// same output, and <see cref="ExportState"/> followed by a <see cref="LayerFactories"/> load continues exactly where
/// it stopped.
/// </summary>
public interface ILayer
{
    LayerKind Kind { get; }

    /// <summary>Cross-layer input; each layer takes what is meant for it and ignores the rest (nulls are "no news").</summary>
    void Observe(MacroContext? macro, MesoContext? meso, MicroEvidence? micro, MesoEvidence? mesoEvidence);

    void Apply(MarketEvent marketEvent);

    /// <summary>
    /// Stops (false) or resumes (true) every update of what the layer learns from outcomes — learned probabilities,
    /// model refits — while inference on new data goes on: a walk-forward test window must not learn from itself.
    /// </summary>
    void SetLearning(bool enabled);

    /// <summary>
    /// Writes the layer's continuous features as of <paramref name="tsEvent"/> into <paramref name="into"/>, its own
    /// slice of the feature vector (<see cref="FeatureSchema.Slice"/>, length = the layer's feature count), every element
    /// written, NaN where the input is absent. A pure read like <see cref="Output"/>: calling it or not changes no signal.
    /// </summary>
    void WriteFeatures(long tsEvent, Span<double> into);

    byte[] ExportState();
}

/// <summary>A layer with its output type: macro → <see cref="MacroSignal"/>, meso → <see cref="MesoSignal"/>, micro → <see cref="MicroEvidence"/>.</summary>
public interface ILayer<out TOut> : ILayer where TOut : class, IHrmMessage
{
    /// <summary>The layer's current view stamped <paramref name="tsEvent"/>, or null while the layer is not ready (never a made-up value). Pure read.</summary>
    TOut? Output(long tsEvent);
}

using Akka.Actor;
using Hrm.Protocol.Commands;
using Hrm.Protocol.Layers;
using Hrm.Signals.Layers;

namespace Hrm.Actors.Layers;

/// <summary>
/// Hosts one layer (macro, meso or micro) of a symbol: applies each step and answers with the layer's output, its
/// features when the step asks for them, and its state when the parent snapshots. All cross-layer traffic goes through
/// the parent, in lockstep.
/// </summary>
public sealed class LayerActor : ReceiveActor
{
    private readonly ILayer _layer;

    public LayerActor(LayerKind kind, string symbol, byte[]? state)
    {
        _layer = LayerFactory.Create(kind, symbol, state);
        Receive<LayerStep>(Handle);
    }

    public static Props Props(LayerKind kind, string symbol, byte[]? state) =>
        Akka.Actor.Props.Create(() => new LayerActor(kind, symbol, state));

    private void Handle(LayerStep step)
    {
        if (step.Learning is { } learning)
        {
            _layer.SetLearning(learning);
        }

        _layer.Observe(step.Macro, step.Meso, step.Micro, step.MesoEvidence);
        foreach (var marketEvent in step.Events)
        {
            _layer.Apply(marketEvent);
        }

        var output = _layer.Output(step.TsEvent);
        double[]? features = null;
        if (step.Features)
        {
            features = new double[FeatureSchema.Slice(_layer.Kind).Count];
            _layer.WriteFeatures(step.TsEvent, features);
        }

        var state = step.CaptureState ? _layer.ExportState() : null;
        Sender.Tell(new LayerStepDone(
            step.Symbol,
            step.StepId,
            _layer.Kind,
            output as MacroSignal,
            output as MesoSignal,
            output as MicroEvidence,
            state,
            features));
    }
}

using Hrm.Protocol;
using Hrm.Protocol.Commands;
using Hrm.Protocol.Layers;
using Hrm.Protocol.Market;
using Hrm.Signals.Layers;

namespace Hrm.Testing;

/// <summary>
/// A stand-in layer whose output the test sets (<see cref="Next"/>) and which records what the engine tells it: the
/// events applied, the cross-layer news observed, learning switches and feature reads. Throws on an event
/// <see cref="FailOn"/> picks; exports a recognisable state ([kind, 42]).
/// </summary>
public sealed class ScriptedLayer<TOut>(LayerKind kind, byte[]? restoredFrom) : ILayer<TOut> where TOut : class, IHrmMessage
{
    public TOut? Next { get; set; }

    public byte[]? RestoredFrom { get; } = restoredFrom;

    public List<MarketEvent> Applied { get; } = [];

    public List<(MacroContext? Macro, MesoContext? Meso, MicroEvidence? Micro, MesoEvidence? MesoEvidence)> Observed { get; } = [];

    public List<bool> Learning { get; } = [];

    public int Outputs { get; private set; }

    public int FeatureReads { get; private set; }

    public Func<MarketEvent, bool>? FailOn { get; set; }

    public LayerKind Kind => kind;

    public void Observe(MacroContext? macro, MesoContext? meso, MicroEvidence? micro, MesoEvidence? mesoEvidence)
    {
        if (macro is not null || meso is not null || micro is not null || mesoEvidence is not null)
        {
            Observed.Add((macro, meso, micro, mesoEvidence));
        }
    }

    public void Apply(MarketEvent marketEvent)
    {
        if (FailOn?.Invoke(marketEvent) == true)
        {
            throw new InvalidOperationException($"{kind} layer failed");
        }

        Applied.Add(marketEvent);
    }

    public void SetLearning(bool enabled) => Learning.Add(enabled);

    public TOut? Output(long tsEvent)
    {
        Outputs++;
        return Next;
    }

    public void WriteFeatures(long tsEvent, Span<double> into)
    {
        FeatureReads++;
        for (var i = 0; i < into.Length; i++)
        {
            into[i] = (int)kind * 100 + i + 0.5;
        }
    }

    public byte[] ExportState() => [(byte)kind, 42];
}

/// <summary>Three scripted layers, the latest of each kind made, and every state they were made from.</summary>
public sealed class ScriptedLayers
{
    public ScriptedLayer<MacroSignal> Macro { get; private set; } = null!;

    public ScriptedLayer<MesoSignal> Meso { get; private set; } = null!;

    public ScriptedLayer<MicroEvidence> Micro { get; private set; } = null!;

    /// <summary>Each layer made, in order, with the state it was restored from (null: fresh).</summary>
    public List<(LayerKind Kind, byte[]? State)> Made { get; } = [];

    /// <summary>Set on every micro layer made from now on.</summary>
    public Func<MarketEvent, bool>? MicroFailsOn { get; set; }

    public LayerFactories Factories => new(
        (_, state) => Macro = Track(new ScriptedLayer<MacroSignal>(LayerKind.Macro, state), state),
        (_, state) => Meso = Track(new ScriptedLayer<MesoSignal>(LayerKind.Meso, state), state),
        (_, state) => Micro = Track(new ScriptedLayer<MicroEvidence>(LayerKind.Micro, state) { FailOn = MicroFailsOn }, state));

    private T Track<T>(T layer, byte[]? state) where T : ILayer
    {
        lock (Made)
        {
            Made.Add((layer.Kind, state));
        }

        return layer;
    }
}

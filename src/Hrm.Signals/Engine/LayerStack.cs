using Hrm.Protocol.Commands;
using Hrm.Protocol.Layers;
using Hrm.Protocol.Market;
using Hrm.Signals.Layers;
using MessagePack;

namespace Hrm.Signals.Engine;

/// <summary>
/// A symbol's three layers, what each said last, and what each is told next: the events routed to it, context from
/// above and evidence from below. Layers reason in steps: a step switches learning when asked, hands over the
/// cross-layer news, applies the events routed since the last step in order, then reads the output (and the
/// features). Steps come at every tick close and at the end of every feed batch, so a layer's learning switch takes
/// effect before the events of its next step.
/// </summary>
[MessagePackObject]
public sealed class LayerStack
{
    [Key(0)] private MacroSignal? _macro;
    [Key(1)] private MesoSignal? _meso;
    [Key(2)] private MicroEvidence? _micro;

    /// <summary>Every layer's last feature slice (NaN until the layer answered with features); see <see cref="FeatureSchema"/>.</summary>
    [Key(3)] private double[] _features = FeatureSchema.Unavailable();

    [IgnoreMember] private ILayer<MacroSignal> _macroLayer = null!;
    [IgnoreMember] private ILayer<MesoSignal> _mesoLayer = null!;
    [IgnoreMember] private ILayer<MicroEvidence> _microLayer = null!;
    [IgnoreMember] private readonly List<MarketEvent>[] _events = [[], [], []];
    [IgnoreMember] private readonly Inbound[] _inbound = [new(), new(), new()];

    /// <summary>Makes the layers, fresh or from their saved states (a new stack or one just deserialized).</summary>
    public LayerStack Attach(LayerFactories factories, string symbol, LayerStates? saved = null)
    {
        static byte[]? State(byte[]? state) => state is { Length: > 0 } ? state : null;
        _macroLayer = factories.Macro(symbol, State(saved?.Macro));
        _mesoLayer = factories.Meso(symbol, State(saved?.Meso));
        _microLayer = factories.Micro(symbol, State(saved?.Micro));
        if (_features.Length != FeatureSchema.Count)
        {
            _features = FeatureSchema.Unavailable(); // saved under another schema
        }

        return this;
    }

    /// <summary>The macro layer's latest output.</summary>
    [IgnoreMember] public MacroSignal? Macro => _macro;

    /// <summary>The meso layer's latest output (the active pattern).</summary>
    [IgnoreMember] public MesoSignal? Meso => _meso;

    /// <summary>The micro evidence of the last step.</summary>
    [IgnoreMember] public MicroEvidence? Micro => _micro;

    /// <summary>The feature vector as of the layers' last answers (a copy; NaN for a layer that has not answered with features).</summary>
    public double[] Features() => (double[])_features.Clone();

    /// <summary>Queues an event for the layer that reasons on it.</summary>
    public void Route(LayerKind kind, MarketEvent e) => _events[(int)kind].Add(e);

    /// <summary>What a layer is told on its next step (context down, evidence up); null fields keep what is queued.</summary>
    public void Tell(LayerKind kind, MacroContext? macro = null, MesoContext? meso = null, MicroEvidence? micro = null, MesoEvidence? mesoEvidence = null)
    {
        var inbound = _inbound[(int)kind];
        inbound.Macro = macro ?? inbound.Macro;
        inbound.Meso = meso ?? inbound.Meso;
        inbound.Micro = micro ?? inbound.Micro;
        inbound.MesoEvidence = mesoEvidence ?? inbound.MesoEvidence;
    }

    /// <summary>Every layer stops (false) or resumes learning before the events of its next step.</summary>
    public void SetLearning(bool enabled)
    {
        foreach (var inbound in _inbound)
        {
            inbound.Learning = enabled;
        }
    }

    /// <summary>True when the layer has events or cross-layer news waiting.</summary>
    public bool HasWork(LayerKind kind) => _events[(int)kind].Count > 0 || _inbound[(int)kind].Any;

    /// <summary>Steps every layer that has work and reads its output stamped <paramref name="tsEvent"/> (and its features).</summary>
    public void Step(long tsEvent, bool features)
    {
        if (Take(LayerKind.Macro, _macroLayer))
        {
            _macro = _macroLayer.Output(tsEvent);
            ReadFeatures(_macroLayer, tsEvent, features);
        }

        if (Take(LayerKind.Meso, _mesoLayer))
        {
            _meso = _mesoLayer.Output(tsEvent);
            ReadFeatures(_mesoLayer, tsEvent, features);
        }

        if (Take(LayerKind.Micro, _microLayer))
        {
            _micro = _microLayer.Output(tsEvent);
            ReadFeatures(_microLayer, tsEvent, features);
        }
    }

    /// <summary>
    /// The layers' states, each after taking what is queued for it; the outputs are not read again (a snapshot
    /// records the state the outputs came from, and the next step reads them).
    /// </summary>
    public LayerStates Export()
    {
        Take(LayerKind.Macro, _macroLayer);
        Take(LayerKind.Meso, _mesoLayer);
        Take(LayerKind.Micro, _microLayer);
        return new(_macroLayer.ExportState(), _mesoLayer.ExportState(), _microLayer.ExportState());
    }

    private bool Take(LayerKind kind, ILayer layer)
    {
        if (!HasWork(kind))
        {
            return false;
        }

        var inbound = _inbound[(int)kind];
        if (inbound.Learning is { } learning)
        {
            layer.SetLearning(learning);
        }

        layer.Observe(inbound.Macro, inbound.Meso, inbound.Micro, inbound.MesoEvidence);
        foreach (var e in _events[(int)kind])
        {
            layer.Apply(e);
        }

        _events[(int)kind].Clear();
        _inbound[(int)kind] = new Inbound();
        return true;
    }

    private void ReadFeatures(ILayer layer, long tsEvent, bool features)
    {
        if (features)
        {
            var slice = FeatureSchema.Slice(layer.Kind);
            layer.WriteFeatures(tsEvent, _features.AsSpan(slice.Offset, slice.Count));
        }
    }

    /// <summary>What a layer will be told on its next step.</summary>
    private sealed class Inbound
    {
        public MacroContext? Macro;
        public MesoContext? Meso;
        public MicroEvidence? Micro;
        public MesoEvidence? MesoEvidence;
        public bool? Learning;

        public bool Any => Macro is not null || Meso is not null || Micro is not null || MesoEvidence is not null || Learning is not null;
    }
}

/// <summary>The three layers' saved states (<see cref="ILayer.ExportState"/>); an empty array is a fresh layer.</summary>
public sealed record LayerStates(byte[] Macro, byte[] Meso, byte[] Micro);

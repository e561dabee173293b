using Hrm.Protocol;
using Hrm.Protocol.Commands;
using Hrm.Protocol.Layers;
using Hrm.Signals.Layers;

namespace Hrm.Signals.Tests;

/// <summary>Tests that run every layer alike: a layer by kind from <see cref="LayerFactories.Default"/>, and its output untyped.</summary>
internal static class LayerFactory
{
    public static ILayer Create(LayerKind kind, string symbol, byte[]? state) => kind switch
    {
        LayerKind.Macro => LayerFactories.Default.Macro(symbol, state),
        LayerKind.Meso => LayerFactories.Default.Meso(symbol, state),
        _ => LayerFactories.Default.Micro(symbol, state),
    };

    public static IHrmMessage? Output(this ILayer layer, long tsEvent) => layer switch
    {
        ILayer<MacroSignal> macro => macro.Output(tsEvent),
        ILayer<MesoSignal> meso => meso.Output(tsEvent),
        ILayer<MicroEvidence> micro => micro.Output(tsEvent),
        _ => throw new ArgumentException($"{layer.GetType()} has no known output type", nameof(layer)),
    };
}

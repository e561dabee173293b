using Hrm.Protocol.Layers;

namespace Hrm.Signals.Layers;

/// <summary>
/// Makes a symbol's three layers, fresh (state null) or restored from <see cref="ILayer.ExportState"/> bytes. The
/// engine takes them from here; a test swaps one layer for its own.
/// </summary>
public sealed record LayerFactories(
    Func<string, byte[]?, ILayer<MacroSignal>> Macro,
    Func<string, byte[]?, ILayer<MesoSignal>> Meso,
    Func<string, byte[]?, ILayer<MicroEvidence>> Micro)
{
    public static LayerFactories Default { get; } = new(
        (symbol, state) => state is null ? new MacroLayer(symbol) : StateCodec.Load<MacroLayer>(state),
        (symbol, state) => state is null ? new MesoLayer(symbol) : StateCodec.Load<MesoLayer>(state),
        (symbol, state) => state is null ? new MicroLayer(symbol) : StateCodec.Load<MicroLayer>(state));
}

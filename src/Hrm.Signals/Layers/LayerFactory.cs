using Hrm.Protocol.Commands;

namespace Hrm.Signals.Layers;

/// <summary>Makes a layer fresh (state null) or restores it from <see cref="ILayer.ExportState"/> bytes.</summary>
public static class LayerFactory
{
    public static ILayer Create(LayerKind kind, string symbol, byte[]? state) => kind switch
    {
        LayerKind.Macro => state is null ? new MacroLayer(symbol) : StateCodec.Load<MacroLayer>(state),
        LayerKind.Meso => state is null ? new MesoLayer(symbol) : StateCodec.Load<MesoLayer>(state),
        LayerKind.Micro => state is null ? new MicroLayer(symbol) : StateCodec.Load<MicroLayer>(state),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}

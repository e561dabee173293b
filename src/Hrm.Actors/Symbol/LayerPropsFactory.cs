using Akka.Actor;
using Hrm.Actors.Layers;
using Hrm.Protocol.Commands;

namespace Hrm.Actors.Symbol;

/// <summary>Makes the props of a symbol's layer child from its kind, symbol and saved state (tests swap in probes).</summary>
public delegate Props LayerPropsFactory(LayerKind kind, string symbol, byte[]? state);

public static class LayerProps
{
    public static readonly LayerPropsFactory Default = LayerActor.Props;
}

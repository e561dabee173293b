using Hrm.Protocol.Layers;
using Hrm.Protocol.Market;
using Hrm.Signals.Engine;

namespace Hrm.Actors.Symbol;

/// <summary>
/// One feed batch going through a symbol's engine: each event routed in order, each tick closed as the next one
/// starts, and the open tick closed at the end of the feed. Pauses (returns false) where a tick may not close yet
/// because the leader's view up to its end is not final; <see cref="Advance"/> again once it is.
/// </summary>
public sealed class BatchRun(SymbolEngine engine, MarketEvent[] events, bool endOfFeed, Action<LayerOutputs>? publish)
{
    /// <summary>Events of the batch routed so far.</summary>
    public int Routed { get; private set; }

    /// <summary>Signals the closed ticks emitted, in order.</summary>
    public List<AlphaSignal> Emitted { get; } = [];

    /// <summary>Goes on from where it stopped; true once the batch is done, false while it waits for the leader.</summary>
    public bool Advance()
    {
        for (; Routed < events.Length; Routed++)
        {
            var next = events[Routed];
            if (engine.ClosesTick(next) && !CloseTick())
            {
                return false;
            }

            engine.Route(next);
        }

        engine.Step();
        return !(endOfFeed && engine.TickOpen) || CloseTick();
    }

    private bool CloseTick()
    {
        if (!engine.LeaderReady())
        {
            return false;
        }

        if (engine.CloseTick(publish) is { } signal)
        {
            Emitted.Add(signal);
        }

        return true;
    }
}

using Akka.Actor;
using Akka.Event;
using Hrm.Protocol.Layers;
using Hrm.Signals.Engine;

namespace Hrm.Actors.Symbol;

/// <summary>
/// The entity's side of cross-asset context over the cluster: as a follower it subscribes to its leader's context
/// topic and asks the leader for what it missed (again on a gap or a lost answer); as a leader it publishes its macro
/// changes and watermark after every batch. What the contexts mean is <see cref="LeaderView"/>'s.
/// </summary>
internal sealed class LeaderLink(string symbol, IEntityCluster cluster, ILoggingAdapter log)
{
    private long _publishedWatermark = long.MinValue;

    /// <summary>Subscribes to the leader's context topic and asks the leader for what it has so far.</summary>
    public void Start(SymbolEngine engine, IActorRef self)
    {
        if (engine.Leader.Leader is { } leader)
        {
            cluster.Subscribe(SignalTopics.Context(leader), self);
            Ask(engine, self);
        }
    }

    /// <summary>Takes a context; true when it continues what is known, false after asking the leader again for a gap.</summary>
    public bool Accept(SymbolEngine engine, LeaderContext context, IActorRef self)
    {
        if (engine.Leader.Accept(context))
        {
            return true;
        }

        Ask(engine, self);
        return false;
    }

    /// <summary>A follower must not wait on a lost answer: it asks again.</summary>
    public void AskFailed(SymbolEngine engine, Exception cause, IActorRef self)
    {
        log.Warning("{0}: asking leader {1} failed ({2}); asking again", symbol, engine.Leader.Leader, cause.Message);
        Ask(engine, self);
    }

    /// <summary>Publishes this symbol's macro changes since the last publication, when its watermark moved.</summary>
    public void Publish(SymbolEngine engine, bool final)
    {
        var context = engine.ContextSince(_publishedWatermark, final);
        if (context.Watermark != _publishedWatermark)
        {
            cluster.Publish(SignalTopics.Context(symbol), context);
            _publishedWatermark = context.Watermark;
        }
    }

    private void Ask(SymbolEngine engine, IActorRef self)
    {
        if (engine.Leader.Leader is { } leader)
        {
            cluster.AskLeader(new GetLeaderContext(leader, engine.Leader.Watermark)).PipeTo(self);
        }
    }
}

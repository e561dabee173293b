using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.PublishSubscribe;
using Hrm.Actors.Hosting;
using Hrm.Protocol.Layers;

namespace Hrm.Actors.Symbol;

/// <summary>
/// What a symbol entity asks of the cluster around it: pub/sub for its signals and its leader context, the shard
/// region to ask a leader, the registry of added symbols, and passivation. Injected, so an entity runs in a plain
/// actor system with <see cref="NoCluster"/>.
/// </summary>
public interface IEntityCluster
{
    void Publish(string topic, object message);

    void Subscribe(string topic, IActorRef subscriber);

    /// <summary>Asks the leader's entity, wherever it lives, for its context.</summary>
    Task<LeaderContext> AskLeader(GetLeaderContext ask);

    /// <summary>Lists the symbol as added (true) or not (false) in <see cref="SymbolRegistry"/>.</summary>
    void List(string symbol, bool added);

    /// <summary>Stops the entity for good (so remember-entities forgets it).</summary>
    void Passivate(IActorContext entity);
}

/// <summary>The cluster of a node that hosts the symbol shard region.</summary>
public sealed class ShardedEntityCluster(ActorSystem system) : IEntityCluster
{
    private static readonly TimeSpan LeaderAskTimeout = TimeSpan.FromMinutes(1);

    private readonly IActorRef _mediator = DistributedPubSub.Get(system).Mediator;

    public void Publish(string topic, object message) => _mediator.Tell(new Publish(topic, message));

    public void Subscribe(string topic, IActorRef subscriber) => _mediator.Tell(new Subscribe(topic, subscriber));

    public Task<LeaderContext> AskLeader(GetLeaderContext ask) =>
        ClusterSharding.Get(system).ShardRegion(HrmHostingExtensions.SymbolRegion).Ask<LeaderContext>(ask, LeaderAskTimeout);

    public void List(string symbol, bool added)
    {
        if (added)
        {
            SymbolRegistry.Add(system, symbol);
        }
        else
        {
            SymbolRegistry.Remove(system, symbol);
        }
    }

    public void Passivate(IActorContext entity) => entity.Parent.Tell(new Passivate(PoisonPill.Instance));
}

/// <summary>No cluster: nothing is published or listed, no leader answers, and passivation stops the entity.</summary>
public sealed class NoCluster : IEntityCluster
{
    public static readonly NoCluster Instance = new();

    public void Publish(string topic, object message)
    {
    }

    public void Subscribe(string topic, IActorRef subscriber)
    {
    }

    public Task<LeaderContext> AskLeader(GetLeaderContext ask) => new TaskCompletionSource<LeaderContext>().Task;

    public void List(string symbol, bool added)
    {
    }

    public void Passivate(IActorContext entity) => entity.Stop(entity.Self);
}

using Akka.Actor;
using Akka.Cluster;
using Akka.DistributedData;

namespace Hrm.Actors.Symbol;

/// <summary>
/// The symbols the desk has added (an attached feed), kept in distributed data so any node (the API) can list them
/// without asking every shard. Entities add themselves when a feed is attached or recovered and remove themselves when
/// removed; the set is rebuilt that way after a full restart (remember-entities starts them).
/// </summary>
public static class SymbolRegistry
{
    public static readonly ORSetKey<string> Key = new("hrm-symbols");

    public static void Add(ActorSystem system, string symbol) => Modify(system, (set, node) => set.Add(node, symbol));

    public static void Remove(ActorSystem system, string symbol) => Modify(system, (set, node) => set.Remove(node, symbol));

    /// <summary>The symbols this node knows of (local replica, eventually consistent across nodes), sorted.</summary>
    public static async Task<IReadOnlyList<string>> ListAsync(ActorSystem system, TimeSpan timeout)
    {
        var replicator = DistributedData.Get(system).Replicator;
        var response = await replicator.Ask<IGetResponse>(Dsl.Get(Key, ReadLocal.Instance), timeout);
        return response is GetSuccess success
            ? [.. success.Get(Key).Elements.Order(StringComparer.Ordinal)]
            : [];
    }

    private static void Modify(ActorSystem system, Func<ORSet<string>, UniqueAddress, ORSet<string>> change)
    {
        var node = Cluster.Get(system).SelfUniqueAddress;
        DistributedData.Get(system).Replicator.Tell(
            Dsl.Update(Key, ORSet<string>.Empty, WriteLocal.Instance, set => change(set, node)));
    }
}

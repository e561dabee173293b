using Akka.Cluster.Sharding;
using Hrm.Protocol;

namespace Hrm.Actors.Symbol;

/// <summary>Routes every <see cref="IWithSymbol"/> message to the entity named by its symbol.</summary>
public sealed class SymbolMessageExtractor(int maxNumberOfShards) : HashCodeMessageExtractor(maxNumberOfShards)
{
    /// <summary>About ten shards per node of the largest cluster we plan for.</summary>
    public const int DefaultShardCount = 100;

    public override string? EntityId(object message) => (message as IWithSymbol)?.Symbol;
}

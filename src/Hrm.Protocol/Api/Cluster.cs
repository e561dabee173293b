namespace Hrm.Protocol.Api;

/// <summary>
/// <c>GET /cluster</c>: the members as the node asked sees them, the leader, and per shard region its counts
/// (<see cref="Shards"/> null, with <see cref="ShardsError"/>, when the coordinator did not answer).
/// </summary>
public sealed record ClusterView(
    string Self, string? Leader, ClusterMember[] Members, string[] Unreachable, ShardRegionView[]? Shards, string? ShardsError);

public sealed record ClusterMember(string Address, string Status, string[] Roles, bool IsSelf, bool Reachable);

public sealed record ShardRegionView(string Node, int Shards, int Entities, int FailedShards);

using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Hrm.Protocol.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hrm.Node.Api;

/// <summary><c>/cluster</c>: the members as this node sees them and the shard regions' counts.</summary>
public static class ClusterEndpoints
{
    public static void MapCluster(this IEndpointRouteBuilder app) =>
        app.MapGroup("/cluster").RequireAuthorization().MapGet("", Get);

    private static async Task<IResult> Get(SymbolGateway symbols, CancellationToken ct)
    {
        var cluster = Cluster.Get(symbols.System);
        var state = cluster.State;
        var members = state.Members.Select(m => new ClusterMember(
            m.Address.ToString(),
            m.Status.ToString(),
            [.. m.Roles.Order(StringComparer.Ordinal)],
            m.UniqueAddress.Equals(cluster.SelfUniqueAddress),
            !state.Unreachable.Contains(m))).ToArray();

        ShardRegionView[]? shards;
        string? shardsError = null;
        try
        {
            var region = await symbols.RegionAsync(ct);
            var timeout = TimeSpan.FromSeconds(Math.Min(10, symbols.AskTimeout.TotalSeconds));
            var stats = await region.Ask<ClusterShardingStats>(new GetClusterShardingStats(timeout), timeout + TimeSpan.FromSeconds(2), ct);
            shards = [.. stats.Regions
                .OrderBy(r => r.Key.ToString(), StringComparer.Ordinal)
                .Select(r => new ShardRegionView(
                    // The local region reports a host-less address (akka://hrm): name it as the members list does.
                    (r.Key.HasLocalScope ? cluster.SelfAddress : r.Key).ToString(),
                    r.Value.Stats.Count,
                    r.Value.Stats.Values.Sum(),
                    r.Value.Failed.Count))];
        }
        catch (AskTimeoutException e)
        {
            shards = null;
            shardsError = "the shard coordinator did not answer in time: " + e.Message;
        }

        return ApiResults.Json(new ClusterView(
            cluster.SelfAddress.ToString(),
            state.Leader?.ToString(),
            members,
            [.. state.Unreachable.Select(m => m.Address.ToString())],
            shards,
            shardsError));
    }
}

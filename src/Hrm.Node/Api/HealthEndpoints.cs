using Akka.Actor;
using Akka.Cluster;
using Hrm.Protocol.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hrm.Node.Api;

/// <summary><c>/health/live</c>, <c>/health/ready</c> and <c>/metrics</c>: open, for probes and Prometheus.</summary>
public static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("/health").AllowAnonymous();
        health.MapGet("/live", () => ApiResults.Json(HealthStatus.Live));
        health.MapGet("/ready", Ready);
        app.MapGet("/metrics", async (NodeMetrics metrics, CancellationToken ct) =>
            TypedResults.Text(await metrics.RenderAsync(ct), NodeMetrics.ContentType)).AllowAnonymous();
    }

    private static async Task<IResult> Ready(ActorSystem system, JournalProbe journal, CancellationToken ct)
    {
        var self = Cluster.Get(system).SelfMember;
        if (self.Status != MemberStatus.Up)
        {
            return NotReady($"this node's cluster membership is {self.Status}, not Up");
        }

        return await journal.ProbeAsync(ct) is { } problem ? NotReady(problem) : ApiResults.Json(HealthStatus.Ready);
    }

    private static IResult NotReady(string detail) => ApiResults.Problem(StatusCodes.Status503ServiceUnavailable, ApiErrors.NotReady, detail);
}

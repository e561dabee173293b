using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Hrm.Node.Api;

/// <summary>The node's HTTP API (docs/API.md): Kestrel and minimal APIs in the host that runs the actor system.</summary>
public static class NodeApi
{
    /// <summary>
    /// Builds the node: the actor system (<see cref="NodeHost.Configure"/>) and the API on
    /// <c>Hrm:Api:Host</c>:<c>Hrm:Api:Port</c>, every group but health and metrics protected by <paramref name="token"/>.
    /// </summary>
    public static WebApplication Build(WebApplicationBuilder builder, NodeSettings settings, string token)
    {
        NodeHost.Configure(builder, settings);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Parse(settings.Api.Host), settings.Api.Port));
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<SymbolGateway>();
        builder.Services.AddSingleton<JournalProbe>();
        builder.Services.AddSingleton<BacktestJobs>();
        builder.Services.AddSingleton<NodeMetrics>();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        builder.Services.AddAuthentication(BearerTokenHandler.SchemeName)
            .AddScheme<BearerTokenOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, options => options.Token = token);
        builder.Services.AddAuthorization();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealth();
        app.MapSymbols();
        app.MapSignals();
        app.MapCluster();
        app.MapBacktests();
        return app;
    }
}

using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Hrm.Actors.Backtest;
using Hrm.Actors.Symbol;
using Hrm.MarketData.Binance;
using Hrm.Protocol.Commands;
using Hrm.Protocol.Layers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Hrm.Node.Api;

/// <summary>The node's HTTP API (docs/API.md): Kestrel and minimal APIs in the host that runs the actor system.</summary>
public static class NodeApi
{
    private const int MaxLast = 10_000;

    /// <summary>
    /// Builds the node: the actor system (<see cref="NodeHost.Configure"/>) and the API on
    /// <c>Hrm:Api:Host</c>:<c>Hrm:Api:Port</c>, protected by <paramref name="token"/>.
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

        var app = builder.Build();
        app.Use(Errors);
        app.Use(Authenticate(token));
        Map(app, settings);
        return app;
    }

    private static void Map(WebApplication app, NodeSettings settings)
    {
        app.MapGet("/health/live", () => Results.Json(new { status = "live" }, ApiJson.Options));
        app.MapGet("/health/ready", Ready);
        app.MapGet("/metrics", async (NodeMetrics metrics, CancellationToken ct) =>
            Results.Text(await metrics.RenderAsync(ct), NodeMetrics.ContentType));

        app.MapPost("/symbols", (HttpContext context, SymbolGateway symbols) => AddSymbol(context, symbols, settings));
        app.MapGet("/symbols", ListSymbols);
        app.MapGet("/symbols/{symbol}", GetSymbol);
        app.MapDelete("/symbols/{symbol}", RemoveSymbol);
        app.MapGet("/symbols/{symbol}/signals", GetSignals);
        app.MapGet("/symbols/{symbol}/signals/stream", StreamSignals);
        app.MapGet("/cluster", GetCluster);
        app.MapPost("/backtests", (HttpContext context, BacktestJobs jobs) => StartBacktest(context, jobs, settings));
        app.MapGet("/backtests/{id}", GetBacktest);
    }

    // ---- middleware ----

    /// <summary>
    /// Every endpoint but /health/* and /metrics needs <c>Authorization: Bearer &lt;token&gt;</c>; the comparison takes
    /// the same time whatever the token sent.
    /// </summary>
    private static Func<HttpContext, RequestDelegate, Task> Authenticate(string token)
    {
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        return async (context, next) =>
        {
            var path = context.Request.Path;
            if (path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics"))
            {
                await next(context);
                return;
            }

            var header = context.Request.Headers.Authorization.ToString();
            var sent = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
            if (sent is null || !CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(sent)), expected))
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await ApiJson.WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "unauthorized",
                    sent is null
                        ? "send the node's API token as 'Authorization: Bearer <token>' (Hrm:Api:Token or Hrm:Api:TokenFile on the node)"
                        : "the bearer token is not this node's API token (Hrm:Api:Token or Hrm:Api:TokenFile)");
                return;
            }

            await next(context);
        };
    }

    /// <summary>Turns what escapes an endpoint into a JSON error: an entity or the cluster not answering is a 504.</summary>
    private static async Task Errors(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (AskTimeoutException e) when (!context.Response.HasStarted)
        {
            await ApiJson.WriteErrorAsync(context, StatusCodes.Status504GatewayTimeout, "timeout",
                $"the cluster did not answer in time ({e.Message}); the node may still be joining, or no node with the symbols role is up. Retry later.");
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // the client went away
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            await ApiJson.WriteErrorAsync(context, StatusCodes.Status500InternalServerError, "internal", e.Message);
        }
    }

    // ---- health and metrics ----

    private static async Task<IResult> Ready(ActorSystem system, JournalProbe journal, CancellationToken ct)
    {
        var self = Cluster.Get(system).SelfMember;
        if (self.Status != MemberStatus.Up)
        {
            return Results.Json(
                new { status = "not_ready", error = "not_ready", message = $"this node's cluster membership is {self.Status}, not Up" },
                ApiJson.Options, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var problem = await journal.ProbeAsync(ct);
        return problem is null
            ? Results.Json(new { status = "ready" }, ApiJson.Options)
            : Results.Json(new { status = "not_ready", error = "not_ready", message = problem }, ApiJson.Options,
                statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    // ---- symbols ----

    private static async Task<IResult> AddSymbol(HttpContext context, SymbolGateway symbols, NodeSettings settings)
    {
        var (body, malformed) = await ReadBodyAsync<AddSymbolRequest>(context);
        if (body is null)
        {
            return ApiJson.Error(400, "malformed_body", malformed!);
        }

        if (string.IsNullOrWhiteSpace(body.Symbol))
        {
            return ApiJson.Error(400, "malformed_body", "the body has no \"symbol\"; send {\"symbol\":\"BTCUSDT\"} and optionally source, data, history, warmupDays, leader");
        }

        if (BadName(body.Symbol) is { } badName)
        {
            return badName;
        }

        if (body.Leader is not null && (BadName(body.Leader) is { } badLeader))
        {
            return badLeader;
        }

        if (body.Leader == body.Symbol)
        {
            return ApiJson.Error(400, "bad_symbol", "a symbol cannot follow itself; leave \"leader\" out or name another symbol");
        }

        var source = string.IsNullOrWhiteSpace(body.Source) ? SymbolGateway.Instrument(body.Symbol) : body.Source;
        var data = string.IsNullOrWhiteSpace(body.Data) ? settings.Feeds.DataDirectory : body.Data;
        var history = string.IsNullOrWhiteSpace(body.History) ? settings.Feeds.HistoryDirectory : body.History;
        var warmupDays = body.WarmupDays ?? settings.Feeds.WarmupDays;
        if (BadFeed(source, data, history, warmupDays) is { } badFeed)
        {
            return badFeed;
        }

        var known = await SymbolRegistry.ListAsync(symbols.System, symbols.AskTimeout);
        if (known.Contains(body.Symbol, StringComparer.Ordinal) || (await symbols.StateAsync(body.Symbol)).Attached)
        {
            return ApiJson.Error(409, "duplicate",
                $"{body.Symbol} is already added; DELETE /symbols/{body.Symbol} first to give it another feed");
        }

        if (body.Leader is not null)
        {
            await symbols.AskAsync<FeedAck>(new FollowLeader(body.Symbol, body.Leader));
        }

        await symbols.AskAsync<FeedAck>(new AttachFeed(body.Symbol, new FeedSpec(source, data!, history, warmupDays)));
        var state = await symbols.StateAsync(body.Symbol);
        return Results.Json(ApiJson.State(state), ApiJson.Options, statusCode: StatusCodes.Status201Created)
            .WithLocation($"/symbols/{body.Symbol}");
    }

    private static async Task<IResult> ListSymbols(SymbolGateway symbols, CancellationToken ct)
    {
        var names = await SymbolRegistry.ListAsync(symbols.System, symbols.AskTimeout);
        var timeout = TimeSpan.FromSeconds(Math.Min(5, symbols.AskTimeout.TotalSeconds));
        var states = await Task.WhenAll(names.Select(async name =>
        {
            try
            {
                return await symbols.StateAsync(name, timeout, ct);
            }
            catch (AskTimeoutException)
            {
                return null; // listed, but its node did not answer in time
            }
        }));
        return Results.Json(states.Where(s => s is { Attached: true }).Select(s => ApiJson.Summary(s!)).ToList(), ApiJson.Options);
    }

    private static async Task<IResult> GetSymbol(string symbol, SymbolGateway symbols, CancellationToken ct)
    {
        if (BadName(symbol) is { } bad)
        {
            return bad;
        }

        var state = await symbols.StateAsync(symbol, cancellation: ct);
        return state.Attached ? Results.Json(ApiJson.State(state), ApiJson.Options) : UnknownSymbol(symbol);
    }

    private static async Task<IResult> RemoveSymbol(string symbol, SymbolGateway symbols, CancellationToken ct)
    {
        if (BadName(symbol) is { } bad)
        {
            return bad;
        }

        var removed = await symbols.AskAsync<SymbolRemoved>(new RemoveSymbol(symbol), cancellation: ct);
        return removed.WasAttached ? Results.NoContent() : UnknownSymbol(symbol);
    }

    private static async Task<IResult> GetSignals(string symbol, HttpContext context, SymbolGateway symbols, CancellationToken ct)
    {
        if (BadName(symbol) is { } bad)
        {
            return bad;
        }

        var last = 100;
        var query = context.Request.Query["last"];
        if (query.Count > 0 && (!int.TryParse(query.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out last)
                                || last is < 1 or > MaxLast))
        {
            return ApiJson.Error(400, "bad_last", $"last must be a whole number from 1 to {MaxLast} (got '{query}')");
        }

        var state = await symbols.StateAsync(symbol, cancellation: ct);
        if (!state.Attached)
        {
            return UnknownSymbol(symbol);
        }

        var signals = await symbols.LastSignalsAsync(symbol, state.Status.SignalCount, last, ct);
        return Results.Json(signals.Select(ApiJson.Signal).ToList(), ApiJson.Options);
    }

    private static async Task<IResult> StreamSignals(
        string symbol, HttpContext context, SymbolGateway symbols, IHostApplicationLifetime lifetime, CancellationToken ct)
    {
        if (BadName(symbol) is { } bad)
        {
            return bad;
        }

        var state = await symbols.StateAsync(symbol, cancellation: ct);
        if (!state.Attached)
        {
            return UnknownSymbol(symbol);
        }

        await SignalStream.RunAsync(context, symbols.System, symbol, lifetime.ApplicationStopping);
        return Results.Empty;
    }

    // ---- cluster ----

    private static async Task<IResult> GetCluster(SymbolGateway symbols, CancellationToken ct)
    {
        var cluster = Cluster.Get(symbols.System);
        var state = cluster.State;
        var members = state.Members.Select(m => new
        {
            address = m.Address.ToString(),
            status = m.Status.ToString(),
            roles = m.Roles.Order(StringComparer.Ordinal).ToArray(),
            isSelf = m.UniqueAddress.Equals(cluster.SelfUniqueAddress),
            reachable = !state.Unreachable.Contains(m),
        }).ToList();

        object? shards;
        string? shardsError = null;
        try
        {
            var region = await symbols.RegionAsync(ct);
            var timeout = TimeSpan.FromSeconds(Math.Min(10, symbols.AskTimeout.TotalSeconds));
            var stats = await region.Ask<ClusterShardingStats>(new GetClusterShardingStats(timeout), timeout + TimeSpan.FromSeconds(2), ct);
            shards = stats.Regions
                .OrderBy(r => r.Key.ToString(), StringComparer.Ordinal)
                .Select(r => new
                {
                    // The local region reports a host-less address (akka://hrm): name it as the members list does.
                    node = (r.Key.HasLocalScope ? cluster.SelfAddress : r.Key).ToString(),
                    shards = r.Value.Stats.Count,
                    entities = r.Value.Stats.Values.Sum(),
                    failedShards = r.Value.Failed.Count,
                })
                .ToList();
        }
        catch (AskTimeoutException e)
        {
            shards = null;
            shardsError = "the shard coordinator did not answer in time: " + e.Message;
        }

        return Results.Json(new
        {
            self = cluster.SelfAddress.ToString(),
            leader = state.Leader?.ToString(),
            members,
            unreachable = state.Unreachable.Select(m => m.Address.ToString()).ToList(),
            shards,
            shardsError,
        }, ApiJson.Options);
    }

    // ---- backtests ----

    private static async Task<IResult> StartBacktest(HttpContext context, BacktestJobs jobs, NodeSettings settings)
    {
        var (body, malformed) = await ReadBodyAsync<BacktestRequest>(context);
        if (body is null)
        {
            return ApiJson.Error(400, "malformed_body", malformed!);
        }

        if (string.IsNullOrWhiteSpace(body.Data))
        {
            return ApiJson.Error(400, "malformed_body", "the body has no \"data\"; send {\"data\":\"<captures directory>\"} and optionally history, symbols, warmupDays");
        }

        if (body.Symbols?.FirstOrDefault(s => !SymbolGateway.IsValidName(s)) is { } badSymbol)
        {
            return ApiJson.Error(400, "bad_symbol", $"'{badSymbol}' is not a symbol (like BTCUSDT)");
        }

        var warmupDays = body.WarmupDays ?? settings.Feeds.WarmupDays;
        if (warmupDays is < 0 or > 3650)
        {
            return ApiJson.Error(400, "bad_feed", $"warmupDays {warmupDays} is out of range 0-3650");
        }

        try
        {
            var job = jobs.Start(body.Data, string.IsNullOrWhiteSpace(body.History) ? null : body.History, body.Symbols, warmupDays);
            return Results.Json(new { id = job.Id, status = job.Status }, ApiJson.Options, statusCode: StatusCodes.Status202Accepted)
                .WithLocation($"/backtests/{job.Id}");
        }
        catch (BacktestInputException e)
        {
            return ApiJson.Error(400, "bad_feed", e.Message + " The paths are read on this node.");
        }
    }

    private static IResult GetBacktest(string id, BacktestJobs jobs) =>
        jobs.Find(id) is { } job
            ? Results.Json(new { id = job.Id, status = job.Status, summary = job.Summary, error = job.Error, output = job.OutDirectory }, ApiJson.Options)
            : ApiJson.Error(404, "unknown_backtest", $"no backtest '{id}' on this node (backtests are kept in memory until the node restarts)");

    // ---- helpers ----

    private static IResult? BadName(string symbol) =>
        SymbolGateway.IsValidName(symbol)
            ? null
            : ApiJson.Error(400, "bad_symbol",
                $"'{symbol}' is not a symbol name: 2-20 upper-case letters or digits, optionally '@' and a tag of up to 40 letters, digits, '.', '_' or '-' (BTCUSDT, BTCUSDT@2024-08-09)");

    private static IResult UnknownSymbol(string symbol) =>
        ApiJson.Error(404, "unknown_symbol", $"{symbol} is not added on this cluster; POST /symbols to add it (GET /symbols lists those that are)");

    private static IResult? BadFeed(string source, string? data, string? history, int warmupDays)
    {
        if (string.IsNullOrWhiteSpace(data))
        {
            return ApiJson.Error(400, "bad_feed", "no \"data\" directory given and the node has no default (Hrm:Feeds:DataDirectory)");
        }

        if (!Directory.Exists(data))
        {
            return ApiJson.Error(400, "bad_feed", $"data directory '{data}' does not exist on this node; feeds are read from paths every node can reach (a shared volume)");
        }

        if (history is not null && !Directory.Exists(history))
        {
            return ApiJson.Error(400, "bad_feed", $"history directory '{history}' does not exist on this node");
        }

        if (warmupDays is < 0 or > 3650)
        {
            return ApiJson.Error(400, "bad_feed", $"warmupDays {warmupDays} is out of range 0-3650");
        }

        var captures = CaptureCatalog.Discover(data);
        if (!captures.Any(c => c.Symbol == source))
        {
            var available = captures.Select(c => c.Symbol).Distinct().Order(StringComparer.Ordinal).ToList();
            return ApiJson.Error(400, "bad_feed",
                $"no capture of {source} under '{data}' (available: {(available.Count == 0 ? "none" : string.Join(", ", available))}); set \"source\" to the recorded instrument");
        }

        return null;
    }

    private static async Task<(T? Body, string? Problem)> ReadBodyAsync<T>(HttpContext context)
        where T : class
    {
        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(context.Request.Body, ApiJson.Options, context.RequestAborted);
            return body is null ? (null, "the body is empty or null; send a JSON object") : (body, null);
        }
        catch (JsonException e)
        {
            return (null, $"the body is not the expected JSON: {e.Message}");
        }
    }


    private static IResult WithLocation(this IResult result, string location) => new LocatedResult(result, location);

    private sealed class LocatedResult(IResult inner, string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Location = location;
            return inner.ExecuteAsync(httpContext);
        }
    }

    public sealed record AddSymbolRequest(string? Symbol, string? Source, string? Data, string? History, int? WarmupDays, string? Leader);

    public sealed record BacktestRequest(string? Data, string? History, string[]? Symbols, int? WarmupDays);
}

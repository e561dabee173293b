using Akka.Actor;
using Hrm.Actors.Symbol;
using Hrm.MarketData.Binance;
using Hrm.Protocol.Api;
using Hrm.Protocol.Commands;
using Hrm.Protocol.Market;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static Hrm.Node.Api.ApiResults;

namespace Hrm.Node.Api;

/// <summary><c>/symbols</c>: add, list, show and remove symbols.</summary>
public static class SymbolEndpoints
{
    public static void MapSymbols(this IEndpointRouteBuilder app)
    {
        var symbols = app.MapGroup("/symbols").RequireAuthorization();
        symbols.MapPost("", Add);
        symbols.MapGet("", List);
        symbols.MapGet("/{symbol}", Get);
        symbols.MapDelete("/{symbol}", Remove);
    }

    /// <summary>Checks the request here, then one <see cref="AddSymbol"/> ask: the entity adds the symbol or says why not.</summary>
    private static async Task<IResult> Add(HttpContext context, SymbolGateway symbols, NodeSettings settings)
    {
        var (body, malformed) = await ReadBodyAsync<AddSymbolRequest>(context, "symbol", b => b.Symbol,
            "send {\"symbol\":\"BTCUSDT\"} and optionally source, data, history, warmupDays, leader, live, venues");
        if (body?.Symbol is null)
        {
            return malformed!;
        }

        if ((BadName(body.Symbol) ?? (body.Leader is null ? null : BadName(body.Leader))) is { } badName)
        {
            return badName;
        }

        if (body.Leader == body.Symbol)
        {
            return Problem(StatusCodes.Status400BadRequest, ApiErrors.BadSymbol,
                "a symbol cannot follow itself; leave \"leader\" out or name another symbol");
        }

        var source = string.IsNullOrWhiteSpace(body.Source) ? SymbolGateway.Instrument(body.Symbol) : body.Source;
        var (feed, badFeed) = body.Live
            ? LiveFeed(source, body.Venues)
            : RecordedFeed(new FeedSpec(
                source,
                string.IsNullOrWhiteSpace(body.Data) ? settings.Feeds.DataDirectory ?? "" : body.Data,
                string.IsNullOrWhiteSpace(body.History) ? settings.Feeds.HistoryDirectory : body.History,
                body.WarmupDays ?? settings.Feeds.WarmupDays));
        if (badFeed is not null)
        {
            return badFeed;
        }

        var added = await symbols.AskAsync<SymbolAdded>(new AddSymbol(body.Symbol, feed!, body.Leader), cancellation: context.RequestAborted);
        if (!added.Added)
        {
            return Problem(StatusCodes.Status409Conflict, ApiErrors.Duplicate,
                added.Refusal ?? $"{body.Symbol} is already added; DELETE /symbols/{body.Symbol} first to give it another feed");
        }

        context.Response.Headers.Location = $"/symbols/{body.Symbol}";
        return Json(ApiViews.View(added.State), StatusCodes.Status201Created);
    }

    /// <summary>The registry's symbols, each asked for its state (5 s at most); those that do not answer are left out.</summary>
    private static async Task<IResult> List(SymbolGateway symbols, CancellationToken ct)
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
        return Json(states.Where(s => s is { Attached: true }).Select(s => ApiViews.Summary(s!)).ToList());
    }

    private static async Task<IResult> Get(string symbol, SymbolGateway symbols, CancellationToken ct)
    {
        if (BadName(symbol) is { } bad)
        {
            return bad;
        }

        var state = await symbols.StateAsync(symbol, cancellation: ct);
        return state.Attached ? Json(ApiViews.View(state)) : UnknownSymbol(symbol);
    }

    private static async Task<IResult> Remove(string symbol, SymbolGateway symbols, CancellationToken ct)
    {
        if (BadName(symbol) is { } bad)
        {
            return bad;
        }

        var removed = await symbols.AskAsync<SymbolRemoved>(new RemoveSymbol(symbol), cancellation: ct);
        return removed.WasAttached ? TypedResults.NoContent() : UnknownSymbol(symbol);
    }

    /// <summary>A live feed on the named venues (all Binance venues when none are named), or a 400 <c>bad_feed</c> naming what is known.</summary>
    private static (FeedSpec?, IResult?) LiveFeed(string source, string[]? venues)
    {
        var parsed = new List<Venue>();
        foreach (var name in venues is { Length: > 0 } ? venues : ["spot", "usdm", "coinm"])
        {
            if (!VenueNames.TryParse(name, out var venue) || !VenueNames.PrimaryPreference.Contains(venue))
            {
                return (null, Problem(StatusCodes.Status400BadRequest, ApiErrors.BadFeed,
                    $"venue '{name}' has no live feed; \"venues\" takes spot, usdm and coinm"));
            }

            parsed.Add(venue);
        }

        return (FeedSpec.Live(source, parsed.Distinct()), null);
    }

    private static (FeedSpec?, IResult?) RecordedFeed(FeedSpec feed) => BadFeed(feed) is { } bad ? (null, bad) : (feed, null);

    /// <summary>A 400 <c>bad_feed</c> when this node cannot read the feed's directories or they hold no capture of its source.</summary>
    private static IResult? BadFeed(FeedSpec feed)
    {
        var data = feed.DataDirectory;
        var problem =
            string.IsNullOrWhiteSpace(data) ? "no \"data\" directory given and the node has no default (Hrm:Feeds:DataDirectory)"
            : !Directory.Exists(data) ? $"data directory '{data}' does not exist on this node; feeds are read from paths every node can reach (a shared volume)"
            : feed.HistoryDirectory is { } history && !Directory.Exists(history) ? $"history directory '{history}' does not exist on this node"
            : MissingCapture(feed);
        return BadWarmup(feed.WarmupDays) ?? (problem is null ? null : Problem(StatusCodes.Status400BadRequest, ApiErrors.BadFeed, problem));
    }

    private static string? MissingCapture(FeedSpec feed)
    {
        var captures = CaptureCatalog.Discover(feed.DataDirectory);
        if (captures.Any(c => c.Symbol == feed.SourceSymbol))
        {
            return null;
        }

        var available = captures.Select(c => c.Symbol).Distinct().Order(StringComparer.Ordinal).ToList();
        return $"no capture of {feed.SourceSymbol} under '{feed.DataDirectory}' (available: {(available.Count == 0 ? "none" : string.Join(", ", available))}); set \"source\" to the recorded instrument";
    }
}

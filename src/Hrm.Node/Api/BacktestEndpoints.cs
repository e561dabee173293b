using Hrm.Backtesting;
using Hrm.MarketData;
using Hrm.Protocol.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static Hrm.Node.Api.ApiResults;

namespace Hrm.Node.Api;

/// <summary><c>/backtests</c>: start a backtest in this process and follow it.</summary>
public static class BacktestEndpoints
{
    public static void MapBacktests(this IEndpointRouteBuilder app)
    {
        var backtests = app.MapGroup("/backtests").RequireAuthorization();
        backtests.MapPost("", Start);
        backtests.MapGet("/{id}", Get);
    }

    private static async Task<IResult> Start(HttpContext context, BacktestJobs jobs, NodeSettings settings)
    {
        var (body, malformed) = await ReadBodyAsync<BacktestRequest>(context, "data", b => b.Data,
            "send {\"data\":\"<captures directory>\"} and optionally history, symbols, warmupDays");
        if (body?.Data is null)
        {
            return malformed!;
        }

        if (body.Symbols?.FirstOrDefault(s => !SymbolGateway.IsValidName(s)) is { } badSymbol)
        {
            return Problem(StatusCodes.Status400BadRequest, ApiErrors.BadSymbol, $"'{badSymbol}' is not a symbol (like BTCUSDT)");
        }

        var warmupDays = body.WarmupDays ?? settings.Feeds.WarmupDays;
        if (BadWarmup(warmupDays) is { } badWarmup)
        {
            return badWarmup;
        }

        try
        {
            var job = jobs.Start(body.Data, string.IsNullOrWhiteSpace(body.History) ? null : body.History, body.Symbols, warmupDays);
            context.Response.Headers.Location = $"/backtests/{job.Id}";
            return Json(new BacktestAccepted(job.Id, job.Status), StatusCodes.Status202Accepted);
        }
        catch (InputException e)
        {
            return Problem(StatusCodes.Status400BadRequest, ApiErrors.BadFeed, e.Message + " The paths are read on this node.");
        }
    }

    private static IResult Get(string id, BacktestJobs jobs) =>
        jobs.Find(id) is { } job
            ? Json(new BacktestView(job.Id, job.Status, job.Summary, job.Error, job.OutDirectory))
            : Problem(StatusCodes.Status404NotFound, ApiErrors.UnknownBacktest,
                $"no backtest '{id}' on this node (backtests are kept in memory until the node restarts)");
}

using System.Globalization;
using Hrm.Protocol.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using static Hrm.Node.Api.ApiResults;

namespace Hrm.Node.Api;

/// <summary><c>/symbols/{symbol}/signals</c>: a symbol's journaled signals, and their live stream.</summary>
public static class SignalEndpoints
{
    private const int DefaultLast = 100;
    private const int MaxLast = 10_000;

    public static void MapSignals(this IEndpointRouteBuilder app)
    {
        var signals = app.MapGroup("/symbols/{symbol}/signals").RequireAuthorization();
        signals.MapGet("", Get);
        signals.MapGet("/stream", Stream);
    }

    private static async Task<IResult> Get(string symbol, HttpContext context, SymbolGateway symbols, CancellationToken ct)
    {
        if (BadName(symbol) is { } bad)
        {
            return bad;
        }

        var last = DefaultLast;
        var query = context.Request.Query["last"];
        if (query.Count > 0 && (!int.TryParse(query.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out last) || last is < 1 or > MaxLast))
        {
            return Problem(StatusCodes.Status400BadRequest, ApiErrors.BadLast, $"last must be a whole number from 1 to {MaxLast} (got '{query}')");
        }

        var state = await symbols.StateAsync(symbol, cancellation: ct);
        if (!state.Attached)
        {
            return UnknownSymbol(symbol);
        }

        var signals = await symbols.LastSignalsAsync(symbol, state.Status.SignalCount, last, ct);
        return Json(signals.Select(SignalRow.From).ToList());
    }

    /// <summary>Checked like <see cref="Get"/> before it streams: a bad or unknown symbol is an error, not an empty stream.</summary>
    private static async Task<IResult> Stream(
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

        var events = await SignalStream.OpenAsync(context, symbols.System, symbol, lifetime.ApplicationStopping);
        context.Response.Headers["X-Accel-Buffering"] = "no"; // a proxy such as nginx must not hold events back
        return TypedResults.ServerSentEvents(events);
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;
using Hrm.Actors.Backtest;
using Hrm.Protocol.Commands;
using Hrm.Protocol.Layers;
using Microsoft.AspNetCore.Http;

namespace Hrm.Node.Api;

/// <summary>How the API writes its JSON: camelCase objects, signals with the snake_case names of signals.csv.</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = Protocol.HrmJson.Web;

    /// <summary>An error body <c>{"error":code,"message":...}</c> with its status.</summary>
    public static IResult Error(int status, string code, string message) =>
        Results.Json(new ErrorBody(code, message), Options, statusCode: status);

    public static Task WriteErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ErrorBody(code, message), Options);
    }

    /// <summary>A signal with the field names of the signals.csv header (<see cref="SignalCsv.Header"/>).</summary>
    public static Dictionary<string, object?> Signal(AlphaSignal s) => new()
    {
        ["symbol"] = s.Symbol,
        ["sequence"] = s.Sequence,
        ["ts_event"] = s.TsEvent,
        ["time_utc"] = SignalCsv.TimeUtc(s.TsEvent),
        ["direction"] = s.Direction,
        ["confidence"] = Number(s.Confidence),
        ["size"] = Number(s.Size),
        ["holding_period_s"] = s.HoldingPeriodSeconds,
        ["stop_loss"] = Number(s.StopLoss),
        ["take_profit"] = Number(s.TakeProfit),
        ["reference_price"] = Number(s.ReferencePrice),
        ["regime"] = s.Regime,
        ["pattern"] = s.Pattern,
        ["micro_drivers"] = s.MicroDrivers,
        ["rules"] = s.Rules,
    };

    /// <summary>The one-line summary <c>GET /symbols</c> lists.</summary>
    public static SymbolSummary Summary(SymbolState state) => new(
        state.Status.Symbol,
        state.Status.Node,
        state.Status.FeedOffset,
        state.Status.SignalCount,
        state.Status.FeedEnded,
        Time(state.Status.LastTsEvent));

    /// <summary>Everything <c>GET /symbols/{symbol}</c> shows.</summary>
    public static Dictionary<string, object?> State(SymbolState state) => new()
    {
        ["symbol"] = state.Status.Symbol,
        ["node"] = state.Status.Node,
        ["attached"] = state.Attached,
        ["feed"] = state.Feed is { } f
            ? new Dictionary<string, object?>
            {
                ["source"] = f.SourceSymbol,
                ["data"] = f.DataDirectory,
                ["history"] = f.HistoryDirectory,
                ["warmupDays"] = f.WarmupDays,
                ["batchSize"] = f.BatchSize,
                ["candlesFrom"] = f.CandlesFrom is { } from ? Time(from) : null,
                ["candlesTo"] = f.CandlesTo is { } to ? Time(to) : null,
            }
            : null,
        ["leader"] = state.Leader,
        ["feedOffset"] = state.Status.FeedOffset,
        ["signalCount"] = state.Status.SignalCount,
        ["lastEventTime"] = Time(state.Status.LastTsEvent),
        ["feedEnded"] = state.Status.FeedEnded,
        ["regime"] = state.Macro is { } m
            ? new Dictionary<string, object?>
            {
                ["name"] = m.Regime.Name(),
                ["strength"] = Number(m.Strength),
                ["drivers"] = m.Drivers,
                ["riskBudget"] = Number(m.RiskBudget),
                ["timeframeHours"] = m.TimeframeHours,
            }
            : null,
        ["pattern"] = state.Meso is { } p
            ? new Dictionary<string, object?>
            {
                ["name"] = p.Pattern,
                ["direction"] = p.Direction,
                ["probability"] = Number(p.Probability),
                ["completion"] = Number(p.Completion),
                ["invalidation"] = Level(p.Invalidation),
                ["entryZones"] = p.EntryZones.Select(Level).ToArray(),
            }
            : null,
        ["micro"] = state.Micro?.Signals.Select(Micro).ToArray(),
        ["microFlow"] = state.Micro is { } e
            ? new Dictionary<string, object?>
            {
                ["time"] = Time(e.TsEvent),
                ["aggressorRatio"] = Number(e.AggressorRatio),
                ["orderFlowImbalance"] = Number(e.OrderFlowImbalance),
                ["exhaustion"] = e.Exhaustion,
            }
            : null,
        ["lastSignal"] = state.LastSignal is { } s ? Signal(s) : null,
    };

    /// <summary>Unix ns as ISO-8601 UTC with milliseconds; null before the first event.</summary>
    public static string? Time(long tsEvent) => tsEvent <= 0 ? null : SignalCsv.TimeUtc(tsEvent);

    private static Dictionary<string, object?> Micro(MicroSignal m) => new()
    {
        ["name"] = m.Name,
        ["type"] = m.Type.Name(),
        ["direction"] = m.Direction,
        ["magnitude"] = Number(m.Magnitude),
        ["confidence"] = Number(m.Confidence),
        ["durationSeconds"] = m.DurationSeconds,
        ["executionEdgeBps"] = Number(m.ExecutionEdgeBps),
    };

    private static Dictionary<string, object?> Level(PatternLevel level) => new()
    {
        ["price"] = Number(level.Price),
        ["label"] = level.Label,
    };

    /// <summary>JSON has no NaN or infinity: such a value is written as null.</summary>
    private static double? Number(double value) => double.IsFinite(value) ? value : null;

    public sealed record ErrorBody(string Error, string Message);

    public sealed record SymbolSummary(string Symbol, string Node, long FeedOffset, long SignalCount, bool FeedEnded, string? LastEventTime);
}

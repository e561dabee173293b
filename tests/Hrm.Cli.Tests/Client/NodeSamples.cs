using System.Text.Json.Nodes;
using Hrm.Protocol.Api;

namespace Hrm.Cli.Tests.Client;

/// <summary>Answers of the node HTTP API, built from the DTOs the node itself writes (Hrm.Protocol.Api).</summary>
internal static class NodeSamples
{
    public const string Node1 = "akka.tcp://hrm@node-0:4053";
    public const string Node2 = "akka.tcp://hrm@node-1:4053";

    public static readonly SymbolView SymbolState = new(
        "BTCUSDT", Node1, true, new FeedView("capture", "/data/btc", null, 120, 4096, null, null), null, 0, 0, null, false,
        new RegimeView("trending", 0.8, ["trend"], 0.5, 24),
        new PatternView("breakout", 1, 0.6, 0.4, new LevelView(61000, "beyond_extreme"), []),
        [new MicroView("ofi", "book", 1, 1.5, 0.7, 60, 2)],
        new MicroFlowView("2024-03-01T12:00:00.000Z", 0.6, 0.3, false),
        null);

    public static readonly SymbolSummary[] SymbolList =
    [
        new("BTCUSDT", Node1, 123456, 42, false, "2024-03-01T12:00:00.000Z"),
        new("ETHUSDT", Node2, 98765, 7, true, "2024-03-01T11:59:59.000Z"),
    ];

    public static readonly ClusterView Cluster = new(
        Node1, Node1,
        [new ClusterMember(Node1, "Up", ["symbols"], true, true), new ClusterMember(Node2, "Up", ["symbols"], false, true)],
        [],
        [new ShardRegionView(Node1, 3, 3, 0), new ShardRegionView(Node2, 2, 2, 0)],
        null);

    public static SignalRow Signal(int sequence, int direction) => new()
    {
        Symbol = "BTCUSDT",
        Sequence = sequence,
        TsEvent = 1709294400000000000,
        TimeUtc = $"2024-03-01T12:00:0{sequence}.000Z",
        Direction = direction,
        Confidence = 0.71,
        Size = 0.5,
        HoldingPeriodSeconds = 3600,
        StopLoss = 61000.5,
        TakeProfit = 64000.25,
        ReferencePrice = 62500,
        Regime = "trending",
        Pattern = "breakout",
        MicroDrivers = "ofi",
        Rules = "r1",
    };

    public static BacktestView Backtest(string id, string status, string? error = null) =>
        new(id, status, status == BacktestView.Completed ? new JsonObject { ["events_replayed"] = 1234567, ["completed"] = true } : null,
            error, $"/backtests/{id}");

    /// <summary>An error as the node writes it: a problem with the code as an extension member.</summary>
    public static ApiProblem Problem(int status, string code, string detail) =>
        new("https://tools.ietf.org/html/rfc9110", "Error", status, detail, code);
}

namespace Hrm.Cli.Tests.Client;

/// <summary>Answers in the shape of the node HTTP API's contract.</summary>
internal static class NodeSamples
{
    public const string Node1 = "akka.tcp://hrm@node-0:4053";
    public const string Node2 = "akka.tcp://hrm@node-1:4053";

    public const string SymbolState = $$"""
        {"symbol":"BTCUSDT","node":"{{Node1}}","attached":true,"feed":{"source":"capture","data":"/data/btc"},"leader":null,
         "feedOffset":0,"signalCount":0,"lastEventTime":null,"feedEnded":false,
         "regime":{"name":"bull","strength":0.8,"drivers":["trend"],"riskBudget":0.5,"timeframeHours":24},
         "pattern":{"name":"breakout","direction":"long","probability":0.6,"completion":0.4,"invalidation":null,"entryZones":[]},
         "micro":[{"name":"ofi","type":"flow","direction":"long","magnitude":1.5,"confidence":0.7,"durationSeconds":60,"executionEdgeBps":2}],
         "lastSignal":null}
        """;

    public const string SymbolList = $$"""
        [{"symbol":"BTCUSDT","node":"{{Node1}}","feedOffset":123456,"signalCount":42,"feedEnded":false,"lastEventTime":"2024-03-01T12:00:00Z"},
         {"symbol":"ETHUSDT","node":"{{Node2}}","feedOffset":98765,"signalCount":7,"feedEnded":true,"lastEventTime":"2024-03-01T11:59:59Z"}]
        """;

    public const string Cluster = $$"""
        {"members":[{"address":"{{Node1}}","status":"Up","roles":["symbols"],"isSelf":true},
                    {"address":"{{Node2}}","status":"Up","roles":["symbols"],"isSelf":false}],
         "leader":"{{Node1}}","shards":[{"node":"{{Node1}}","shards":3,"entities":3,"failedShards":0},{"node":"{{Node2}}","shards":2,"entities":2,"failedShards":0}] }
        """;

    public static string Signal(int sequence, string direction) => $$"""
        {"symbol":"BTCUSDT","sequence":{{sequence}},"ts_event":1709294400000000000,"time_utc":"2024-03-01T12:00:0{{sequence}}Z","direction":"{{direction}}","confidence":0.71,"size":0.5,"holding_period_s":3600,"stop_loss":61000.5,"take_profit":64000.25,"reference_price":62500,"regime":"bull","pattern":"breakout","micro_drivers":"ofi","rules":"r1"}
        """;

    public static string Error(string code, string message) => $$"""{"error":"{{code}}","message":"{{message}}"}""";
}

using System.Net.ServerSentEvents;
using System.Text.Json.Nodes;
using Hrm.Protocol.Api;

namespace Hrm.Cli.Tests.Client;

/// <summary><c>hrm signals get|watch</c>.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class SignalsCommandTests
{
    private static readonly SignalRow[] TwoSignals = [NodeSamples.Signal(1, 1), NodeSamples.Signal(2, 0)];

    [Fact]
    public async Task Get_asks_for_the_last_n_and_prints_a_table()
    {
        await using var node = new FakeNode().On("GET", "/symbols/BTCUSDT/signals?last=2", 200, TwoSignals);

        var (code, output, error) = await CliRunner.RunAsync("signals", "get", "BTCUSDT", "--last", "2", "--node", node.Url, "--token", "secret");

        Assert.Equal(0, code);
        Assert.Equal("", error);
        var lines = output.Split('\n');
        Assert.Contains(lines, l => l.Contains("12:00:01.000Z") && l.Contains("0.71") && l.Contains("3600") && l.Contains("trending") && l.Contains("breakout"));
        Assert.Contains(lines, l => l.Contains("12:00:02.000Z") && l.Contains("62500") && l.Contains("64000.25"));
    }

    [Fact]
    public async Task Get_without_last_leaves_the_count_to_the_node()
    {
        await using var node = new FakeNode().On("GET", "/symbols/BTCUSDT/signals", 200, Array.Empty<SignalRow>());

        var (code, output, _) = await CliRunner.RunAsync("signals", "get", "BTCUSDT", "--node", node.Url, "--token", "secret");

        Assert.Equal(0, code);
        Assert.Contains("no signals for BTCUSDT yet", output);
    }

    [Fact]
    public async Task Get_with_json_prints_the_nodes_array()
    {
        await using var node = new FakeNode().On("GET", "/symbols/BTCUSDT/signals?last=2", 200, TwoSignals);

        var (code, output, _) = await CliRunner.RunAsync("signals", "get", "BTCUSDT", "--last", "2", "--json", "--node", node.Url, "--token", "secret");

        Assert.Equal(0, code);
        var signals = JsonNode.Parse(output)!.AsArray();
        Assert.Equal([1L, 2L], signals.Select(s => (long)s!["sequence"]!));
        Assert.Equal(1709294400000000000L, (long)signals[0]!["ts_event"]!);
    }

    [Theory]
    [InlineData(400, "bad_last", "last must be between 1 and 10000")]
    [InlineData(404, "unknown_symbol", "DOGEUSDT is not tracked")]
    public async Task Get_rejected_by_the_node_is_exit_code_2_with_its_message(int status, string errorCode, string message)
    {
        await using var node = new FakeNode().OnProblem("GET", "/symbols/DOGEUSDT/signals?last=20000", status, errorCode, message);

        var (code, _, error) = await CliRunner.RunAsync("signals", "get", "DOGEUSDT", "--last", "20000", "--node", node.Url, "--token", "secret");

        Assert.Equal(2, code);
        Assert.StartsWith($"hrm signals get: {message}. ", Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public async Task A_last_that_is_not_a_positive_number_is_rejected_locally()
    {
        await using var node = new FakeNode();

        var (code, _, error) = await CliRunner.RunAsync("signals", "get", "BTCUSDT", "--last", "many", "--node", node.Url);

        Assert.Equal(2, code);
        Assert.StartsWith("hrm signals get: --last 'many' is not a whole number >= 1.", error);
        Assert.Empty(node.Requests);
    }

    [Fact]
    public async Task Watch_prints_each_signal_as_it_arrives_and_ends_when_the_node_closes_the_stream()
    {
        await using var node = StreamingNode();

        var (code, output, error) = await CliRunner.RunAsync("signals", "watch", "BTCUSDT", "--node", node.Url, "--token", "secret");

        Assert.Equal(0, code);
        Assert.Equal("", error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal(
            "2024-03-01T12:00:01.000Z BTCUSDT #1 1 confidence 0.71 size 0.5 hold 3600 s price 62500 stop 61000.5 take-profit 64000.25 regime trending pattern breakout",
            lines[0]);
        Assert.StartsWith("2024-03-01T12:00:02.000Z BTCUSDT #2 0 confidence", lines[1]);
        Assert.Equal("Bearer secret", node.Single("GET", "/symbols/BTCUSDT/signals/stream").Authorization);
    }

    [Fact]
    public async Task Watch_with_json_prints_one_object_per_line()
    {
        await using var node = StreamingNode();

        var (code, output, _) = await CliRunner.RunAsync("signals", "watch", "BTCUSDT", "--json", "--node", node.Url, "--token", "secret");

        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal([1L, 0L], lines.Select(l => (long)JsonNode.Parse(l)!["direction"]!));
        Assert.Equal(["ofi", "ofi"], lines.Select(l => (string?)JsonNode.Parse(l)!["micro_drivers"]));
    }

    [Fact]
    public async Task Watching_an_unknown_symbol_is_exit_code_2()
    {
        await using var node = new FakeNode().OnProblem("GET", "/symbols/DOGEUSDT/signals/stream", 404, ApiErrors.UnknownSymbol, "DOGEUSDT is not tracked");

        var (code, _, error) = await CliRunner.RunAsync("signals", "watch", "DOGEUSDT", "--node", node.Url, "--token", "secret");

        Assert.Equal(2, code);
        Assert.StartsWith("hrm signals watch: DOGEUSDT is not tracked. ", error);
    }

    /// <summary>A node whose stream opens, keeps alive, sends two signals with an event of another kind between them, then closes.</summary>
    private static FakeNode StreamingNode() => new FakeNode().OnStream("GET", "/symbols/BTCUSDT/signals/stream",
        new SseItem<string>("signals.BTCUSDT", SignalEvents.Subscribed),
        new SseItem<string>("", SignalEvents.KeepAlive),
        FakeNode.SignalEvent(NodeSamples.Signal(1, 1)),
        new SseItem<string>("{}", "heartbeat"),
        FakeNode.SignalEvent(NodeSamples.Signal(2, 0)));
}

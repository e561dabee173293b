using System.Text.Json.Nodes;
using Hrm.Protocol.Api;

namespace Hrm.Cli.Tests.Client;

/// <summary><c>hrm symbols add|remove|list|show</c> against a fake node.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class SymbolsCommandTests
{
    [Fact]
    public async Task Add_posts_the_symbol_and_its_feed_with_the_token_and_says_where_it_runs()
    {
        await using var node = new FakeNode().On("POST", "/symbols", 201, NodeSamples.SymbolState);

        var (code, output, error) = await CliRunner.RunAsync(
            "symbols", "add", "btcusdt", "--source", "capture", "--data", "/data/btc", "--history", "/data/history",
            "--warmup-days", "30", "--leader", "ethusdt", "--node", node.Url, "--token", "secret");

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("added BTCUSDT on akka.tcp://hrm@node-0:4053", output);
        var request = node.Single("POST", "/symbols");
        Assert.Equal("Bearer secret", request.Authorization);
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal("BTCUSDT", (string?)body["symbol"]);
        Assert.Equal("capture", (string?)body["source"]);
        Assert.Equal("/data/btc", (string?)body["data"]);
        Assert.Equal("/data/history", (string?)body["history"]);
        Assert.Equal(30, (int?)body["warmupDays"]);
        Assert.Equal("ETHUSDT", (string?)body["leader"]);
    }

    [Fact]
    public async Task Add_without_options_sends_only_the_symbol()
    {
        await using var node = new FakeNode().On("POST", "/symbols", 201, NodeSamples.SymbolState);

        var (code, _, _) = await CliRunner.RunAsync("symbols", "add", "BTCUSDT", "--node", node.Url, "--token", "secret");

        Assert.Equal(0, code);
        var body = JsonNode.Parse(node.Single("POST", "/symbols").Body)!.AsObject();
        Assert.Equal(["symbol"], body.Select(p => p.Key));
    }

    [Fact]
    public async Task Add_with_json_prints_the_nodes_symbol_state()
    {
        await using var node = new FakeNode().On("POST", "/symbols", 201, NodeSamples.SymbolState);

        var (code, output, _) = await CliRunner.RunAsync("symbols", "add", "BTCUSDT", "--json", "--node", node.Url, "--token", "secret");

        Assert.Equal(0, code);
        var state = JsonNode.Parse(output)!;
        Assert.Equal("BTCUSDT", (string?)state["symbol"]);
        Assert.True((bool?)state["attached"]);
    }

    [Theory]
    [InlineData(409, "duplicate", "BTCUSDT is already tracked", "hrm symbols list")]
    [InlineData(400, "bad_symbol", "'BTC-USDT' is not a canonical symbol", "BTCUSDT")]
    [InlineData(400, "bad_feed", "no captures under /nowhere", "--data")]
    [InlineData(400, "malformed_body", "the body is not a symbol request", "same release")]
    public async Task Add_rejected_by_the_node_is_one_line_with_its_message_and_exit_code_2(int status, string errorCode, string message, string hint)
    {
        await using var node = new FakeNode().OnProblem("POST", "/symbols", status, errorCode, message);

        var (code, output, error) = await CliRunner.RunAsync("symbols", "add", "BTCUSDT", "--node", node.Url, "--token", "secret");

        Assert.Equal(2, code);
        Assert.Equal("", output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"hrm symbols add: {message}. ", line);
        Assert.Contains(hint, line);
        Assert.EndsWith(".", line.TrimEnd());
    }

    [Fact]
    public async Task A_negative_warmup_is_rejected_before_asking_the_node()
    {
        await using var node = new FakeNode();

        var (code, _, error) = await CliRunner.RunAsync("symbols", "add", "BTCUSDT", "--warmup-days", "-3", "--node", node.Url);

        Assert.Equal(2, code);
        Assert.StartsWith("hrm symbols add: --warmup-days '-3' is not a whole number >= 0.", error);
        Assert.Empty(node.Requests);
    }

    [Fact]
    public async Task Remove_deletes_the_symbol()
    {
        await using var node = new FakeNode().On("DELETE", "/symbols/BTCUSDT", 204);

        var (code, output, error) = await CliRunner.RunAsync("symbols", "remove", "btcusdt", "--node", node.Url, "--token", "secret");

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("removed BTCUSDT", output);
        node.Single("DELETE", "/symbols/BTCUSDT");
    }

    [Fact]
    public async Task Remove_with_json_prints_what_was_removed()
    {
        await using var node = new FakeNode().On("DELETE", "/symbols/BTCUSDT", 204);

        var (code, output, _) = await CliRunner.RunAsync("symbols", "remove", "BTCUSDT", "--json", "--node", node.Url, "--token", "secret");

        Assert.Equal(0, code);
        var json = JsonNode.Parse(output)!;
        Assert.Equal("BTCUSDT", (string?)json["symbol"]);
        Assert.True((bool?)json["removed"]);
    }

    [Fact]
    public async Task Removing_an_unknown_symbol_is_exit_code_2_with_the_nodes_message()
    {
        await using var node = new FakeNode().OnProblem("DELETE", "/symbols/DOGEUSDT", 404, "unknown_symbol", "DOGEUSDT is not tracked");

        var (code, _, error) = await CliRunner.RunAsync("symbols", "remove", "DOGEUSDT", "--node", node.Url, "--token", "secret");

        Assert.Equal(2, code);
        Assert.Equal(
            "hrm symbols remove: DOGEUSDT is not tracked. Run hrm symbols list to see the tracked symbols.",
            Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)).TrimEnd());
    }

    [Fact]
    public async Task List_prints_a_table_of_the_symbols()
    {
        await using var node = new FakeNode().On("GET", "/symbols", 200, NodeSamples.SymbolList);

        var (code, output, _) = await CliRunner.RunAsync("symbols", "list", "--node", node.Url, "--token", "secret");

        Assert.Equal(0, code);
        var btc = Assert.Single(output.Split('\n'), l => l.Contains("BTCUSDT"));
        Assert.Contains("123456", btc);
        Assert.Contains("42", btc);
        Assert.Contains("no", btc);
        var eth = Assert.Single(output.Split('\n'), l => l.Contains("ETHUSDT"));
        Assert.Contains("98765", eth);
        Assert.Contains("yes", eth);
        Assert.Contains("Feed ended", output);
    }

    [Fact]
    public async Task List_with_json_prints_the_nodes_array()
    {
        await using var node = new FakeNode().On("GET", "/symbols", 200, NodeSamples.SymbolList);

        var (code, output, _) = await CliRunner.RunAsync("symbols", "list", "--json", "--node", node.Url, "--token", "secret");

        Assert.Equal(0, code);
        var list = JsonNode.Parse(output)!.AsArray();
        Assert.Equal(["BTCUSDT", "ETHUSDT"], list.Select(s => (string?)s!["symbol"]));
    }

    [Fact]
    public async Task List_says_when_nothing_is_tracked()
    {
        await using var node = new FakeNode().On("GET", "/symbols", 200, Array.Empty<SymbolSummary>());

        var (code, output, _) = await CliRunner.RunAsync("symbols", "list", "--node", node.Url, "--token", "secret");

        Assert.Equal(0, code);
        Assert.Contains("no symbols tracked", output);
    }

    [Fact]
    public async Task Show_prints_the_symbols_state()
    {
        await using var node = new FakeNode().On("GET", "/symbols/BTCUSDT", 200, NodeSamples.SymbolState);

        var (code, output, _) = await CliRunner.RunAsync("symbols", "show", "BTCUSDT", "--node", node.Url, "--token", "secret");

        Assert.Equal(0, code);
        Assert.Contains(output.Split('\n'), l => l.Contains("attached") && l.Contains("yes"));
        Assert.Contains(output.Split('\n'), l => l.Contains("node") && l.Contains(NodeSamples.Node1));
        Assert.Contains(output.Split('\n'), l => l.Contains("regime") && l.Contains("trending (strength 0.8, risk budget 0.5)"));
        Assert.Contains(output.Split('\n'), l => l.Contains("pattern") && l.Contains("breakout 1 (probability 0.6, completion 0.4)"));
        Assert.Contains(output.Split('\n'), l => l.Contains("micro ") && l.Contains("ofi 1"));
        Assert.Contains(output.Split('\n'), l => l.Contains("feed ") && l.Contains("source capture, data /data/btc, history -, warm-up 120 d"));
        Assert.Contains(output.Split('\n'), l => l.Contains("lastSignal") && l.Contains('-'));
    }
}

using System.Text.Json.Nodes;
using Hrm.Protocol.Api;
using Hrm.Testing;

namespace Hrm.Cli.Tests.Client;

/// <summary><c>hrm backtest submit|status</c>, beside the local <c>hrm backtest --data</c>.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class RemoteBacktestCommandTests
{
    private static readonly BacktestView Done = NodeSamples.Backtest("bt-7", BacktestView.Completed);

    [Fact]
    public async Task Submit_posts_the_run_and_prints_its_id()
    {
        await using var node = new FakeNode().On("POST", "/backtests", 202, new BacktestAccepted("bt-7", BacktestView.Running));

        var (code, output, error) = await CliRunner.RunAsync(
            "backtest", "submit", "--data", "/data/captures", "--history", "/data/history", "--symbols", "btcusdt, ethusdt",
            "--node", node.Url, "--token", "secret");

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("backtest bt-7 submitted (running)", output);
        Assert.Contains("hrm backtest status bt-7", output);
        var body = JsonNode.Parse(node.Single("POST", "/backtests").Body)!;
        Assert.Equal("/data/captures", (string?)body["data"]);
        Assert.Equal("/data/history", (string?)body["history"]);
        Assert.Equal(["BTCUSDT", "ETHUSDT"], body["symbols"]!.AsArray().Select(s => (string?)s));
    }

    [Fact]
    public async Task Submit_with_json_prints_the_nodes_answer()
    {
        await using var node = new FakeNode().On("POST", "/backtests", 202, new BacktestAccepted("bt-7", BacktestView.Running));

        var (code, output, _) = await CliRunner.RunAsync("backtest", "submit", "--data", "/d", "--json", "--node", node.Url, "--token", "secret");

        Assert.Equal(0, code);
        Assert.Equal("bt-7", (string?)JsonNode.Parse(output)!["id"]);
        var body = JsonNode.Parse(node.Single("POST", "/backtests").Body)!.AsObject();
        Assert.Equal(["data"], body.Select(p => p.Key));
    }

    [Fact]
    public async Task Submit_without_data_is_exit_code_2()
    {
        var (code, _, error) = await CliRunner.RunAsync("backtest", "submit", "--node", $"http://127.0.0.1:{FreePorts.Next()}");

        Assert.Equal(2, code);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("hrm backtest submit: ", line);
        Assert.Contains("--data", line);
    }

    [Fact]
    public async Task Status_prints_the_status_and_the_summary()
    {
        await using var node = new FakeNode().On("GET", "/backtests/bt-7", 200, Done);

        var (code, output, _) = await CliRunner.RunAsync("backtest", "status", "bt-7", "--node", node.Url, "--token", "secret");

        Assert.Equal(0, code);
        Assert.Contains("backtest bt-7: completed", output);
        Assert.Contains(output.Split('\n'), l => l.Contains("events_replayed") && l.Contains("1234567"));
    }

    [Fact]
    public async Task Status_of_a_failed_run_shows_its_error()
    {
        await using var node = new FakeNode().On("GET", "/backtests/bt-8", 200, NodeSamples.Backtest("bt-8", BacktestView.Failed, "no readable data in /d"));

        var (code, output, _) = await CliRunner.RunAsync("backtest", "status", "bt-8", "--node", node.Url, "--token", "secret");

        Assert.Equal(0, code);
        Assert.Contains("backtest bt-8: failed", output);
        Assert.Contains("error: no readable data in /d", output);
    }

    [Fact]
    public async Task Status_with_json_prints_the_nodes_answer()
    {
        await using var node = new FakeNode().On("GET", "/backtests/bt-7", 200, Done);

        var (code, output, _) = await CliRunner.RunAsync("backtest", "status", "bt-7", "--json", "--node", node.Url, "--token", "secret");

        Assert.Equal(0, code);
        Assert.Equal(1234567, (long?)JsonNode.Parse(output)!["summary"]!["events_replayed"]);
    }

    [Fact]
    public async Task Status_of_an_unknown_id_is_exit_code_2()
    {
        await using var node = new FakeNode().OnProblem("GET", "/backtests/nope", 404, ApiErrors.UnknownBacktest, "no backtest nope");

        var (code, _, error) = await CliRunner.RunAsync("backtest", "status", "nope", "--node", node.Url, "--token", "secret");

        Assert.Equal(2, code);
        Assert.Equal(
            "hrm backtest status: no backtest nope. Check the id hrm backtest submit printed.",
            Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)).TrimEnd());
    }

    [Fact]
    public async Task The_local_backtest_still_runs_from_data_without_a_subcommand()
    {
        var empty = Directory.CreateTempSubdirectory("hrm-empty-").FullName;

        var (code, _, error) = await CliRunner.RunAsync("backtest", "--data", empty, "--out", Path.Combine(empty, "out"));

        Assert.Equal(2, code);
        Assert.Contains("no readable data", error);
        Assert.DoesNotContain("node", error);
    }
}

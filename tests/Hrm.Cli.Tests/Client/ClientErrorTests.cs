using Hrm.Cli.Client;
using Hrm.Testing;

namespace Hrm.Cli.Tests.Client;

/// <summary>
/// What every client command does when things go wrong: exit 4 for a refused token, 3 for an unreachable node, 2 for
/// bad input, each as one stderr line; and where the node and token come from when not given.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ClientErrorTests
{
    private const string TokenMessage = "Pass --token or set HRM_TOKEN to the node's Hrm:Api:Token.";

    [Theory]
    [InlineData("symbols", "list")]
    [InlineData("status")]
    [InlineData("signals", "get", "BTCUSDT")]
    [InlineData("signals", "watch", "BTCUSDT")]
    [InlineData("backtest", "status", "bt-1")]
    public async Task A_wrong_token_is_exit_code_4(params string[] command)
    {
        await using var node = new FakeNode();

        var (code, output, error) = await CliRunner.RunAsync([.. command, "--node", node.Url, "--token", "wrong"]);

        Assert.Equal(4, code);
        Assert.Equal("", output);
        Assert.Equal(
            $"hrm {string.Join(' ', command.TakeWhile(w => w != "BTCUSDT" && w != "bt-1"))}: the node refused the token. {TokenMessage}",
            Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)).TrimEnd());
    }

    [Fact]
    public async Task No_token_is_exit_code_4_saying_one_is_needed()
    {
        await using var node = new FakeNode();
        using var _ = new Environment("HRM_TOKEN", null);

        var (code, _, error) = await CliRunner.RunAsync("symbols", "list", "--node", node.Url);

        Assert.Equal(4, code);
        Assert.Equal($"hrm symbols list: the node requires a token. {TokenMessage}", error.Trim());
        Assert.Null(Assert.Single(node.Requests).Authorization);
    }

    [Fact]
    public async Task A_forbidden_answer_is_exit_code_4()
    {
        await using var node = new FakeNode().OnProblem("GET", "/symbols", 403, "forbidden", "not for you");

        var (code, _, error) = await CliRunner.RunAsync("symbols", "list", "--node", node.Url, "--token", "secret");

        Assert.Equal(4, code);
        Assert.Contains("the node refused the token", error);
    }

    [Theory]
    [InlineData("symbols", "list")]
    [InlineData("symbols", "add", "BTCUSDT")]
    [InlineData("status")]
    [InlineData("signals", "watch", "BTCUSDT")]
    [InlineData("backtest", "submit", "--data", "/d")]
    public async Task A_port_nobody_listens_on_is_exit_code_3(params string[] command)
    {
        var url = $"http://127.0.0.1:{FreePorts.Next()}";

        var (code, output, error) = await CliRunner.RunAsync([.. command, "--node", url, "--token", "secret"]);

        Assert.Equal(3, code);
        Assert.Equal("", output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)).TrimEnd();
        Assert.EndsWith(
            $"cannot reach the node at {url}: connection refused. Check --node or HRM_NODE and that the node is running.", line);
        Assert.StartsWith("hrm ", line);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://127.0.0.1:8080")]
    [InlineData("127.0.0.1:8080")]
    public async Task A_node_that_is_not_an_http_url_is_exit_code_2(string url)
    {
        var (code, _, error) = await CliRunner.RunAsync("symbols", "list", "--node", url);

        Assert.Equal(2, code);
        Assert.StartsWith($"hrm symbols list: --node '{url}' is not an http:// or https:// URL.", error);
    }

    [Theory]
    [InlineData("symbols", "add")]
    [InlineData("symbols", "list", "--bogus")]
    [InlineData("symbols")]
    [InlineData("signals", "get")]
    public async Task A_command_line_that_does_not_parse_is_one_line_and_exit_code_2(params string[] command)
    {
        var (code, output, error) = await CliRunner.RunAsync(command);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"hrm {string.Join(' ', command.Where(w => !w.StartsWith('-')))}: ", line);
        Assert.Contains("--help", line);
    }

    [Fact]
    public async Task An_error_without_a_json_body_still_says_what_happened()
    {
        await using var node = new FakeNode().On("GET", "/symbols", 404);

        var (code, _, error) = await CliRunner.RunAsync("symbols", "list", "--node", node.Url, "--token", "secret");

        Assert.Equal(2, code);
        Assert.StartsWith("hrm symbols list: HTTP 404 Not Found. ", error);
    }

    [Fact]
    public async Task A_node_failure_is_exit_code_1()
    {
        await using var node = new FakeNode().OnProblem("GET", "/symbols", 500, "internal", "the journal is down");

        var (code, _, error) = await CliRunner.RunAsync("symbols", "list", "--node", node.Url, "--token", "secret");

        Assert.Equal(1, code);
        Assert.Equal("hrm symbols list: the node failed (HTTP 500): the journal is down. Check the node's log.", error.Trim());
    }

    [Fact]
    public async Task The_node_and_token_come_from_HRM_NODE_and_HRM_TOKEN()
    {
        await using var node = new FakeNode(token: "from-env").On("GET", "/symbols", 200, NodeSamples.SymbolList);
        using var url = new Environment("HRM_NODE", node.Url);
        using var token = new Environment("HRM_TOKEN", "from-env");

        var (code, output, error) = await CliRunner.RunAsync("symbols", "list");

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("BTCUSDT", output);
        Assert.Equal("Bearer from-env", Assert.Single(node.Requests).Authorization);
    }

    [Fact]
    public async Task Options_win_over_HRM_NODE_and_HRM_TOKEN()
    {
        await using var node = new FakeNode(token: "from-option").On("GET", "/symbols", 200, Array.Empty<Hrm.Protocol.Api.SymbolSummary>());
        using var url = new Environment("HRM_NODE", $"http://127.0.0.1:{FreePorts.Next()}");
        using var token = new Environment("HRM_TOKEN", "from-env");

        var (code, _, _) = await CliRunner.RunAsync("symbols", "list", "--node", node.Url, "--token", "from-option");

        Assert.Equal(0, code);
        Assert.Equal("Bearer from-option", Assert.Single(node.Requests).Authorization);
    }

    [Fact]
    public void Without_node_or_HRM_NODE_the_node_is_port_8080_on_loopback_and_without_token_or_HRM_TOKEN_there_is_none()
    {
        using var url = new Environment("HRM_NODE", null);
        using var token = new Environment("HRM_TOKEN", " ");

        Assert.Equal("http://127.0.0.1:8080", ClientCommand.ResolveNode(null));
        Assert.Equal("http://127.0.0.1:8080", ClientCommand.ResolveNode(""));
        Assert.Null(ClientCommand.ResolveToken(null));
    }

    [Fact]
    public async Task A_bad_HRM_NODE_is_exit_code_2_naming_it()
    {
        using var url = new Environment("HRM_NODE", "nowhere");

        var (code, _, error) = await CliRunner.RunAsync("status");

        Assert.Equal(2, code);
        Assert.Contains("--node 'nowhere' is not an http:// or https:// URL", error);
        Assert.Contains("HRM_NODE", error);
    }

    /// <summary>Sets a process environment variable for a test and puts back the previous value.</summary>
    private sealed class Environment : IDisposable
    {
        private readonly string name;
        private readonly string? previous;

        public Environment(string name, string? value)
        {
            this.name = name;
            previous = System.Environment.GetEnvironmentVariable(name);
            System.Environment.SetEnvironmentVariable(name, value);
        }

        public void Dispose() => System.Environment.SetEnvironmentVariable(name, previous);
    }
}

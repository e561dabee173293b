using System.Text.Json;
using Hrm.Testing;
using Xunit.Abstractions;

namespace Hrm.Cluster.Tests;

/// <summary>
/// How the desk works: two node processes sharing a PostgreSQL journal, each with its HTTP API, driven by the real
/// <c>hrm</c> binary. Symbols added from the CLI replay real captures wherever their entities land; signals come
/// back, status says where each symbol lives, removing one stops it; no token is exit 4, no node is exit 3.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class DeskEndToEndTests(ITestOutputHelper output)
{
    private const string Token = "e2e-secret-token";

    [Fact]
    public async Task Symbols_added_from_the_cli_replay_and_serve_signals_and_errors_have_their_exit_codes()
    {
        var journal = PostgresServer.CreateDatabase("desk");
        var apiPorts = new[] { FreePorts.Next(), FreePorts.Next() };
        using var cluster = await LocalCluster.StartAsync(2, "PostgreSQL.15", journal, i => new Dictionary<string, string>
        {
            ["HRM__Api__Host"] = "127.0.0.1",
            ["HRM__Api__Port"] = apiPorts[i].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["HRM__Api__Token"] = Token,
            ["HRM__Feeds__DataDirectory"] = SharedData.Window2024,
            ["HRM__Feeds__HistoryDirectory"] = Path.Combine(SharedData.Root, "macro_meso"),
            ["HRM__Feeds__WarmupDays"] = "30",
        });
        var node = new Dictionary<string, string?> { ["HRM_NODE"] = $"http://127.0.0.1:{apiPorts[0]}", ["HRM_TOKEN"] = Token };

        Assert.Equal(0, (await Cli(node, "symbols", "add", "BTCUSDT")).ExitCode);
        Assert.Equal(0, (await Cli(node, "symbols", "add", "ETHUSDT")).ExitCode);

        // Signals come back through the other node's API too: the entities live wherever sharding put them.
        var other = new Dictionary<string, string?>(node) { ["HRM_NODE"] = $"http://127.0.0.1:{apiPorts[1]}" };
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        JsonElement signals;
        while ((signals = Json(await Cli(other, "signals", "get", "BTCUSDT", "--last", "5", "--json"))).GetArrayLength() == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "no BTCUSDT signal within 3 minutes");
            await Task.Delay(500);
        }

        Assert.All(signals.EnumerateArray(), s => Assert.Equal("BTCUSDT", s.GetProperty("symbol").GetString()));

        var status = Json(await Cli(node, "status", "--json"));
        output.WriteLine(status.ToString());
        var members = status.GetRawText();
        foreach (var n in cluster.Nodes)
        {
            Assert.Contains(n.Address, members);
        }

        // Both symbols, each on one of the two nodes.
        var placed = status.GetProperty("symbols").EnumerateArray()
            .ToDictionary(s => s.GetProperty("symbol").GetString()!, s => s.GetProperty("node").GetString());
        Assert.Equal(["BTCUSDT", "ETHUSDT"], placed.Keys.Order());
        Assert.All(placed.Values, n => Assert.Contains(n, cluster.Nodes.Select(c => c.Address)));
        // Shards are reported per node under the members' own addresses.
        var shardNodes = status.GetProperty("cluster").GetProperty("shards").EnumerateArray().Select(r => r.GetProperty("node").GetString()).ToList();
        Assert.NotEmpty(shardNodes);
        Assert.All(shardNodes, n => Assert.Contains(n, cluster.Nodes.Select(c => c.Address)));

        Assert.Equal(0, (await Cli(node, "symbols", "remove", "ETHUSDT")).ExitCode);
        var list = Json(await Cli(node, "symbols", "list", "--json"));
        Assert.Equal(["BTCUSDT"], list.EnumerateArray().Select(s => s.GetProperty("symbol").GetString()));

        var noToken = await Cli(new Dictionary<string, string?> { ["HRM_NODE"] = node["HRM_NODE"] }, "symbols", "list");
        Assert.Equal(4, noToken.ExitCode);
        Assert.Contains("token", noToken.Stderr, StringComparison.OrdinalIgnoreCase);

        var nowhere = await Cli(node, "status", "--node", $"http://127.0.0.1:{FreePorts.Next()}");
        Assert.Equal(3, nowhere.ExitCode);
        Assert.NotEmpty(nowhere.Stderr.Trim());
    }

    private async Task<CliProcess.Result> Cli(IReadOnlyDictionary<string, string?> env, params string[] args)
    {
        var result = await CliProcess.RunAsync(env, args);
        output.WriteLine($"hrm {string.Join(' ', args)} → {result.ExitCode} {result.Stderr.Trim()}");
        return result;
    }

    private static JsonElement Json(CliProcess.Result result)
    {
        Assert.True(result.ExitCode == 0, result.Stderr);
        return JsonDocument.Parse(result.Stdout).RootElement.Clone();
    }
}

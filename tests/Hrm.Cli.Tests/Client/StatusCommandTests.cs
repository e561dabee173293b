using System.Text.Json.Nodes;

namespace Hrm.Cli.Tests.Client;

/// <summary><c>hrm status</c>: the cluster and the symbols in one view.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class StatusCommandTests
{
    [Fact]
    public async Task Status_prints_the_members_and_the_symbols()
    {
        await using var node = new FakeNode()
            .On("GET", "/cluster", 200, NodeSamples.Cluster)
            .On("GET", "/symbols", 200, NodeSamples.SymbolList);

        var (code, output, error) = await CliRunner.RunAsync("status", "--node", node.Url, "--token", "secret");

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains($"leader: {NodeSamples.Node1}", output);
        var lines = output.Split('\n');
        Assert.Contains(lines, l => l.Contains(NodeSamples.Node1) && l.Contains("(this node)") && l.Contains("Up") && l.Contains("symbols") && l.Contains('3'));
        Assert.Contains(lines, l => l.Contains(NodeSamples.Node2) && !l.Contains("this node") && l.Contains("Up") && l.Contains('2'));
        Assert.Contains(lines, l => l.Contains("BTCUSDT") && l.Contains("123456") && l.Contains("42"));
        Assert.Contains(lines, l => l.Contains("ETHUSDT") && l.Contains("98765") && l.Contains("yes"));
    }

    [Fact]
    public async Task Status_with_json_is_one_object_with_the_cluster_and_the_symbols()
    {
        await using var node = new FakeNode()
            .On("GET", "/cluster", 200, NodeSamples.Cluster)
            .On("GET", "/symbols", 200, NodeSamples.SymbolList);

        var (code, output, _) = await CliRunner.RunAsync("status", "--json", "--node", node.Url, "--token", "secret");

        Assert.Equal(0, code);
        var json = JsonNode.Parse(output)!;
        Assert.Equal(NodeSamples.Node1, (string?)json["cluster"]!["leader"]);
        Assert.Equal(2, json["cluster"]!["members"]!.AsArray().Count);
        Assert.Equal(3, (int?)json["cluster"]!["shards"]![0]!["shards"]);
        Assert.Equal(2, json["symbols"]!.AsArray().Count);
    }
}

using Hrm.Testing;
namespace Hrm.Node.Tests;

/// <summary>Real node processes on loopback sharing one SQLite journal.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class NodeClusterTests : IDisposable
{
    private static readonly TimeSpan UpTimeout = TimeSpan.FromSeconds(30);
    private readonly string _dir = Directory.CreateTempSubdirectory("hrm-node-test-").FullName;

    [Fact]
    public async Task Two_nodes_form_a_cluster_and_a_terminated_node_leaves_cleanly()
    {
        var seedPort = FreePorts.Next();
        var seed = $"akka.tcp://hrm@127.0.0.1:{seedPort}";
        using var first = NodeProcess.Start(Settings(seedPort, seed));
        Assert.Equal(seed, await first.WaitUntilUp(UpTimeout));

        var secondPort = FreePorts.Next();
        using var second = NodeProcess.Start(Settings(secondPort, seed));
        var secondAddress = await second.WaitUntilUp(UpTimeout);

        // The second node only knows the first as seed: being Up means it joined the first node's cluster.
        Assert.Equal($"akka.tcp://hrm@127.0.0.1:{secondPort}", secondAddress);
        Assert.True(await first.StderrEventuallyContains($"Leader is moving node [{secondAddress}] to [Up]", TimeSpan.FromSeconds(10)), first.Stderr);
        Assert.Equal(NodeHost.ReadyLinePrefix, NodeProcess.ReadyLinePrefix); // what the tests wait for is what the node prints
        Assert.Single(second.StdoutLines, line => line.StartsWith(NodeHost.ReadyLinePrefix, StringComparison.Ordinal));

        // SIGTERM: CoordinatedShutdown leaves the cluster (handing shards off) and the process exits 0.
        Assert.Equal(0, await second.Terminate(TimeSpan.FromSeconds(30)));
        Assert.True(await first.StderrEventuallyContains($"Exiting confirmed [{secondAddress}]", TimeSpan.FromSeconds(10)), first.Stderr);
    }

    private Dictionary<string, string> Settings(int port, string seed) => new()
    {
        ["HRM__Hostname"] = "127.0.0.1",
        ["HRM__Port"] = port.ToString(),
        ["HRM__SeedNodes__0"] = seed,
        ["HRM__Cluster__StableAfter"] = "00:00:04",
        ["HRM__Cluster__AcceptableHeartbeatPause"] = "00:00:03",
        ["HRM__ShutdownTimeout"] = "00:00:20",
        ["HRM__Journal__Provider"] = "SQLite.MS",
        ["HRM__Journal__ConnectionString"] = $"Data Source={Path.Combine(_dir, "journal.db")}",
        ["HRM__Api__Host"] = "127.0.0.1",
        ["HRM__Api__Port"] = FreePorts.Next().ToString(),
        ["HRM__Api__Token"] = "cluster-test-token",
        ["Logging__LogLevel__Default"] = "Information",
    };

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // a node may still hold the file for a moment
        }
    }
}

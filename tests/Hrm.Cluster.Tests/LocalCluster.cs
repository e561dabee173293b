using System.Globalization;
using Hrm.Testing;
namespace Hrm.Cluster.Tests;

/// <summary>Node processes on loopback sharing one journal; the first forms the cluster, the others join it.</summary>
public sealed class LocalCluster : IDisposable
{
    private readonly List<NodeProcess> _nodes = [];

    private readonly Func<int, IReadOnlyDictionary<string, string>>? _extra;

    private LocalCluster(string provider, string connectionString, Func<int, IReadOnlyDictionary<string, string>>? extra)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _extra = extra;
    }

    public string Provider { get; }

    public string ConnectionString { get; }

    public IReadOnlyList<NodeProcess> Nodes => _nodes;

    /// <summary>The first node still running: the one new members join through.</summary>
    public IReadOnlyList<string> Seeds => [_nodes.First(n => !n.HasExited).Address];

    /// <param name="extra">More settings for the i-th node (e.g. its API port).</param>
    public static async Task<LocalCluster> StartAsync(int count, string provider, string connectionString,
        Func<int, IReadOnlyDictionary<string, string>>? extra = null)
    {
        var cluster = new LocalCluster(provider, connectionString, extra);
        try
        {
            for (var i = 0; i < count; i++)
            {
                await cluster.AddNodeAsync();
            }
        }
        catch
        {
            cluster.Dispose();
            throw;
        }

        return cluster;
    }

    /// <summary>
    /// Starts one more node: it joins through the first running node, or forms the cluster on its own when none runs
    /// (a restart after the whole cluster went down).
    /// </summary>
    public async Task<NodeProcess> AddNodeAsync()
    {
        var port = FreePorts.Next();
        var seeds = _nodes.All(n => n.HasExited) ? [] : Seeds;
        var node = NodeProcess.Start(Environment(port, seeds, _extra?.Invoke(_nodes.Count)), $"n{_nodes.Count + 1}");
        _nodes.Add(node);
        await node.WaitUntilUp(TimeSpan.FromSeconds(60));
        return node;
    }

    /// <summary>A node's settings: loopback, the cluster's journal, fast failure detection, a snapshot every 20 000 events.</summary>
    private Dictionary<string, string> Environment(int port, IReadOnlyList<string> seeds, IReadOnlyDictionary<string, string>? extra)
    {
        var environment = new Dictionary<string, string>
        {
            ["HRM__Hostname"] = "127.0.0.1",
            ["HRM__Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["HRM__Journal__Provider"] = Provider,
            ["HRM__Journal__ConnectionString"] = ConnectionString,
            ["HRM__Symbols__SnapshotEveryEvents"] = "20000",
            ["HRM__Cluster__StableAfter"] = "00:00:04",
            ["HRM__Cluster__AcceptableHeartbeatPause"] = "00:00:03",
            ["HRM__ShutdownTimeout"] = "00:00:40",
            ["HRM__Api__Host"] = "127.0.0.1",
            ["HRM__Api__Port"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["HRM__Api__Token"] = "cluster-tests",
        };
        for (var i = 0; i < seeds.Count; i++)
        {
            environment[$"HRM__SeedNodes__{i}"] = seeds[i];
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        return environment;
    }

    public NodeProcess NodeAt(string address) => _nodes.Single(n => n.Address == address);

    public void Dispose()
    {
        foreach (var node in _nodes)
        {
            node.Dispose();
        }
    }
}

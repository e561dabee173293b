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
        var port = NodeProcess.FreePort();
        var seeds = _nodes.All(n => n.HasExited) ? [] : Seeds;
        var node = NodeProcess.Start($"n{_nodes.Count + 1}", port, seeds, Provider, ConnectionString, _extra?.Invoke(_nodes.Count));
        _nodes.Add(node);
        await node.WaitUntilUpAsync();
        return node;
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

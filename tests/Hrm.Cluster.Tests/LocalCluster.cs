namespace Hrm.Cluster.Tests;

/// <summary>Node processes on loopback sharing one journal; the first forms the cluster, the others join it.</summary>
public sealed class LocalCluster : IDisposable
{
    private readonly List<NodeProcess> _nodes = [];

    private LocalCluster(string provider, string connectionString)
    {
        Provider = provider;
        ConnectionString = connectionString;
    }

    public string Provider { get; }

    public string ConnectionString { get; }

    public IReadOnlyList<NodeProcess> Nodes => _nodes;

    /// <summary>The first node still running: the one new members join through.</summary>
    public IReadOnlyList<string> Seeds => [_nodes.First(n => !n.HasExited).Address];

    public static async Task<LocalCluster> StartAsync(int count, string provider, string connectionString)
    {
        var cluster = new LocalCluster(provider, connectionString);
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
        var node = NodeProcess.Start($"n{_nodes.Count + 1}", port, seeds, Provider, ConnectionString);
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

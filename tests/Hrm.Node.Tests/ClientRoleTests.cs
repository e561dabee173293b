using Akka.Actor;
using Akka.Hosting;
using Hrm.Actors.Hosting;
using Hrm.Protocol.Commands;
using Hrm.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hrm.Node.Tests;

/// <summary>
/// A node without the symbols role hosts no entities and reaches them through a proxy, even when it is the oldest
/// member (the shard coordinator must still run on a symbols node). Two nodes in this process, on loopback.
/// </summary>
[Collection(EnvironmentCollection.Name)]
public sealed class ClientRoleTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hrm-client-role-").FullName;
    private readonly List<IHost> _hosts = [];

    [Fact]
    public async Task A_client_node_that_started_first_reaches_symbols_through_its_proxy()
    {
        var clientPort = FreePorts.Next();
        var seed = $"akka.tcp://hrm@127.0.0.1:{clientPort}";
        var client = await StartNode(clientPort, seed, "client");
        await StartNode(FreePorts.Next(), seed, NodeSettings.SymbolsRole);

        var proxy = await client.Services.GetRequiredService<ActorRegistry>().GetAsync<SymbolRegionProxy>();
        var ack = await proxy.Ask<FeedAck>(new GetFeedOffset("BTCUSDT"), TimeSpan.FromSeconds(20));

        Assert.Equal("BTCUSDT", ack.Symbol);
    }

    private async Task<IHost> StartNode(int port, string seed, string role)
    {
        var settings = new NodeSettings
        {
            Port = port,
            SeedNodes = [seed],
            Roles = [role],
            Cluster = new ClusterTuning { StableAfter = TimeSpan.FromSeconds(4), AcceptableHeartbeatPause = TimeSpan.FromSeconds(3) },
            Journal = new JournalOptions { ConnectionString = $"Data Source={Path.Combine(_dir, "journal.db")}" },
        };
        var builder = Host.CreateApplicationBuilder();
        NodeHost.Configure(builder, settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var host = builder.Build();
        _hosts.Add(host);
        await host.StartAsync();
        var up = new TaskCompletionSource();
        Akka.Cluster.Cluster.Get(host.Services.GetRequiredService<ActorSystem>()).RegisterOnMemberUp(() => up.TrySetResult());
        await up.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return host;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var host in Enumerable.Reverse(_hosts))
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await host.StopAsync(cts.Token);
            host.Dispose();
        }

        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may hold the file a moment longer
        }
    }
}

using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Hrm.Actors.Feed;
using Hrm.Actors.Hosting;
using Hrm.Protocol.Commands;
using Hrm.Protocol.Layers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hrm.Cluster.Tests;

/// <summary>
/// The test's own cluster member (role <c>client</c>, no entities): it reaches the symbol entities through the shard
/// region proxy, wherever they live, and reads their journal.
/// </summary>
public sealed class ClusterClient : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterClient(IHost host, ActorSystem system, IActorRef symbols)
    {
        _host = host;
        System = system;
        Symbols = symbols;
    }

    public ActorSystem System { get; }

    public IActorRef Symbols { get; }

    public static async Task<ClusterClient> JoinAsync(IReadOnlyList<string> seeds, string provider, string connectionString)
    {
        var host = new HostBuilder()
            .ConfigureLogging(logging => logging.ClearProviders())
            .ConfigureServices(services => services.AddAkka("hrm", builder => builder
                .AddHocon(
                    """
                    akka.loglevel = WARNING
                    akka.cluster.log-info = off
                    akka.cluster.failure-detector.acceptable-heartbeat-pause = 3s
                    akka.cluster.split-brain-resolver.stable-after = 4s
                    """,
                    HoconAddMode.Prepend)
                .WithHrmSerialization()
                .WithRemoting("127.0.0.1", 0)
                .WithClustering(new ClusterOptions { SeedNodes = [.. seeds], Roles = ["client"], SplitBrainResolver = new KeepMajorityOption() })
                .WithHrmPersistence(new JournalSettings(connectionString, provider))
                .WithSymbolRegionProxy()))
            .Build();
        await host.StartAsync();
        var system = host.Services.GetRequiredService<ActorSystem>();
        var up = new TaskCompletionSource();
        Akka.Cluster.Cluster.Get(system).RegisterOnMemberUp(() => up.TrySetResult());
        await up.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var proxy = await host.Services.GetRequiredService<ActorRegistry>().GetAsync<SymbolRegionProxy>();
        return new ClusterClient(host, system, proxy);
    }

    public async Task AttachAsync(string entity, FeedSpec spec) =>
        await Symbols.Ask<SymbolAdded>(new AddSymbol(entity, spec), TimeSpan.FromSeconds(60));

    /// <summary>Attaches every test feed, the follower told to follow the victim first.</summary>
    public async Task AttachAllAsync()
    {
        await Symbols.Ask<FeedAck>(new FollowLeader(Feeds.Follower, Feeds.Victim), TimeSpan.FromSeconds(60));
        foreach (var (entity, spec) in Feeds.All)
        {
            await AttachAsync(entity, spec);
        }
    }

    /// <summary>The entity's status, or null when it does not answer in time (moving, recovering).</summary>
    public async Task<SymbolStatus?> StatusAsync(string entity)
    {
        try
        {
            return await Symbols.Ask<SymbolStatus>(new GetSymbolStatus(entity), TimeSpan.FromSeconds(3));
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }

    /// <summary>Polls until every entity's feed has ended; fails with where each one stands after the timeout.</summary>
    public async Task WaitUntilEndedAsync(IEnumerable<string> entities, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var pending = entities.ToHashSet(StringComparer.Ordinal);
        var last = new Dictionary<string, SymbolStatus?>(StringComparer.Ordinal);
        while (pending.Count > 0)
        {
            foreach (var entity in pending.ToList())
            {
                var status = last[entity] = await StatusAsync(entity);
                if (status is { FeedEnded: true })
                {
                    pending.Remove(entity);
                }
            }

            if (pending.Count > 0 && DateTime.UtcNow > deadline)
            {
                Assert.Fail("feeds not ended: " + string.Join("; ", pending.Select(e => $"{e} {last[e]}")));
            }

            await Task.Delay(250);
        }
    }

    public Task<IReadOnlyList<AlphaSignal>> SignalsAsync(IEnumerable<string> entities) => SignalJournal.ReadAsync(System, entities);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}

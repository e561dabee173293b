using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Hrm.Actors.Symbol;
using Hrm.Signals.Layers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hrm.Actors.Hosting;

/// <summary>
/// A single-node cluster in this process (loopback, ephemeral port) with the sharded symbol entities and the
/// journal: what a researcher's backtest runs on. The node joins itself.
/// </summary>
public sealed class EmbeddedCluster : IAsyncDisposable
{
    private readonly IHost _host;

    private EmbeddedCluster(IHost host, ActorSystem system, IActorRef symbols)
    {
        _host = host;
        System = system;
        Symbols = symbols;
    }

    public ActorSystem System { get; }

    /// <summary>The symbol shard region: send it any <see cref="Hrm.Protocol.IWithSymbol"/> message.</summary>
    public IActorRef Symbols { get; }

    public static async Task<EmbeddedCluster> StartAsync(
        JournalSettings journal, SymbolSettings symbols, LayerFactories? layers = null, string? extraHocon = null)
    {
        var host = new HostBuilder()
            .ConfigureLogging(logging => logging.ClearProviders().SetMinimumLevel(LogLevel.Warning))
            .ConfigureServices(services => services.AddAkka("hrm", builder =>
            {
                if (extraHocon is not null)
                {
                    builder.AddHocon(extraHocon, HoconAddMode.Prepend);
                }

                builder
                    .AddHocon("akka.loglevel = WARNING\nakka.stdout-loglevel = OFF\nakka.cluster.log-info = off", HoconAddMode.Prepend)
                    .ConfigureLoggers(loggers =>
                    {
                        loggers.ClearLoggers();
                        loggers.AddLogger<StandardErrorLogger>();
                    })
                    .WithHrmSerialization()
                    .WithRemoting("127.0.0.1", 0)
                    .WithClustering(new ClusterOptions { Roles = ["symbols"] })
                    .WithHrmPersistence(journal)
                    .WithSymbolSharding(symbols, layers)
                    .AddStartup((system, _) =>
                    {
                        var cluster = Cluster.Get(system);
                        cluster.Join(cluster.SelfAddress);
                    });
            }))
            .Build();
        await host.StartAsync();
        var system = host.Services.GetRequiredService<ActorSystem>();
        var registry = host.Services.GetRequiredService<ActorRegistry>();
        var region = await registry.GetAsync<SymbolActor>();
        await WaitUntilUp(system);
        return new EmbeddedCluster(host, system, region);
    }

    private static async Task WaitUntilUp(ActorSystem system)
    {
        var up = new TaskCompletionSource();
        Cluster.Get(system).RegisterOnMemberUp(() => up.TrySetResult());
        await up.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}

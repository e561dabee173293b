using Akka;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Hrm.Actors.Hosting;
using Hrm.Actors.Symbol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hrm.Node;

/// <summary>Wires a cluster node from <see cref="NodeSettings"/> onto a generic host.</summary>
public static class NodeHost
{
    /// <summary>The line written to stdout once this node is Up; test harnesses and scripts wait for it.</summary>
    public const string ReadyLinePrefix = "HRM node up: ";

    public static void Configure(IHostApplicationBuilder builder, NodeSettings settings)
    {
        // stdout carries only the ready line; every log goes to stderr.
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = settings.ShutdownTimeout);
        builder.Services.AddAkka(settings.ActorSystemName, (akka, services) => ConfigureAkka(akka, settings, services));
    }

    public static void ConfigureAkka(AkkaConfigurationBuilder akka, NodeSettings settings, IServiceProvider services)
    {
        akka.ConfigureLoggers(loggers =>
            {
                loggers.ClearLoggers();
                loggers.AddLoggerFactory();
            })
            .AddHocon(ClusterHocon(settings), HoconAddMode.Prepend)
            .WithHrmSerialization()
            .WithRemoting(settings.Hostname, settings.Port, settings.AdvertisedHostname)
            .WithClustering(new ClusterOptions
            {
                SeedNodes = settings.SeedNodes,
                Roles = [.. settings.ClusterRoles],
                SplitBrainResolver = new KeepMajorityOption(),
            })
            .WithDistributedPubSub(role: "") // every node, whatever its roles
            .WithHrmPersistence(new JournalSettings(settings.Journal.ConnectionString, settings.Journal.Provider));

        if (settings.HostsSymbols)
        {
            akka.WithSymbolSharding(new SymbolSettings
            {
                SnapshotEveryEvents = settings.Symbols.SnapshotEveryEvents,
                Model = settings.Symbols.LoadModel(),
                Live = settings.Feeds.Binance.Connectors(),
            });
        }
        else
        {
            akka.WithSymbolRegionProxy();
        }

        akka.AddStartup((system, _) =>
        {
            var cluster = Cluster.Get(system);
            if (settings.SeedNodes.Length == 0)
            {
                cluster.Join(cluster.SelfAddress);
            }

            // Ready means a member and listening: the API starts after the actor system, so the line waits for both.
            var started = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted;
            cluster.RegisterOnMemberUp(() => started.Register(() =>
            {
                Console.Out.WriteLine(ReadyLinePrefix + cluster.SelfAddress);
                Console.Out.Flush();
            }));
        });
    }

    /// <summary>
    /// What Akka.Cluster.Hosting has no typed option for: the resolver's and the failure detector's timing; a downed
    /// node runs CoordinatedShutdown, whose actor system termination stops the host and ends the process.
    /// </summary>
    public static string ClusterHocon(NodeSettings settings) => $$"""
        akka.cluster {
          run-coordinated-shutdown-when-down = on
          failure-detector.acceptable-heartbeat-pause = {{Millis(settings.Cluster.AcceptableHeartbeatPause)}}
          split-brain-resolver.stable-after = {{Millis(settings.Cluster.StableAfter)}}
        }
        akka.coordinated-shutdown.exit-clr = off
        """;

    /// <summary>
    /// The exit code after the host stopped: 0 for a requested stop (SIGTERM, Ctrl+C, leaving the cluster), 1 when the
    /// actor system ended on its own (downed by the split-brain resolver, could not join).
    /// </summary>
    public static int ExitCode(IServiceProvider services)
    {
        var system = services.GetService<ActorSystem>();
        return ExitCodeFor(system is null ? null : CoordinatedShutdown.Get(system).ShutdownReason);
    }

    /// <summary>Beyond the host's own shutdown timeout, how long an orderly exit may take before it is forced.</summary>
    public static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(15);

    /// <summary>
    /// For the node process only (never an in-process host): once CoordinatedShutdown starts, for whatever reason, the
    /// process ends within the shutdown timeout plus <see cref="ExitGrace"/>, with the exit code <see cref="ExitCode"/>
    /// would give, so a downed node never keeps running beside its successor.
    /// </summary>
    public static void ArmExitWatchdogOnShutdown(IServiceProvider services, NodeSettings settings)
    {
        var shutdown = CoordinatedShutdown.Get(services.GetRequiredService<ActorSystem>());
        ExitWatchdog? watchdog = null; // rooted by the task's closure for as long as CoordinatedShutdown lives
        shutdown.AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "hrm-exit-watchdog", () =>
        {
            watchdog ??= ExitWatchdog.Arm(settings.ShutdownTimeout + ExitGrace, () => Environment.Exit(ExitCodeFor(shutdown.ShutdownReason)));
            return Task.FromResult(Done.Instance);
        });
    }

    private static int ExitCodeFor(CoordinatedShutdown.Reason? reason) =>
        reason is CoordinatedShutdown.ClusterDowningReason or CoordinatedShutdown.ClusterJoinUnsuccessfulReason ? 1 : 0;

    private static string Millis(TimeSpan t) => $"{(long)t.TotalMilliseconds}ms";
}

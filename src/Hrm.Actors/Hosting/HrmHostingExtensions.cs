using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using Akka.Persistence.Sql.Hosting;
using Hrm.Actors.Symbol;
using Hrm.Signals.Layers;

namespace Hrm.Actors.Hosting;

/// <summary>Registration of HRM's pieces on an Akka.Hosting builder, shared by the node, the CLI and the tests.</summary>
public static class HrmHostingExtensions
{
    public const string SymbolRegion = "symbol";

    /// <summary>The cluster role of nodes that host symbol entities.</summary>
    public const string SymbolRole = "symbols";

    public static AkkaConfigurationBuilder WithHrmSerialization(this AkkaConfigurationBuilder builder) =>
        builder.AddHocon(HrmSerialization.Config, HoconAddMode.Prepend);

    /// <summary>
    /// The SQL journal and snapshot store. Writes get 60 s before the circuit breaker fails them (Akka's default is
    /// 10 s): a walk-forward has a hundred entities writing to one SQLite file, and on a busy 2-core machine a queued
    /// write took longer than 10 s, which stopped the entity and the run.
    /// </summary>
    public static AkkaConfigurationBuilder WithHrmPersistence(this AkkaConfigurationBuilder builder, JournalSettings journal) =>
        builder.WithSqlPersistence(journal.ConnectionString, journal.ProviderName, autoInitialize: true)
            .AddHocon(
                """
                akka.persistence.journal.sql.circuit-breaker.call-timeout = 60s
                akka.persistence.snapshot-store.sql.circuit-breaker.call-timeout = 60s
                """,
                HoconAddMode.Prepend);

    /// <summary>
    /// The sharded symbol entities: DData coordinator state, remember-entities in the journal (event-sourced) so
    /// symbols come back after a restart or failover.
    /// </summary>
    public static AkkaConfigurationBuilder WithSymbolSharding(
        this AkkaConfigurationBuilder builder, SymbolSettings settings, LayerFactories? layers = null) =>
        builder.WithShardRegion<SymbolActor>(
            SymbolRegion,
            (system, _, _) =>
            {
                var cluster = new ShardedEntityCluster(system);
                return symbol => SymbolActor.Props(symbol, settings, cluster, layers);
            },
            new SymbolMessageExtractor(SymbolMessageExtractor.DefaultShardCount),
            new ShardOptions
            {
                Role = SymbolRole,
                StateStoreMode = StateStoreMode.DData,
                RememberEntities = true,
                RememberEntitiesStore = RememberEntitiesStore.Eventsourced,
            });

    /// <summary>
    /// A proxy to the symbol shard region for a node that hosts no entities (a client, an API-only node): messages
    /// reach the entities wherever they live. Resolve it with <c>ActorRegistry.Get&lt;SymbolRegionProxy&gt;()</c>.
    /// </summary>
    public static AkkaConfigurationBuilder WithSymbolRegionProxy(this AkkaConfigurationBuilder builder) =>
        builder.WithShardRegionProxy<SymbolRegionProxy>(
            SymbolRegion, SymbolRole, new SymbolMessageExtractor(SymbolMessageExtractor.DefaultShardCount));
}

/// <summary>Registry key of the symbol shard region proxy (<see cref="HrmHostingExtensions.WithSymbolRegionProxy"/>).</summary>
public sealed class SymbolRegionProxy;

using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using Akka.Persistence.Sql.Hosting;
using Hrm.Actors.Symbol;

namespace Hrm.Actors.Hosting;

/// <summary>Registration of HRM's pieces on an Akka.Hosting builder, shared by the node, the CLI and the tests.</summary>
public static class HrmHostingExtensions
{
    public const string SymbolRegion = "symbol";

    public static AkkaConfigurationBuilder WithHrmSerialization(this AkkaConfigurationBuilder builder) =>
        builder.AddHocon(HrmSerialization.Config, HoconAddMode.Prepend);

    public static AkkaConfigurationBuilder WithHrmPersistence(this AkkaConfigurationBuilder builder, JournalSettings journal) =>
        builder.WithSqlPersistence(journal.ConnectionString, journal.ProviderName, autoInitialize: true);

    /// <summary>
    /// The sharded symbol entities: DData coordinator state, remember-entities in the journal (event-sourced) so
    /// symbols come back after a restart or failover.
    /// </summary>
    public static AkkaConfigurationBuilder WithSymbolSharding(
        this AkkaConfigurationBuilder builder, SymbolSettings settings, LayerPropsFactory? layerProps = null) =>
        builder.WithShardRegion<SymbolActor>(
            SymbolRegion,
            symbol => SymbolActor.Props(symbol, settings, layerProps),
            new SymbolMessageExtractor(SymbolMessageExtractor.DefaultShardCount),
            new ShardOptions
            {
                StateStoreMode = StateStoreMode.DData,
                RememberEntities = true,
                RememberEntitiesStore = RememberEntitiesStore.Eventsourced,
            });
}

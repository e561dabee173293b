using Hrm.Actors.Hosting;

namespace Hrm.Node;

/// <summary>
/// A cluster node's settings: the <c>Hrm</c> section of appsettings.json, overridden by <c>HRM__*</c> environment
/// variables (<c>HRM__Journal__Provider</c> is <c>Hrm:Journal:Provider</c>) and <c>--Hrm:Key=value</c> arguments.
/// docs/NODE.md lists every key.
/// </summary>
public sealed class NodeSettings
{
    public const string Section = "Hrm";
    public const string SymbolsRole = HrmHostingExtensions.SymbolRole;

    public string ActorSystemName { get; set; } = "hrm";

    /// <summary>The address remoting binds to (<c>0.0.0.0</c> in a container).</summary>
    public string Hostname { get; set; } = "127.0.0.1";

    /// <summary>The address other nodes reach this one at; the bind address when unset.</summary>
    public string? PublicHostname { get; set; }

    public int Port { get; set; } = 4053;

    /// <summary>Akka addresses of the seed nodes; none means this node forms a cluster on its own.</summary>
    public string[] SeedNodes { get; set; } = [];

    /// <summary>
    /// Cluster roles; none means [<see cref="SymbolsRole"/>]. Only nodes with that role host symbol entities, others
    /// reach them by proxy. (Empty by default because configuration binding appends to a non-empty default array.)
    /// </summary>
    public string[] Roles { get; set; } = [];

    public IReadOnlyList<string> ClusterRoles => Roles.Length == 0 ? [SymbolsRole] : Roles;

    /// <summary>How long the host waits for CoordinatedShutdown (shard hand-off included) when it is stopped.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public ClusterTuning Cluster { get; set; } = new();

    public JournalOptions Journal { get; set; } = new();

    public SymbolOptions Symbols { get; set; } = new();

    public bool HostsSymbols => ClusterRoles.Contains(SymbolsRole, StringComparer.Ordinal);

    public string AdvertisedHostname => string.IsNullOrWhiteSpace(PublicHostname) ? Hostname : PublicHostname;
}

/// <summary>Failure detection and the split-brain resolver (keep-majority).</summary>
public sealed class ClusterTuning
{
    /// <summary>How long membership must be stable before the split-brain resolver downs the minority.</summary>
    public TimeSpan StableAfter { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Heartbeats may pause this long before a node is marked unreachable.</summary>
    public TimeSpan AcceptableHeartbeatPause { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>The Akka.Persistence.Sql journal and snapshot store.</summary>
public sealed class JournalOptions
{
    public const string Sqlite = "SQLite.MS";
    public const string PostgreSql = "PostgreSQL.15";
    public const string SqlServer = "SqlServer.2022";

    public static IReadOnlyList<string> KnownProviders { get; } = [Sqlite, PostgreSql, SqlServer];

    public string Provider { get; set; } = Sqlite;

    public string ConnectionString { get; set; } = "Data Source=hrm-node.db";
}

/// <summary>How the symbol entities hosted on this node run.</summary>
public sealed class SymbolOptions
{
    public long SnapshotEveryEvents { get; set; } = 250_000;
}

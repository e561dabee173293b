using Hrm.Actors.Hosting;
using Hrm.Live;
using Hrm.Live.Binance;
using Hrm.Protocol.Market;

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

    public ApiOptions Api { get; set; } = new();

    public FeedDefaults Feeds { get; set; } = new();

    public BacktestJobOptions Backtests { get; set; } = new();

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

    /// <summary>A learned model (<c>model.json</c> of <c>hrm discover</c>) the symbols serve; empty = the hand-set integrator.</summary>
    public string? ModelFile { get; set; }

    /// <summary>The model <see cref="ModelFile"/> names, read and checked; null when none is set.</summary>
    public Signals.Learning.Hierarchy.LearnedModel? LoadModel() =>
        string.IsNullOrWhiteSpace(ModelFile) ? null : Signals.Learning.Hierarchy.LearnedModel.FromJson(File.ReadAllText(ModelFile));
}

/// <summary>The node's HTTP API (docs/API.md).</summary>
public sealed class ApiOptions
{
    /// <summary>The address Kestrel binds to (an IP address; <c>0.0.0.0</c> for every interface).</summary>
    public string Host { get; set; } = "0.0.0.0";

    /// <summary>The HTTP port, 0-65535 (0: any free port).</summary>
    public int Port { get; set; } = 8080;

    /// <summary>The bearer token every endpoint except /health/* and /metrics requires.</summary>
    public string? Token { get; set; }

    /// <summary>A file holding the token (a mounted Kubernetes secret); used when <see cref="Token"/> is unset.</summary>
    public string? TokenFile { get; set; }

    /// <summary>How long a request waits for a symbol entity (or the cluster) to answer.</summary>
    public TimeSpan AskTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>What <c>POST /symbols</c> uses when the request names no data.</summary>
public sealed class FeedDefaults
{
    /// <summary>The directory of recorded captures (must be readable on every node).</summary>
    public string? DataDirectory { get; set; }

    /// <summary>The directory of candle and funding history used to warm the layers up.</summary>
    public string? HistoryDirectory { get; set; }

    public int WarmupDays { get; set; } = 120;

    /// <summary>Where live feeds connect (<c>HRM__Feeds__Binance__SpotWs</c>, …); the exchanges' real endpoints by default.</summary>
    public BinanceEndpoints Binance { get; set; } = new();
}

/// <summary>The Binance endpoints live symbols connect to; a base may carry a path (tests point them at a loopback fake).</summary>
public sealed class BinanceEndpoints
{
    public string SpotWs { get; set; } = "wss://stream.binance.com:9443";

    public string SpotRest { get; set; } = "https://api.binance.com";

    public string UsdmWs { get; set; } = "wss://fstream.binance.com";

    public string UsdmRest { get; set; } = "https://fapi.binance.com";

    public string CoinmWs { get; set; } = "wss://dstream.binance.com";

    public string CoinmRest { get; set; } = "https://dapi.binance.com";

    /// <summary>A connection that sends nothing for this long is replaced.</summary>
    public TimeSpan NoDataTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The connectors live symbols on this node use.</summary>
    public LiveConnectors Connectors() => new(
        new Dictionary<Venue, BinanceVenueSettings>
        {
            [Venue.BinanceSpot] = new(Venue.BinanceSpot, SpotWs, SpotRest),
            [Venue.BinanceUsdm] = new(Venue.BinanceUsdm, UsdmWs, UsdmRest),
            [Venue.BinanceCoinm] = new(Venue.BinanceCoinm, CoinmWs, CoinmRest),
        },
        binanceOptions: new BinanceOptions { NoDataTimeout = NoDataTimeout });
}

/// <summary>Backtests run by <c>POST /backtests</c>.</summary>
public sealed class BacktestJobOptions
{
    /// <summary>Where each backtest writes (a subdirectory per id); the system temp directory when unset.</summary>
    public string? Directory { get; set; }

    public string OutRoot => string.IsNullOrWhiteSpace(Directory) ? Path.Combine(Path.GetTempPath(), "hrm-backtests") : Directory;
}

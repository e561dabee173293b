using Microsoft.Extensions.Configuration;

namespace Hrm.Node.Tests;

[Collection(EnvironmentCollection.Name)]
public sealed class NodeSettingsTests
{
    private static readonly string AppSettings = Path.Combine(AppContext.BaseDirectory, "appsettings.json");

    [Fact]
    public void Defaults_come_from_appsettings_json()
    {
        var settings = NodeSettingsLoader.Load(new ConfigurationBuilder().AddJsonFile(AppSettings).Build());

        Assert.Equal("hrm", settings.ActorSystemName);
        Assert.Equal(4053, settings.Port);
        Assert.Empty(settings.SeedNodes);
        Assert.Equal(["symbols"], settings.ClusterRoles);
        Assert.True(settings.HostsSymbols);
        Assert.Equal("127.0.0.1", settings.AdvertisedHostname);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.ShutdownTimeout);
        Assert.Equal(TimeSpan.FromSeconds(20), settings.Cluster.StableAfter);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.Cluster.AcceptableHeartbeatPause);
        Assert.Equal("SQLite.MS", settings.Journal.Provider);
        Assert.Equal("Data Source=hrm-node.db", settings.Journal.ConnectionString);
        Assert.Equal(250_000, settings.Symbols.SnapshotEveryEvents);
    }

    [Fact]
    public void Environment_variables_override_appsettings_json()
    {
        var variables = new Dictionary<string, string>
        {
            ["HRM__Hostname"] = "0.0.0.0",
            ["HRM__PublicHostname"] = "hrm-1.hrm.trading.svc.cluster.local",
            ["HRM__Port"] = "5055",
            ["HRM__SeedNodes__0"] = "akka.tcp://hrm@hrm-0.hrm:4053",
            ["HRM__SeedNodes__1"] = "akka.tcp://hrm@hrm-1.hrm:4053",
            ["HRM__Roles__0"] = "client",
            ["HRM__ShutdownTimeout"] = "00:00:45",
            ["HRM__Cluster__StableAfter"] = "00:00:04",
            ["HRM__Cluster__AcceptableHeartbeatPause"] = "00:00:03",
            ["HRM__Journal__Provider"] = "PostgreSQL.15",
            ["HRM__Journal__ConnectionString"] = "Host=pg;Database=hrm;Username=hrm",
            ["HRM__Symbols__SnapshotEveryEvents"] = "1000",
        };
        try
        {
            foreach (var (key, value) in variables)
            {
                Environment.SetEnvironmentVariable(key, value);
            }

            var configuration = new ConfigurationBuilder().AddJsonFile(AppSettings).AddEnvironmentVariables().Build();
            var settings = NodeSettingsLoader.Load(configuration);

            Assert.Equal("0.0.0.0", settings.Hostname);
            Assert.Equal("hrm-1.hrm.trading.svc.cluster.local", settings.AdvertisedHostname);
            Assert.Equal(5055, settings.Port);
            Assert.Equal(["akka.tcp://hrm@hrm-0.hrm:4053", "akka.tcp://hrm@hrm-1.hrm:4053"], settings.SeedNodes);
            Assert.Equal(["client"], settings.ClusterRoles);
            Assert.False(settings.HostsSymbols);
            Assert.Equal(TimeSpan.FromSeconds(45), settings.ShutdownTimeout);
            Assert.Equal(TimeSpan.FromSeconds(4), settings.Cluster.StableAfter);
            Assert.Equal(TimeSpan.FromSeconds(3), settings.Cluster.AcceptableHeartbeatPause);
            Assert.Equal("PostgreSQL.15", settings.Journal.Provider);
            Assert.Equal("Host=pg;Database=hrm;Username=hrm", settings.Journal.ConnectionString);
            Assert.Equal(1000, settings.Symbols.SnapshotEveryEvents);
        }
        finally
        {
            foreach (var key in variables.Keys)
            {
                Environment.SetEnvironmentVariable(key, null);
            }
        }
    }

    [Fact]
    public void The_cluster_hocon_carries_the_tuning()
    {
        var settings = new NodeSettings
        {
            Cluster = new ClusterTuning { StableAfter = TimeSpan.FromSeconds(4), AcceptableHeartbeatPause = TimeSpan.FromSeconds(3) },
        };

        var config = Akka.Configuration.ConfigurationFactory.ParseString(NodeHost.ClusterHocon(settings));

        Assert.Equal(TimeSpan.FromSeconds(4), config.GetTimeSpan("akka.cluster.split-brain-resolver.stable-after"));
        Assert.Equal(TimeSpan.FromSeconds(3), config.GetTimeSpan("akka.cluster.failure-detector.acceptable-heartbeat-pause"));
        Assert.True(config.GetBoolean("akka.cluster.run-coordinated-shutdown-when-down"));
    }
}

using Akka.Actor;
using Hrm.Node;
using k8s.Models;
using Microsoft.Extensions.Configuration;

namespace Hrm.Deploy.Tests;

/// <summary>
/// Every kustomization under k8s/ (base and overlays), rendered and strictly loaded, checked against the node itself:
/// its settings type, its defaults and its validation (NodeSettingsLoader), so that a renamed setting, a changed
/// default port or a probe path the node does not serve fails here rather than in a cluster.
/// </summary>
public sealed class NodeManifestTests
{
    private const string NodeSet = "hrm";
    private const string NodeContainer = "node";

    public static TheoryData<string> Kustomizations() => [.. Rendering.Kustomizations()];

    [Fact]
    public void The_base_and_both_overlays_are_checked()
    {
        Assert.Equal(["k8s/base", "k8s/overlays/postgres", "k8s/overlays/sqlserver"], Rendering.Kustomizations());
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void Renders_and_loads_strictly(string kustomization)
    {
        var rendering = Rendering.Of(kustomization);

        Assert.Contains(rendering.All<V1Namespace>(), n => n.Metadata.Name == "hrm");
        Assert.All(rendering.Objects.OfType<IMetadata<V1ObjectMeta>>().Where(o => o is not V1Namespace),
            o => Assert.Equal("hrm", o.Metadata.NamespaceProperty));
        Assert.NotNull(rendering.ConfigMap("hrm-config"));
        Assert.NotNull(rendering.SecretValue("hrm-secrets", "journal-connection-string"));
        Assert.NotNull(rendering.SecretValue("hrm-secrets", "api-token"));
    }

    [Fact]
    public void Strict_loading_rejects_a_misspelled_field()
    {
        var yaml = Rendering.Of("k8s/base").Yaml.Replace("readOnlyRootFilesystem:", "readOnlyRootFileSystem:", StringComparison.Ordinal);

        Assert.ThrowsAny<Exception>(() => k8s.KubernetesYaml.LoadAllFromString(yaml, strict: true));
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void Every_HRM_variable_is_a_node_setting(string kustomization)
    {
        var rendering = Rendering.Of(kustomization);
        var names = rendering.All<V1StatefulSet>()
            .SelectMany(s => s.Spec.Template.Spec.Containers.SelectMany(c => rendering.Environment(s, c, s.Metadata.Name + "-0")))
            .Select(e => e.Key)
            .Where(n => n.StartsWith(NodeSettingNames.Prefix + "__", StringComparison.OrdinalIgnoreCase))
            .Distinct()
            .ToList();

        Assert.NotEmpty(names);
        var unknown = names.Where(n => !NodeSettingNames.IsSetting(n)).ToList();
        Assert.True(unknown.Count == 0,
            $"{kustomization}: {string.Join(", ", unknown)} bind to no property of Hrm.Node.NodeSettings " +
            $"(the node binds: {string.Join(", ", NodeSettingNames.Patterns)})");
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void Every_pod_gets_settings_the_node_accepts(string kustomization)
    {
        var rendering = Rendering.Of(kustomization);
        var set = rendering.StatefulSet(NodeSet);
        for (var i = 0; i < set.Spec.Replicas; i++)
        {
            var settings = Settings(rendering, set, $"{set.Metadata.Name}-{i}");

            Assert.Equal("0.0.0.0", settings.Hostname);
            Assert.Equal($"{set.Metadata.Name}-{i}.{set.Spec.ServiceName}.{set.Metadata.NamespaceProperty}.svc.cluster.local", settings.PublicHostname);
            Assert.True(settings.HostsSymbols);
            Assert.Contains(settings.Journal.Provider, JournalOptions.KnownProviders);
        }
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void Container_ports_are_the_ports_the_node_listens_on(string kustomization)
    {
        var rendering = Rendering.Of(kustomization);
        var set = rendering.StatefulSet(NodeSet);
        var settings = Settings(rendering, set, set.Metadata.Name + "-0");
        var container = Node(set);

        Assert.Equal(settings.Port, Port(container, "remoting"));
        Assert.Equal(4053, settings.Port);

        // Hrm:Api:Port as bound (HRM__Api__Port when set, else the node's default); 8080 while the node has no API.
        var apiPort = NodeSettingNames.Value(settings, "Api:Port") is int bound ? bound : 8080;
        Assert.Equal(apiPort, Port(container, "http"));
        Assert.Equal(8080, apiPort);

        if (NodeSettingNames.Value(settings, "Api:Host") is string apiHost)
        {
            Assert.Equal("0.0.0.0", apiHost);
        }
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void Probes_ask_the_node_health_endpoints_on_the_http_port(string kustomization)
    {
        var set = Rendering.Of(kustomization).StatefulSet(NodeSet);
        var container = Node(set);
        var http = Port(container, "http");

        AssertHttpProbe(container, container.ReadinessProbe, "/health/ready", http);
        AssertHttpProbe(container, container.LivenessProbe, "/health/live", http);
        var startupPath = container.StartupProbe?.HttpGet?.Path;
        Assert.Contains(startupPath, new[] { "/health/live", "/health/ready" });
        AssertHttpProbe(container, container.StartupProbe, startupPath!, http);
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void The_grace_period_covers_the_shutdown_timeout(string kustomization)
    {
        var rendering = Rendering.Of(kustomization);
        var set = rendering.StatefulSet(NodeSet);
        var settings = Settings(rendering, set, set.Metadata.Name + "-0");
        var grace = set.Spec.Template.Spec.TerminationGracePeriodSeconds;

        Assert.NotNull(grace);
        Assert.True(grace >= 35, $"terminationGracePeriodSeconds {grace} < 35");
        Assert.True(TimeSpan.FromSeconds(grace.Value) > settings.ShutdownTimeout,
            $"terminationGracePeriodSeconds {grace} does not exceed Hrm:ShutdownTimeout {settings.ShutdownTimeout}: the kill would cut the shard hand-off");
        Assert.Equal("RollingUpdate", set.Spec.UpdateStrategy?.Type ?? "RollingUpdate");
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void Seeds_are_the_first_pods_on_their_stable_dns_names(string kustomization)
    {
        var rendering = Rendering.Of(kustomization);
        var set = rendering.StatefulSet(NodeSet);
        var settings = Settings(rendering, set, set.Metadata.Name + "-2");
        var remoting = Port(Node(set), "remoting");

        Assert.True(settings.SeedNodes.Length >= 2, "two seeds: a restarted first seed must find the running cluster");
        for (var i = 0; i < settings.SeedNodes.Length; i++)
        {
            Assert.True(Address.TryParse(settings.SeedNodes[i], out var address), settings.SeedNodes[i]);
            Assert.Equal("akka.tcp", address.Protocol);
            Assert.Equal(settings.ActorSystemName, address.System);
            Assert.Equal($"{set.Metadata.Name}-{i}.{set.Spec.ServiceName}.{set.Metadata.NamespaceProperty}.svc.cluster.local", address.Host);
            Assert.Equal(remoting, address.Port);
            Assert.True(i < set.Spec.Replicas, $"seed {address} is not a pod of the {set.Spec.Replicas} replicas");
        }
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void The_headless_service_publishes_pods_before_they_are_ready(string kustomization)
    {
        var rendering = Rendering.Of(kustomization);
        var set = rendering.StatefulSet(NodeSet);
        var headless = rendering.Service(set.Spec.ServiceName);

        Assert.Equal("None", headless.Spec.ClusterIP);
        Assert.True(headless.Spec.PublishNotReadyAddresses, "a node is ready only once it is a member; it must be resolvable before");
        var port = Assert.Single(headless.Spec.Ports, p => p.Name == "remoting");
        Assert.Equal(Port(Node(set), "remoting"), port.Port);
        Assert.True(TargetsPort(port.TargetPort, Node(set), "remoting"));
        AssertSelects(headless.Spec.Selector, set);

        var api = rendering.Service("hrm-api");
        var http = Assert.Single(api.Spec.Ports, p => p.Name == "http");
        Assert.Equal(8080, http.Port);
        Assert.True(TargetsPort(http.TargetPort, Node(set), "http"));
        AssertSelects(api.Spec.Selector, set);
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void At_most_one_node_is_disrupted_at_a_time(string kustomization)
    {
        var rendering = Rendering.Of(kustomization);
        var set = rendering.StatefulSet(NodeSet);
        var pdb = Assert.Single(rendering.All<V1PodDisruptionBudget>());

        Assert.Equal("1", pdb.Spec.MaxUnavailable?.Value);
        AssertSelects(pdb.Spec.Selector.MatchLabels, set);
        Assert.Equal(3, set.Spec.Replicas);
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void Every_container_runs_as_non_root_on_a_read_only_root(string kustomization)
    {
        var rendering = Rendering.Of(kustomization);
        foreach (var set in rendering.All<V1StatefulSet>())
        {
            var pod = set.Spec.Template.Spec;
            foreach (var container in pod.Containers.Concat(pod.InitContainers ?? []))
            {
                var where = $"{kustomization}: {set.Metadata.Name}/{container.Name}";
                var sc = container.SecurityContext;
                Assert.True((sc?.RunAsNonRoot ?? pod.SecurityContext?.RunAsNonRoot) == true, where + ": runAsNonRoot");
                Assert.True((sc?.RunAsUser ?? pod.SecurityContext?.RunAsUser) is > 0, where + ": runAsUser");
                Assert.True(sc?.ReadOnlyRootFilesystem == true, where + ": readOnlyRootFilesystem");
                Assert.True(sc?.AllowPrivilegeEscalation == false, where + ": allowPrivilegeEscalation");
                Assert.Contains("ALL", sc?.Capabilities?.Drop ?? []);
                Assert.NotNull(container.Resources?.Requests);
                Assert.NotNull(container.Resources?.Limits);
            }
        }

        var node = Node(rendering.StatefulSet(NodeSet));
        Assert.Equal(10001, node.SecurityContext.RunAsUser);
        Assert.Contains(node.VolumeMounts, m => m.MountPath == "/tmp");
        Assert.Contains(node.VolumeMounts, m => m.MountPath == "/data" && m.ReadOnlyProperty == true);
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void Files_the_node_reads_are_mounted(string kustomization)
    {
        var rendering = Rendering.Of(kustomization);
        var set = rendering.StatefulSet(NodeSet);
        var container = Node(set);
        var env = rendering.Environment(set, container, set.Metadata.Name + "-0").ToDictionary(e => e.Key, e => e.Value);

        // The API token: a key of a Secret, projected into a read-only secret volume at the configured path.
        var tokenFile = env.GetValueOrDefault("HRM__Api__TokenFile") ?? "";
        Assert.Equal("/var/run/secrets/hrm/api-token", tokenFile);
        var mount = Assert.Single(container.VolumeMounts, m => tokenFile.StartsWith(m.MountPath.TrimEnd('/') + "/", StringComparison.Ordinal));
        Assert.True(mount.ReadOnlyProperty);
        var volume = Assert.Single(set.Spec.Template.Spec.Volumes, v => v.Name == mount.Name);
        Assert.NotNull(volume.Secret);
        var relative = tokenFile[(mount.MountPath.TrimEnd('/').Length + 1)..];
        var key = volume.Secret.Items is { Count: > 0 } items ? Assert.Single(items, i => i.Path == relative).Key : relative;
        Assert.False(string.IsNullOrEmpty(rendering.SecretValue(volume.Secret.SecretName, key)));

        // Market data directories sit on the read-only data volume.
        foreach (var name in new[] { "HRM__Feeds__DataDirectory", "HRM__Feeds__HistoryDirectory" })
        {
            var directory = env.GetValueOrDefault(name) ?? "";
            Assert.False(string.IsNullOrEmpty(directory), name + " is not set");
            Assert.Contains(container.VolumeMounts, m => m.ReadOnlyProperty == true
                && (directory == m.MountPath || directory.StartsWith(m.MountPath.TrimEnd('/') + "/", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void The_postgres_overlay_points_the_journal_at_its_own_database()
    {
        var rendering = Rendering.Of("k8s/overlays/postgres");
        var set = rendering.StatefulSet(NodeSet);
        var settings = Settings(rendering, set, "hrm-0");

        Assert.Equal(JournalOptions.PostgreSql, settings.Journal.Provider);
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(settings.Journal.ConnectionString);
        var service = rendering.Service(connection.Host!);
        Assert.Contains(service.Spec.Ports, p => p.Port == connection.Port);
        var postgres = rendering.StatefulSet(connection.Host!);
        AssertSelects(service.Spec.Selector, postgres);
        Assert.Equal(connection.Username, rendering.SecretValue("hrm-postgres", "POSTGRES_USER"));
        Assert.Equal(connection.Database, rendering.SecretValue("hrm-postgres", "POSTGRES_DB"));
        Assert.Equal(connection.Password, rendering.SecretValue("hrm-postgres", "POSTGRES_PASSWORD"));
        Assert.NotEmpty(postgres.Spec.VolumeClaimTemplates);
    }

    [Fact]
    public void The_sqlserver_overlay_uses_an_external_sql_server()
    {
        var rendering = Rendering.Of("k8s/overlays/sqlserver");
        var settings = Settings(rendering, rendering.StatefulSet(NodeSet), "hrm-0");

        Assert.Equal(JournalOptions.SqlServer, settings.Journal.Provider);
        Assert.Contains("Server=", settings.Journal.ConnectionString, StringComparison.Ordinal);
        Assert.Single(rendering.All<V1StatefulSet>());
    }

    /// <summary>The node's settings for one pod, bound and validated by the node's own loader from the pod's env.</summary>
    private static NodeSettings Settings(Rendering rendering, V1StatefulSet set, string podName)
    {
        var env = rendering.Environment(set, Node(set), podName)
            .Where(e => e.Key.StartsWith(NodeSettingNames.Prefix + "__", StringComparison.OrdinalIgnoreCase))
            .ToList();
        var unresolved = env.Where(e => e.Value is null || e.Value.Contains("$(", StringComparison.Ordinal)).Select(e => e.Key).ToList();
        Assert.True(unresolved.Count == 0, $"{rendering.Kustomization}: unresolved {string.Join(", ", unresolved)}");

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(env.Select(e => KeyValuePair.Create(e.Key.Replace("__", ":", StringComparison.Ordinal), e.Value)))
            .Build();
        return NodeSettingsLoader.Load(configuration);
    }

    private static V1Container Node(V1StatefulSet set) => Assert.Single(set.Spec.Template.Spec.Containers, c => c.Name == NodeContainer);

    private static int Port(V1Container container, string name) =>
        Assert.Single(container.Ports, p => p.Name == name).ContainerPort;

    private static bool TargetsPort(IntOrString? target, V1Container container, string name) =>
        target?.Value == name || target?.Value == Port(container, name).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void AssertHttpProbe(V1Container container, V1Probe? probe, string path, int port)
    {
        Assert.NotNull(probe);
        Assert.NotNull(probe.HttpGet);
        Assert.Equal(path, probe.HttpGet.Path);
        Assert.True(TargetsPort(probe.HttpGet.Port, container, "http") && Port(container, "http") == port,
            $"probe {path} targets port {probe.HttpGet.Port?.Value}, not the http port {port}");
    }

    private static void AssertSelects(IDictionary<string, string> selector, V1StatefulSet set)
    {
        Assert.NotEmpty(selector);
        var labels = set.Spec.Template.Metadata.Labels;
        Assert.All(selector, s => Assert.Equal(s.Value, labels.TryGetValue(s.Key, out var v) ? v : null));
    }
}

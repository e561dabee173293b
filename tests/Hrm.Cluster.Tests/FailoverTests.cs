using System.Diagnostics;
using Hrm.Protocol.Commands;
using Hrm.Testing;
using Xunit.Abstractions;

namespace Hrm.Cluster.Tests;

/// <summary>
/// Three node processes on loopback sharing a PostgreSQL journal, six symbols replaying real recordings (see
/// <see cref="Feeds"/>; ETH follows BTC's macro context over pub/sub), and a real failure of the node hosting the
/// longest replay (BTC, the leader) in its middle: kill -9, SIGTERM or SIGSTOP. Each time the entity comes back on a survivor, recovers from PostgreSQL, resumes its feed from its
/// offset, and every symbol's journaled signal stream equals that of an uninterrupted run; no two incarnations of an
/// entity ever interleave their writes. The single-node case runs the same on SQLite.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class FailoverTests(ITestOutputHelper output)
{
    private const string PostgreSql = "PostgreSQL.15";
    private const string Sqlite = "SQLite.MS";
    private static readonly TimeSpan ReplayTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    public Task A_node_killed_with_sigkill_mid_replay_loses_and_duplicates_nothing() =>
        FailVictimsNodeAsync("kill", "kill -9", victim => victim.Kill(), (_, _, _) => Task.CompletedTask);

    [Fact]
    public Task A_node_leaving_on_sigterm_hands_its_shards_off_without_loss() =>
        FailVictimsNodeAsync("leave", "SIGTERM", victim => victim.Terminate(), async (_, victim, clock) =>
        {
            Assert.True(await victim.WaitForExitAsync(TimeSpan.FromSeconds(60)), "the terminated node did not exit");
            output.WriteLine($"SIGTERM → process exited ({victim.ExitCode}) after {clock.Elapsed.TotalSeconds:F1} s");
            Assert.Equal(0, victim.ExitCode);
        });

    [Fact]
    public Task A_frozen_node_is_downed_by_the_split_brain_resolver_and_never_writes_beside_its_successor() =>
        FailVictimsNodeAsync("freeze", "SIGSTOP", victim => victim.Freeze(), async (client, victim, _) =>
        {
            Assert.DoesNotContain(Akka.Cluster.Cluster.Get(client.System).State.Members, m => m.Address.ToString() == victim.Address);

            // Woken up, the frozen node learns it was downed and shuts itself down: its own resolver needs the failure
            // detector's pause and stable-after (7 s here), then CoordinatedShutdown's phases, each bounded by its timeout.
            var thawed = Stopwatch.StartNew();
            victim.Thaw();
            var exited = await victim.WaitForExitAsync(TimeSpan.FromSeconds(120));
            Assert.True(exited, "the downed node kept running 120 s after SIGCONT; the end of its log:\n" + victim.LogTail(40));
            output.WriteLine($"SIGCONT → the downed node exited ({victim.ExitCode}) after {thawed.Elapsed.TotalSeconds:F1} s");
        });

    /// <summary>
    /// Three nodes on a fresh PostgreSQL database, every feed attached; <paramref name="fail"/> hits the node hosting
    /// the victim mid-replay, the victim must answer from another node, <paramref name="then"/> checks what is
    /// particular to the failure, and every symbol must end as an uninterrupted run would.
    /// </summary>
    private async Task FailVictimsNodeAsync(string name, string label, Action<NodeProcess> fail,
        Func<ClusterClient, NodeProcess, Stopwatch, Task> then)
    {
        var (cluster, client) = await StartAsync(PostgresServer.CreateDatabase(name));
        using (cluster)
        await using (client)
        {
            var victim = await NodeHostingVictimMidReplayAsync(cluster, client);
            var clock = Stopwatch.StartNew();
            fail(victim);
            var moved = await ServedElsewhereAsync(client, victim);
            output.WriteLine($"{label} → {Feeds.Victim} serving on {moved.Node} after {clock.Elapsed.TotalSeconds:F1} s");
            await then(client, victim, clock);
            await AssertSameAsUninterruptedAsync(cluster, client);
        }
    }

    [Fact]
    public async Task On_sqlite_a_single_node_killed_mid_replay_comes_back_with_the_same_signals()
    {
        await Feeds.ReferenceAsync();
        var file = Path.Combine(Path.GetTempPath(), $"hrm-single-{Guid.NewGuid():N}.db");
        var journal = $"Data Source={file}";
        using var cluster = await LocalCluster.StartAsync(1, Sqlite, journal);
        var victim = cluster.Nodes[0];
        await using (var client = await ClusterClient.JoinAsync(cluster.Seeds, Sqlite, journal))
        {
            await client.AttachAllAsync();
            await NodeHostingVictimMidReplayAsync(cluster, client);
        }

        // The client leaves first: alone with a dead node it would be half of a two-member cluster.
        var clock = Stopwatch.StartNew();
        victim.Kill();
        Assert.True(await victim.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        await cluster.AddNodeAsync();
        await using (var client = await ClusterClient.JoinAsync([cluster.Nodes[1].Address], Sqlite, journal))
        {
            // Nobody attaches the feeds again: remember-entities starts the entities, which restart their own feeds.
            var back = await ServedElsewhereAsync(client, victim);
            output.WriteLine($"kill -9 + restart → {Feeds.Victim} serving again after {clock.Elapsed.TotalSeconds:F1} s (offset {back.FeedOffset})");
            await client.WaitUntilEndedAsync(Feeds.All.Keys, ReplayTimeout);
            await AssertSignalsAsync(client);
        }

        JournalWriters.AssertOneWriterAtATime(Sqlite, journal);
    }

    private static async Task<(LocalCluster Cluster, ClusterClient Client)> StartAsync(string connectionString)
    {
        await Feeds.ReferenceAsync(); // before the cluster starts: it needs the machine to itself to be interrupted mid-way
        var cluster = await LocalCluster.StartAsync(3, PostgreSql, connectionString);
        try
        {
            var client = await ClusterClient.JoinAsync(cluster.Seeds, PostgreSql, connectionString);
            await client.AttachAllAsync();
            return (cluster, client);
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    /// <summary>The node hosting the victim once its replay is between a quarter and three quarters done.</summary>
    private static async Task<NodeProcess> NodeHostingVictimMidReplayAsync(LocalCluster cluster, ClusterClient client)
    {
        var total = (await Feeds.ReferenceAsync()).Events[Feeds.Victim];
        var deadline = DateTime.UtcNow + ReplayTimeout;
        while (true)
        {
            var status = await client.StatusAsync(Feeds.Victim);
            if (status is not null && status.FeedOffset >= total / 4)
            {
                Assert.True(status.FeedOffset < total * 3 / 4 && !status.FeedEnded,
                    $"the replay ran past the middle before it could be interrupted ({status.FeedOffset} of {total})");
                return cluster.NodeAt(status.Node);
            }

            Assert.True(DateTime.UtcNow < deadline, "the victim's replay did not reach a quarter");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits until the victim answers from a node other than <paramref name="gone"/>.</summary>
    private static async Task<SymbolStatus> ServedElsewhereAsync(ClusterClient client, NodeProcess gone)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            if (await client.StatusAsync(Feeds.Victim) is { } status && status.Node != gone.Address)
            {
                return status;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{Feeds.Victim} was not served by another node within 2 minutes");
            await Task.Delay(100);
        }
    }

    private static async Task AssertSameAsUninterruptedAsync(LocalCluster cluster, ClusterClient client)
    {
        await client.WaitUntilEndedAsync(Feeds.All.Keys, ReplayTimeout);
        await AssertSignalsAsync(client);
        JournalWriters.AssertOneWriterAtATime(cluster.Provider, cluster.ConnectionString);
    }

    private static async Task AssertSignalsAsync(ClusterClient client)
    {
        var reference = await Feeds.ReferenceAsync();
        foreach (var entity in Feeds.All.Keys)
        {
            var signals = await client.SignalsAsync([entity]);
            Assert.NotEmpty(signals);
            Assert.Equal(reference.CsvByEntity[entity], Hrm.Backtesting.SignalCsv.Render(signals));
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "cluster processes";
}

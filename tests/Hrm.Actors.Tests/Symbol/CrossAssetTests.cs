using Akka.Actor;
using Hrm.Actors.Feed;
using Hrm.Actors.Hosting;
using Hrm.Actors.Symbol;
using Hrm.Backtesting;
using Hrm.Protocol.Commands;
using Hrm.Protocol.Layers;
using Hrm.Testing;

namespace Hrm.Actors.Tests.Symbol;

/// <summary>
/// Cross-asset context over distributed pub/sub: ETH (2024-08-09 capture) follows BTC (same window). BTC's macro view
/// reaches ETH's integrator, and ETH's signals are the same whether BTC started first or ETH waited for it.
/// </summary>
public sealed class CrossAssetTests
{
    private const string Leader = "BTCUSDT@2024-08-09";
    private const string Follower = "ETHUSDT@2024-08-09";
    private static readonly SymbolSettings Settings = new() { SnapshotEveryEvents = 50_000 };

    [Fact]
    public async Task A_follower_uses_its_leaders_context_and_gives_the_same_signals_whatever_the_timing()
    {
        var leaderFirst = await RunAsync(followerWaits: false);
        var followerFirst = await RunAsync(followerWaits: true);

        Assert.Equal(leaderFirst.Csv, followerFirst.Csv);
        // BTC's view reached ETH at its decision ticks, and it changed over the run.
        Assert.Equal(leaderFirst.LeaderRegimes, followerFirst.LeaderRegimes);
        Assert.True(leaderFirst.LeaderRegimes.Count >= 2, string.Join(", ", leaderFirst.LeaderRegimes));
    }

    private static async Task<(string Csv, IReadOnlyList<string> LeaderRegimes)> RunAsync(bool followerWaits)
    {
        var journal = JournalSettings.SqliteFile(Path.Combine(SharedData.NewTempDirectory("cross-asset"), "hrm.db"));
        await using var node = await EmbeddedCluster.StartAsync(journal, Settings with { PublishLayerOutputs = true });
        var recorder = await LayerOutputsRecording.StartAsync(node.System, o => o.Symbol == Follower);
        await node.Symbols.Ask<FeedAck>(new FollowLeader(Follower, Leader), TimeSpan.FromSeconds(30));
        if (followerWaits)
        {
            await Attach(node, Follower);
            await Task.Delay(TimeSpan.FromSeconds(2)); // the follower's feed runs and stops at its first tick
            var waiting = await node.Symbols.Ask<SymbolStatus>(new GetSymbolStatus(Follower), TimeSpan.FromSeconds(30));
            Assert.False(waiting.FeedEnded);
            await Attach(node, Leader);
        }
        else
        {
            await Attach(node, Leader);
            await Attach(node, Follower);
        }

        foreach (var entity in new[] { Leader, Follower })
        {
            await WaitEndedAsync(node, entity);
        }

        var signals = await SignalJournal.ReadAsync(node.System, [Follower]);
        var outputs = (await LayerOutputsRecording.CollectAsync(recorder))[Follower];
        // The leader's regime as the follower saw it, one entry per change.
        var regimes = new List<string>();
        foreach (var name in outputs.Select(o => o.Leader?.Regime.Name() ?? "none"))
        {
            if (regimes.Count == 0 || regimes[^1] != name)
            {
                regimes.Add(name);
            }
        }

        return (SignalCsv.Render(signals), regimes);
    }

    private static Task<SymbolAdded> Attach(EmbeddedCluster node, string entity) =>
        node.Symbols.Ask<SymbolAdded>(new AddSymbol(entity, new FeedSpec(entity[..entity.IndexOf('@')], SharedData.Window2024,
            SharedData.History, WarmupDays: 120, BatchSize: 2048)), TimeSpan.FromSeconds(30));

    private static async Task WaitEndedAsync(EmbeddedCluster node, string entity)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (!(await node.Symbols.Ask<SymbolStatus>(new GetSymbolStatus(entity), TimeSpan.FromSeconds(30))).FeedEnded)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{entity}'s feed did not end in 3 minutes");
            await Task.Delay(200);
        }
    }
}

using System.Globalization;
using Akka.Actor;
using Hrm.Actors.Feed;
using Hrm.Actors.Hosting;
using Hrm.Actors.Symbol;
using Hrm.Backtesting;
using Hrm.Protocol.Commands;
using Hrm.Protocol.Layers;
using Hrm.Testing;

namespace Hrm.Cluster.Tests;

/// <summary>
/// The six symbols the cluster tests replay, all real recordings: the three Binance tick captures (BTC and ETH on
/// 2024-08-09, BTC on 2023-04-05, each after 120 days of candle history) and three alts' candle and funding history
/// (SOL, XRP, ADA, the first quarter of 2024). Each gets its own entity name, so the same instrument on two dates is
/// two entities.
/// </summary>
public static class Feeds
{
    private static string History => Path.Combine(SharedData.Root, "macro_meso");

    private static string Window2023 => Path.Combine(SharedData.Root, "micro", "binance_ws_hftbacktest", "2023-04-05_window");

    private static readonly long From = Nanos("2024-01-01T00:00:00Z");
    private static readonly long To = Nanos("2024-04-01T00:00:00Z");

    public static IReadOnlyDictionary<string, FeedSpec> All { get; } = new SortedDictionary<string, FeedSpec>(StringComparer.Ordinal)
    {
        ["BTCUSDT@2024-08-09"] = new("BTCUSDT", SharedData.Window2024, History, WarmupDays: 120, BatchSize: 2048),
        ["ETHUSDT@2024-08-09"] = new("ETHUSDT", SharedData.Window2024, History, WarmupDays: 120, BatchSize: 2048),
        ["BTCUSDT@2023-04-05"] = new("BTCUSDT", Window2023, History, WarmupDays: 120, BatchSize: 2048),
        ["SOLUSDT@2024Q1"] = new("SOLUSDT", History, BatchSize: 2048, CandlesFrom: From, CandlesTo: To),
        ["XRPUSDT@2024Q1"] = new("XRPUSDT", History, BatchSize: 2048, CandlesFrom: From, CandlesTo: To),
        ["ADAUSDT@2024Q1"] = new("ADAUSDT", History, BatchSize: 2048, CandlesFrom: From, CandlesTo: To),
    };

    /// <summary>The longest replay: the one the failure tests hit in the middle. ETH follows its macro context.</summary>
    public const string Victim = "BTCUSDT@2024-08-09";

    /// <summary>Follows the victim's macro context across nodes (cross-asset context over pub/sub).</summary>
    public const string Follower = "ETHUSDT@2024-08-09";

    private static readonly Lazy<Task<Reference>> Uninterrupted = new(RunReferenceAsync);

    /// <summary>The signals and event counts of an uninterrupted replay of every feed (computed once per test run).</summary>
    public static Task<Reference> ReferenceAsync() => Uninterrupted.Value;

    public sealed record Reference(IReadOnlyDictionary<string, string> CsvByEntity, IReadOnlyDictionary<string, long> Events);

    /// <summary>
    /// Every feed driven through one embedded node with a SQLite journal, exactly as a backtest would: the result an
    /// uninterrupted run gives.
    /// </summary>
    private static async Task<Reference> RunReferenceAsync()
    {
        var journal = JournalSettings.SqliteFile(Path.Combine(Path.GetTempPath(), $"hrm-cluster-ref-{Guid.NewGuid():N}", "hrm.db"));
        Directory.CreateDirectory(Path.GetDirectoryName(journal.ConnectionString["Data Source=".Length..])!);
        await using var node = await EmbeddedCluster.StartAsync(journal, new SymbolSettings());
        await node.Symbols.Ask<FeedAck>(new FollowLeader(Follower, Victim), TimeSpan.FromSeconds(30));
        var events = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (entity, spec) in All)
        {
            events[entity] = await new ReplayDriver(node.Symbols, spec.BatchSize).RunAsync(FeedSource.Open(spec, entity), [entity]);
        }

        var csv = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entity in All.Keys)
        {
            csv[entity] = SignalCsv.Render(await SignalJournal.ReadAsync(node.System, [entity]));
        }

        return new Reference(csv, events);
    }

    private static long Nanos(string iso) =>
        (DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture).UtcTicks - DateTime.UnixEpoch.Ticks) * 100;
}

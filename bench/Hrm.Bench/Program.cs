using System.Diagnostics;
using System.Globalization;
using Hrm.Actors.Feed;
using Hrm.Actors.Hosting;
using Hrm.Actors.Symbol;
using Hrm.MarketData.Binance;
using Hrm.MarketData.Replay;
using Hrm.Protocol.Market;

// Replay benchmark. In one run: events/s for (1) decompressing, parsing and merging the captures, and (2) the same
// input replayed through the whole per-symbol actor tree (sharded entities, lockstep layers, SQLite journal), with
// their ratio. The window is replayed `copies` times as distinct symbols (BTCUSDT-1, BTCUSDT-2, ...) so fixed costs
// (entity start, final snapshot) are amortised as they would be on a long replay; each copy re-reads the files.
// The cluster is started before the clock starts. Usage: dotnet run -c Release --project bench/Hrm.Bench -- [data dir] [copies] [rounds]
// The `journal` mode (JournalBench.cs) measures signals persisted per second instead: ... -- journal --provider ...
if (args is ["journal", ..])
{
    return await JournalBench.RunAsync(args[1..]);
}

var data = args.Length > 0 ? args[0] : Path.Combine("..", "shared", "data", "micro", "binance_ws_hftbacktest", "2024-08-09_window");
var copies = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 4;
var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
var captures = CaptureCatalog.Discover(data);
var symbols = Enumerable.Range(1, copies).SelectMany(c => captures.Select(x => $"{x.Symbol}-{c}")).Distinct().ToList();

Console.WriteLine($"data: {Path.GetFullPath(data)}; {captures.Count} captures x {copies} copies; best of {rounds} rounds; {Environment.ProcessorCount} cores");

var parse = Best(rounds, () =>
{
    var clock = Stopwatch.StartNew();
    long events = 0;
    foreach (var _ in Events())
    {
        events++;
    }

    return Task.FromResult((events, clock.Elapsed.TotalSeconds));
});
Report("parse-only (gunzip + JSON + merge)", parse);

var full = Best(rounds, async () =>
{
    var journal = Path.Combine(Path.GetTempPath(), $"hrm-bench-{Guid.NewGuid():N}.db");
    await using var cluster = await EmbeddedCluster.StartAsync(JournalSettings.SqliteFile(journal), new SymbolSettings());
    var clock = Stopwatch.StartNew();
    var events = await new ReplayDriver(cluster.Symbols).RunAsync(Events(), symbols);
    return (events, clock.Elapsed.TotalSeconds);
});
Report("full actor tree (feed -> sharded entities -> layers -> journal)", full);
Console.WriteLine($"ratio full / parse-only: {full.Rate / parse.Rate:F2}");
return 0;

IEnumerable<MarketEvent> Events() => EventMerger.Merge(Enumerable.Range(1, copies)
    .SelectMany(copy => captures.Select(capture => Renamed(new BinanceCaptureReader(capture), copy)))
    .ToList());

static IEnumerable<MarketEvent> Renamed(IEnumerable<MarketEvent> events, int copy)
{
    foreach (var e in events)
    {
        yield return e with { Symbol = $"{e.Symbol}-{copy}" };
    }
}

static (long Events, double Seconds, double Rate) Best(int rounds, Func<Task<(long Events, double Seconds)>> run)
{
    (long Events, double Seconds, double Rate) best = (0, 0, 0);
    for (var i = 0; i < rounds; i++)
    {
        var (events, seconds) = run().GetAwaiter().GetResult();
        if (events / seconds > best.Rate)
        {
            best = (events, seconds, events / seconds);
        }
    }

    return best;
}

static void Report(string name, (long Events, double Seconds, double Rate) result) =>
    Console.WriteLine($"{name}: {result.Events:N0} events in {result.Seconds:F3} s = {result.Rate:N0} events/s");

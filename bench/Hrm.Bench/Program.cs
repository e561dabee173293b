using System.Diagnostics;
using System.Globalization;
using Hrm.Actors.Backtest;

// Replay benchmark: in one run, events/s for (1) decompressing, parsing and merging the captures, and (2) the
// same input replayed through the whole per-symbol actor tree (embedded cluster, SQLite journal). Prints both and
// their ratio. Usage: dotnet run -c Release --project bench/Hrm.Bench -- [data dir] [rounds]
var data = args.Length > 0 ? args[0] : Path.Combine("..", "shared", "data", "micro", "binance_ws_hftbacktest", "2024-08-09_window");
var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
var options = new BacktestOptions { DataDirectory = data, OutDirectory = Path.Combine(Path.GetTempPath(), $"hrm-bench-{Environment.ProcessId}") };

Console.WriteLine($"data: {Path.GetFullPath(data)}; {rounds} rounds each, best round reported; {Environment.ProcessorCount} cores");

var parse = Best(rounds, () =>
{
    var clock = Stopwatch.StartNew();
    long events = 0;
    foreach (var _ in BacktestSources.Open(options).Events)
    {
        events++;
    }

    return (events, clock.Elapsed.TotalSeconds);
});
Report("parse-only (gunzip + JSON + merge)", parse);

var full = Best(rounds, () =>
{
    var summary = BacktestRunner.RunAsync(options).GetAwaiter().GetResult();
    return (summary.EventsReplayed, summary.ReplaySeconds);
});
Report("full actor tree (replay → sharded entities → layers → journal)", full);

Console.WriteLine($"ratio full / parse-only: {full.Rate / parse.Rate:F2}");
Directory.Delete(options.OutDirectory, recursive: true);

static (long Events, double Seconds, double Rate) Best(int rounds, Func<(long Events, double Seconds)> run)
{
    (long Events, double Seconds, double Rate) best = (0, 0, 0);
    for (var i = 0; i < rounds; i++)
    {
        var (events, seconds) = run();
        var rate = events / seconds;
        if (rate > best.Rate)
        {
            best = (events, seconds, rate);
        }
    }

    return best;
}

static void Report(string name, (long Events, double Seconds, double Rate) result) =>
    Console.WriteLine($"{name}: {result.Events:N0} events in {result.Seconds:F3} s = {result.Rate:N0} events/s");

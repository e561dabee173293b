using System.CommandLine;
using Hrm.Actors.Backtest;
using Spectre.Console;

namespace Hrm.Cli;

/// <summary><c>hrm backtest</c>: replay recorded data through an embedded single-node cluster and write signals.</summary>
public static class BacktestCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "Directory with Binance websocket captures (searched recursively)", Required = true };
        var symbols = new Option<string?>("--symbols") { Description = "Comma-separated canonical symbols, e.g. BTCUSDT,ETHUSDT (default: all in the data)" };
        var output = new Option<DirectoryInfo>("--out") { Description = "Output directory", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("out", "backtest")) };
        var history = new Option<DirectoryInfo?>("--history") { Description = "Candle/funding CSV directory to warm up macro and meso before the first tick" };
        var warmupDays = new Option<int>("--warmup-days") { Description = "Days of history replayed before the first tick", DefaultValueFactory = _ => 120 };
        var resume = new Option<bool>("--resume") { Description = "Continue an interrupted run over the journal in --out" };
        var json = new Option<bool>("--json") { Description = "Also print the summary as JSON on stdout" };

        var command = new Command("backtest", "Replay recorded market data through the per-symbol actor tree and write signals.csv, signals.parquet and summary.json")
        {
            data, symbols, output, history, warmupDays, resume, json,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var options = new BacktestOptions
            {
                DataDirectory = parse.GetValue(data)!.FullName,
                Symbols = SplitSymbols(parse.GetValue(symbols)),
                OutDirectory = parse.GetValue(output)!.FullName,
                HistoryDirectory = parse.GetValue(history)?.FullName,
                Warmup = TimeSpan.FromDays(parse.GetValue(warmupDays)),
                Resume = parse.GetValue(resume),
            };
            return await RunAsync(options, parse.GetValue(json), cancellation);
        });
        return command;
    }

    private static async Task<int> RunAsync(BacktestOptions options, bool json, CancellationToken cancellation)
    {
        try
        {
            var summary = await ProgressDisplay.RunAsync(progress => BacktestRunner.RunAsync(options, progress, cancellation));
            if (json)
            {
                Console.Out.WriteLine(summary.ToJson());
            }
            else
            {
                AnsiConsole.MarkupLineInterpolated(
                    $"[green]{summary.EventsReplayed:N0}[/] events in {summary.ElapsedSeconds:N1} s ({summary.EventsPerSecond:N0}/s); signals: {string.Join(", ", summary.Signals.Select(s => $"{s.Key} {s.Value}"))}; written to {options.OutDirectory}");
            }

            return summary.Completed ? 0 : 1;
        }
        catch (BacktestInputException error)
        {
            Console.Error.WriteLine($"hrm backtest: {error.Message}");
            return 2;
        }
    }

    private static string[]? SplitSymbols(string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? null
            : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToUpperInvariant()).ToArray();
}

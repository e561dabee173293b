using System.CommandLine;
using Hrm.Actors.Backtest;
using Spectre.Console;

namespace Hrm.Cli;

/// <summary><c>hrm backtest</c>: replay recorded data through an embedded single-node cluster and write signals.</summary>
public static class BacktestCommand
{
    public static Command Create()
    {
        var input = new ReplayInputOptions(Path.Combine("out", "backtest"));
        var resume = new Option<bool>("--resume") { Description = "Continue an interrupted run over the journal in --out" };
        var json = new Option<bool>("--json") { Description = "Also print the summary as JSON on stdout" };

        var command = new Command("backtest", "Replay recorded market data through the per-symbol actor tree and write signals.csv, signals.parquet and summary.json")
        {
            resume, json,
        };
        input.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
            await RunAsync(input.Read(parse) with { Resume = parse.GetValue(resume) }, parse.GetValue(json), cancellation));
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
}

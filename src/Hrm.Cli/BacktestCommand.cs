using System.CommandLine;
using Hrm.Actors.Backtest;
using Hrm.Signals.Evaluation;
using Hrm.Signals.Evaluation.WalkForward;
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
        var walkForward = new Option<string?>("--walk-forward")
        {
            Description = "Walk-forward <train>:<test> (d, h or w; e.g. 180d:30d) over the candle/funding CSVs in --history (else --data), writing metrics.json",
        };
        var from = new Option<string?>("--from") { Description = "Walk-forward span start: ISO-8601 UTC (2019-09-10T00:00:00Z), or Unix ms or ns" };
        var to = new Option<string?>("--to") { Description = "Walk-forward span end (exclusive), same forms as --from" };
        var feeBps = new Option<double>("--fee-bps") { Description = "Taker fee per side in bps (walk-forward)", DefaultValueFactory = _ => CostModel.Perp.FeeBps };
        var slippageBps = new Option<double>("--slippage-bps") { Description = "Slippage per side in bps (walk-forward)", DefaultValueFactory = _ => CostModel.Perp.SlippageBps };

        var command = new Command("backtest", "Replay recorded market data through the per-symbol actor tree and write signals.csv, signals.parquet and summary.json")
        {
            resume, json, walkForward, from, to, feeBps, slippageBps,
        };
        input.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            var options = input.Read(parse) with { Resume = parse.GetValue(resume) };
            if (parse.GetValue(walkForward) is not { } spec)
            {
                if (parse.GetValue(from) is not null || parse.GetValue(to) is not null)
                {
                    return Fail("--from and --to apply to a walk-forward: add --walk-forward <train>:<test>.");
                }

                return await RunAsync(options, parse.GetValue(json), cancellation);
            }

            if (options.Resume)
            {
                return Fail("--resume does not apply to --walk-forward: every walk-forward starts a fresh journal.");
            }

            if (!TryReadWalkForward(spec, parse.GetValue(from), parse.GetValue(to), out var plan, out var error))
            {
                return Fail(error);
            }

            var (fee, slippage) = (parse.GetValue(feeBps), parse.GetValue(slippageBps));
            if (!(fee >= 0) || !(slippage >= 0))
            {
                return Fail("--fee-bps and --slippage-bps must be numbers >= 0.");
            }

            return await RunWalkForwardAsync(
                new WalkForwardOptions
                {
                    Backtest = options,
                    From = plan.From,
                    To = plan.To,
                    Train = plan.Train,
                    Test = plan.Test,
                    Costs = new CostModel(fee, slippage),
                },
                parse.GetValue(json),
                cancellation);
        });
        return command;
    }

    /// <summary>Reads the walk-forward flags; a one-line reason when they do not make a plan.</summary>
    public static bool TryReadWalkForward(
        string spec, string? from, string? to, out (TimeSpan Train, TimeSpan Test, long From, long To) plan, out string error)
    {
        plan = default;
        error = "";
        TimeSpan train, test;
        try
        {
            (train, test) = WalkForwardPlan.ParseSpec(spec);
        }
        catch (FormatException e)
        {
            error = $"--walk-forward: {e.Message}.";
            return false;
        }

        if (from is null || to is null)
        {
            error = "--walk-forward needs --from and --to (the span the folds tile).";
            return false;
        }

        if (!LookaheadCommand.TryParseTime(from, out var fromNanos) || !LookaheadCommand.TryParseTime(to, out var toNanos))
        {
            error = $"--from '{from}' / --to '{to}': use ISO-8601 UTC (2019-09-10T00:00:00Z) or Unix ms or ns.";
            return false;
        }

        if (toNanos <= fromNanos)
        {
            error = "--to must be after --from.";
            return false;
        }

        plan = (train, test, fromNanos, toNanos);
        return true;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"hrm backtest: {message}");
        return 2;
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
            return Fail(error.Message);
        }
    }

    private static async Task<int> RunWalkForwardAsync(WalkForwardOptions options, bool json, CancellationToken cancellation)
    {
        try
        {
            var result = await ProgressDisplay.RunAsync(progress => WalkForwardRunner.RunAsync(options, progress, cancellation));
            var summary = result.Summary;
            if (json)
            {
                Console.Out.WriteLine(summary.ToJson());
            }
            else
            {
                AnsiConsole.MarkupLineInterpolated(
                    $"[green]{result.Folds.Count}[/] folds, {summary.EventsReplayed:N0} events in {summary.ElapsedSeconds:N1} s; test-window signals: {string.Join(", ", summary.Signals.Select(s => $"{s.Key} {s.Value}"))}; metrics.json written to {options.Backtest.OutDirectory}");
            }

            return summary.Completed ? 0 : 1;
        }
        catch (BacktestInputException error)
        {
            return Fail(error.Message);
        }
    }
}

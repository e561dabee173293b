using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hrm.Backtesting;
using Hrm.Cli.Client;
using Hrm.Cli.Reports;
using Hrm.MarketData;
using Hrm.MarketData.Replay;
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
        command.Subcommands.Add(RemoteBacktestCommands.Submit());
        command.Subcommands.Add(RemoteBacktestCommands.Status());
        command.SetAction(async (parse, cancellation) =>
        {
            if (!input.TryRead(parse, out var read, out var invalid))
            {
                return Fail(invalid);
            }

            var options = read with { Resume = parse.GetValue(resume) };
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

            if (!TryWithCosts(options, plan, parse.GetValue(feeBps), parse.GetValue(slippageBps), out var walk, out error))
            {
                return Fail(error);
            }

            return await RunWalkForwardAsync(walk, parse.GetValue(json), cancellation);
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

    /// <summary>The walk-forward of <paramref name="backtest"/> over <paramref name="plan"/> at these costs; false when a cost is negative.</summary>
    public static bool TryWithCosts(
        BacktestOptions backtest, (TimeSpan Train, TimeSpan Test, long From, long To) plan, double feeBps, double slippageBps,
        out WalkForwardOptions options, out string error)
    {
        options = new WalkForwardOptions
        {
            Backtest = backtest,
            From = plan.From,
            To = plan.To,
            Train = plan.Train,
            Test = plan.Test,
            Costs = new CostModel(feeBps, slippageBps),
        };
        error = feeBps >= 0 && slippageBps >= 0 ? "" : "--fee-bps and --slippage-bps must be numbers >= 0.";
        return error.Length == 0;
    }

    /// <summary>A console on the current stdout (not the one <see cref="AnsiConsole"/> captured when first used).</summary>
    private static IAnsiConsole Stdout() => AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"hrm backtest: {message}");
        return 2;
    }

    private static async Task<int> RunAsync(BacktestOptions options, bool json, CancellationToken cancellation)
    {
        try
        {
            var outDir = options.OutDirectory;
            var (result, report) = await ProgressDisplay.RunAsync(async progress =>
            {
                var result = await BacktestRunner.RunWithSignalsAsync(options, progress, cancellation);
                var report = CaptureReport.From(result, options) is { } input ? ReportWriter.Write(outDir, input) : [];
                return (result, report);
            });
            var summary = result.Summary;
            if (json)
            {
                Console.Out.WriteLine(ReportJson(summary, outDir, report));
            }
            else
            {
                Stdout().MarkupLineInterpolated(
                    $"[green]{summary.EventsReplayed:N0}[/] events in {summary.ElapsedSeconds:N1} s ({summary.EventsPerSecond:N0}/s); signals: {string.Join(", ", summary.Signals.Select(s => $"{s.Key} {s.Value}"))}; written to {outDir}");
                Stdout().MarkupLineInterpolated($"{Scored(options, summary, report)}");
            }

            return summary.Completed ? 0 : 1;
        }
        catch (InputException error)
        {
            return Fail(error.Message);
        }
    }

    /// <summary>The files an evaluated run writes besides the signals and the summary.</summary>
    private static readonly string Evaluated =
        $"{RunEvaluation.MetricsFile}, {RunEvaluation.FeaturesFile}, {ReportWriter.MarkdownFile} and {ReportWriter.HtmlFile}";

    /// <summary>What the console says about the evaluation: the files written, or why there are none.</summary>
    private static string Scored(BacktestOptions options, BacktestSummary summary, IReadOnlyList<string> report) =>
        report.Count > 0 ? $"{Evaluated} written to {options.OutDirectory}"
        : options.Resume ? $"resumed run: no metrics.json or report written (a resumed run is not evaluated; any already in {options.OutDirectory} are from an earlier run)"
        : !summary.Completed ? "stopped before the end: no metrics.json or report (--resume continues the replay)"
        : $"no metrics.json or report ({summary.NotScored ?? "nothing to score"})";

    private static async Task<int> RunWalkForwardAsync(WalkForwardOptions options, bool json, CancellationToken cancellation)
    {
        try
        {
            var outDir = options.Backtest.OutDirectory;
            var (result, report) = await ProgressDisplay.RunAsync(
                async progress =>
                {
                    var result = await WalkForwardRunner.RunAsync(options, progress, cancellation);
                    var report = WalkForwardReport.From(result, options) is { } input ? ReportWriter.Write(outDir, input) : [];
                    return (result, report);
                },
                () => TotalEvents(options),
                "scoring, writing the report…");
            var summary = result.Summary;
            if (json)
            {
                Console.Out.WriteLine(ReportJson(summary, outDir, report));
            }
            else if (summary.Completed)
            {
                Stdout().MarkupLineInterpolated(
                    $"[green]{result.Folds.Count}[/] folds, {summary.EventsReplayed:N0} events in {summary.ElapsedSeconds:N1} s; test-window signals: {string.Join(", ", summary.Signals.Select(s => $"{s.Key} {s.Value}"))}; {Evaluated} written to {outDir}");
            }
            else
            {
                Stdout().MarkupLineInterpolated(
                    $"[yellow]stopped[/] after {summary.EventsReplayed:N0} events in {summary.ElapsedSeconds:N1} s: no metrics.json or report; the test-window signals so far are in {outDir}");
            }

            return summary.Completed ? 0 : 1;
        }
        catch (InputException error)
        {
            return Fail(error.Message);
        }
    }

    /// <summary>
    /// summary.json's fields plus the files an evaluated run (walk-forward or capture) wrote: <c>metrics_json</c>,
    /// <c>features_parquet</c>, <c>report_md</c>, <c>report_html</c> and <c>report_plots</c> (absent when there was no evaluation: the run
    /// stopped before the end or was resumed).
    /// </summary>
    private static string ReportJson(BacktestSummary summary, string outDir, IReadOnlyList<string> report)
    {
        var root = JsonNode.Parse(summary.ToJson())!.AsObject();
        if (summary.Completed && report.Count > 0)
        {
            root["metrics_json"] = Path.GetFullPath(Path.Combine(outDir, RunEvaluation.MetricsFile));
            root["features_parquet"] = Path.GetFullPath(Path.Combine(outDir, RunEvaluation.FeaturesFile));
            root["report_md"] = Path.GetFullPath(report.Single(p => Path.GetFileName(p) == ReportWriter.MarkdownFile));
            root["report_html"] = Path.GetFullPath(report.Single(p => Path.GetFileName(p) == ReportWriter.HtmlFile));
            root["report_plots"] = new JsonArray([.. report
                .Where(p => p.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
                .Select(p => (JsonNode?)JsonValue.Create(Path.GetFullPath(p)))]);
        }

        return root.ToJsonString(Protocol.HrmJson.Files);
    }

    /// <summary>
    /// The events the walk-forward will send: per fold, the input events in [train start, test end) (overlapping
    /// folds replay the same candles again). Reads the CSVs once more, so it is only run when a progress bar is shown.
    /// </summary>
    private static long TotalEvents(WalkForwardOptions options)
    {
        var folds = WalkForwardPlan.Folds(options.From, options.To, options.Train, options.Test);
        var events = RecordedSources.OpenHistory(options.InputDirectory, options.Backtest.Symbols, options.From, options.To).Events;
        return folds.Sum(f => (long)events.Count(e => e.TsEvent >= f.TrainFrom && e.TsEvent < f.TestTo));
    }
}

using System.CommandLine;
using Hrm.Backtesting;
using Hrm.MarketData;
using Hrm.MarketData.Replay;
using Hrm.Protocol;
using Hrm.Protocol.Market;
using Hrm.Signals.Evaluation;
using Hrm.Signals.Evaluation.Discovery;
using Spectre.Console;

namespace Hrm.Cli;

/// <summary>
/// <c>hrm discover</c>: a walk-forward over the candle history, then every candidate (each feature, each cross-scale
/// interaction, each layer's model, the learned hierarchy, the pre-registered strategies) fitted on each train window
/// and judged on its test window, under multiple-testing control (docs/LEARNING.md).
/// </summary>
public static class DiscoverCommand
{
    public const string ModelFile = "model.json";

    public static Command Create()
    {
        var input = new ReplayInputOptions(Path.Combine("out", "discover"));
        var walkForward = new Option<string>("--walk-forward")
        {
            Description = "Walk-forward <train>:<test> (d, h or w; e.g. 180d:30d)",
            Required = true,
        };
        var from = new Option<string>("--from") { Description = "Span start: ISO-8601 UTC (2019-09-01T00:00:00Z), or Unix ms or ns", Required = true };
        var to = new Option<string?>("--to") { Description = "Span end (exclusive); default: the end of the history" };
        var feeBps = new Option<double>("--fee-bps") { Description = "Taker fee per side in bps", DefaultValueFactory = _ => CostModel.Perp.FeeBps };
        var slippageBps = new Option<double>("--slippage-bps") { Description = "Slippage per side in bps", DefaultValueFactory = _ => CostModel.Perp.SlippageBps };
        var command = new Command("discover", "Fit and judge every candidate forecast on walk-forward test windows; write discovery.json and discovery.md")
        {
            walkForward, from, to, feeBps, slippageBps,
        };
        input.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            if (!input.TryRead(parse, out var options, out var invalid))
            {
                return Fail(invalid);
            }

            var end = parse.GetValue(to) ?? HistoryEnd(options);
            if (end is null)
            {
                return Fail("no candles found in the history to end the span; give --to.");
            }

            if (!BacktestCommand.TryReadWalkForward(parse.GetValue(walkForward)!, parse.GetValue(from), end, out var plan, out var error))
            {
                return Fail(error);
            }

            if (!BacktestCommand.TryWithCosts(options, plan, parse.GetValue(feeBps), parse.GetValue(slippageBps), out var walk, out error))
            {
                return Fail(error);
            }

            try
            {
                return await RunAsync(walk, cancellation);
            }
            catch (InputException e)
            {
                return Fail(e.Message);
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(WalkForwardOptions options, CancellationToken cancellation)
    {
        var result = await ProgressDisplay.RunAsync(
            progress => WalkForwardRunner.RunAsync(options, progress, cancellation),
            () => 0,
            "fitting and judging the candidates…");
        if (!result.Summary.Completed)
        {
            Console.Error.WriteLine("hrm discover: stopped before the end; nothing was judged.");
            return 1;
        }

        var input = DiscoveryInputs.From(result, options);
        var report = DiscoveryRunner.Run(input);
        var outDir = options.Backtest.OutDirectory;
        await File.WriteAllTextAsync(Path.Combine(outDir, DiscoveryReport.JsonFile), report.ToJson(), CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(outDir, DiscoveryReport.MarkdownFile), report.ToMarkdown(), CancellationToken.None);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        console.MarkupLineInterpolated($"[green]{report.Tried}[/] candidate × horizon pairs tried over {report.ScoredFolds} test windows; [green]{report.Survivors.Count}[/] survive (BH q ≤ {DiscoveryRunner.FalseDiscoveryRate}, deflated Sharpe ≥ {DiscoveryRunner.DeflatedSharpeLevel})");
        foreach (var c in report.Candidates.Where(c => c.Name == Candidate.LearnedHierarchy || c.Survives))
        {
            console.MarkupLineInterpolated($"  {c.Name} {c.Horizon}: IC {c.Ic:F4} ± {c.IcSe:F4}, net {c.NetReturn:F3}, Sharpe {c.Sharpe:F2}, DSR {c.DeflatedSharpe:F3}, q {c.QValue:F3} (of {report.Tried} tried)");
        }

        foreach (var fits in report.Hierarchy)
        {
            await File.WriteAllBytesAsync(Path.Combine(outDir, $"calibration-learned-{fits.Horizon}.png"),
                Reports.ReportPlots.Calibration(fits.Metrics.Reliability, $"Learned hierarchy, test windows: P(rise over {fits.Horizon})"), CancellationToken.None);
        }

        var model = DiscoveryRunner.FitServingModel(input, options.To, options.Train);
        if (model is not null)
        {
            await File.WriteAllTextAsync(Path.Combine(outDir, ModelFile), model.ToJson(), CancellationToken.None);
            console.MarkupLineInterpolated($"{ModelFile}: the learned hierarchy at {model.Horizon} (highest out-of-fold IC inside its train window, {model.Hierarchy.OutOfFoldIc:F4}), fitted on {EventTime.IsoUtc(model.TrainedFrom)} .. {EventTime.IsoUtc(model.TrainedUntil)}; serve it with --model");
        }

        console.MarkupLineInterpolated($"{DiscoveryReport.JsonFile} and {DiscoveryReport.MarkdownFile} written to {outDir}, beside the walk-forward's metrics.json and features.parquet");
        return 0;
    }

    /// <summary>The last candle's time in the history, as ISO-8601, or null when there is none.</summary>
    private static string? HistoryEnd(Backtesting.BacktestOptions options)
    {
        var history = RecordedSources.OpenHistory(options.HistoryDirectory ?? options.DataDirectory, options.Symbols, long.MinValue, long.MaxValue);
        var candles = history.Events.OfType<Bar>().ToList();
        return candles.Count == 0 ? null : (candles.Max(e => e.TsEvent) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"hrm discover: {message}");
        return 2;
    }
}

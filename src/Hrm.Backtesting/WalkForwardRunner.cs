using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Akka.Actor;
using Hrm.Actors.Feed;
using Hrm.Actors.Hosting;
using Hrm.MarketData;
using Hrm.MarketData.Replay;
using Hrm.Protocol;
using Hrm.Protocol.Commands;
using Hrm.Protocol.Layers;
using Hrm.Signals.Evaluation;
using Hrm.Signals.Evaluation.Labels;
using Hrm.Signals.Evaluation.Metrics;
using Hrm.Signals.Evaluation.Trading;
using Hrm.Signals.Evaluation.WalkForward;
using Hrm.Signals.Layers;
using Microsoft.Data.Sqlite;

namespace Hrm.Backtesting;

/// <summary>What a walk-forward backtest runs over: the backtest's input and output, the span, the windows and the costs.</summary>
public sealed record WalkForwardOptions
{
    /// <summary>Symbols, output directory, settings; the input is <see cref="InputDirectory"/>.</summary>
    public required BacktestOptions Backtest { get; init; }

    /// <summary>Span start (Unix ns): the first train window starts here.</summary>
    public required long From { get; init; }

    /// <summary>Span end (Unix ns, exclusive): the last test window ends here.</summary>
    public required long To { get; init; }

    public required TimeSpan Train { get; init; }

    public required TimeSpan Test { get; init; }

    public CostModel Costs { get; init; } = CostModel.Perp;

    /// <summary>The candle/funding CSVs replayed: <c>--history</c> when given, else <c>--data</c>. Tick captures are not read.</summary>
    public string InputDirectory => Backtest.HistoryDirectory ?? Backtest.DataDirectory;
}

/// <summary>
/// A walk-forward run's outcome: the summary, the folds, the scored (test-window) signals, and the evaluation (null
/// when the run was stopped before the end).
/// </summary>
public sealed record WalkForwardResult(
    BacktestSummary Summary,
    IReadOnlyList<WalkForwardFold> Folds,
    IReadOnlyList<AlphaSignal> TestSignals,
    RunEvaluation? Evaluation)
{
    public string MetricsJson => Evaluation?.MetricsJson ?? "";
}

/// <summary>
/// The scored windows of a run (a walk-forward's test windows, a capture's replayed window): the hierarchy's and each
/// baseline's combined trades and equity, the prices of the first symbol, the metrics and their JSON (metrics.json),
/// every decision tick with its features and labels (features.parquet), and the funding settlements of the perps.
/// </summary>
public sealed record RunEvaluation(
    StrategyResult Hierarchy,
    IReadOnlyList<StrategyResult> Baselines,
    IReadOnlyList<PricePoint> Prices,
    MetricsReport Metrics,
    string MetricsJson,
    IReadOnlyList<FeatureRow> Rows,
    IReadOnlyList<Horizon> Horizons,
    IReadOnlyDictionary<string, IReadOnlyList<FundingSettlement>>? Funding = null,
    ScoredCapture? Capture = null)
{
    public const string MetricsFile = "metrics.json";
    public const string FeaturesFile = "features.parquet";

    /// <summary>Writes <c>metrics.json</c> and <c>features.parquet</c> into <paramref name="outDirectory"/>.</summary>
    public async Task WriteAsync(string outDirectory)
    {
        await File.WriteAllTextAsync(Path.Combine(outDirectory, MetricsFile), MetricsJson, CancellationToken.None);
        await FeatureParquet.WriteAsync(Path.Combine(outDirectory, FeaturesFile), FeatureSchema.Names, Horizons, Rows);
    }
}

/// <summary>
/// Walk-forward backtest (docs/EVALUATION.md): the candle and funding history replayed through the actor tree once per
/// fold, each fold in its own entity per symbol (<c>BTCUSDT~f3</c>) that sees only [TrainFrom, TestTo) and is told
/// <see cref="LearnUntil"/> TestFrom, so that everything it learns is fit on the train window and frozen for the test
/// window. Only signals stamped in the test window are kept; they are traded by <see cref="TradeSimulator"/> on the
/// perp candles beside buy-and-hold, and scored into <c>metrics.json</c>.
/// </summary>
public static class WalkForwardRunner
{
    public const string Notes =
        "baselines trade the layers' own readings at every decision tick of the test windows (macro_alone, meso_alone, micro_alone, naive_average; docs/EVALUATION.md) with the hierarchy's size cap, holding time and costs; micro_alone is flat where no tick data was replayed";

    /// <summary>Said when the hierarchy stayed flat, so its nulls are not mistaken for a result.</summary>
    public const string NoTradesNote =
        "the hierarchy made no trade in the test windows, so its metrics here are those of a flat book";

    private static readonly TimeSpan AckTimeout = TimeSpan.FromMinutes(2);

    public static async Task<WalkForwardResult> RunAsync(
        WalkForwardOptions options, IProgress<long>? progress = null, CancellationToken cancellation = default)
    {
        var folds = WalkForwardPlan.Folds(options.From, options.To, options.Train, options.Test);
        if (folds.Count == 0)
        {
            throw new InputException(
                $"no walk-forward fold fits in {EventTime.IsoUtc(options.From)} .. {EventTime.IsoUtc(options.To)}: the span must be longer than the train window.");
        }

        var backtest = options.Backtest;
        ModelGuard.RequireOutOfSample(backtest.Symbol.Model, folds[0].TestFrom);
        var input = RecordedSources.OpenHistory(options.InputDirectory, backtest.Symbols, options.From, options.To);
        var entities = folds.SelectMany(f => input.Symbols.Select(s => (Fold: f, Entity: WalkForwardWindows.EntityName(s, f)))).ToList();
        var clock = Stopwatch.StartNew();
        var foldOf = entities.ToDictionary(e => e.Entity, e => e.Fold, StringComparer.Ordinal);

        // The folds' streams merged on event time: the overlapping folds' entities advance side by side.
        var events = EventMerger.Merge(folds.Select(f => WalkForwardWindows.FoldEvents(input.Events, f)).ToList());
        var replay = await EmbeddedReplay.RunAsync(backtest with { Resume = false }, events, entities.Select(e => e.Entity).ToList(),
            o => foldOf.TryGetValue(o.Symbol, out var f) && o.TsEvent >= f.TestFrom && o.TsEvent < f.TestTo,
            async cluster =>
            {
                foreach (var (fold, entity) in entities)
                {
                    await cluster.Symbols.Ask<FeedAck>(new LearnUntil(entity, fold.TestFrom), AckTimeout, cancellation);
                }
            },
            progress, cancellation);
        var (signals, outputs, completed) = (replay.Signals, replay.Outputs, replay.Completed);

        var byEntity = signals.GroupBy(s => s.Symbol, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var perFold = entities.Select(e => new FoldRun(e.Fold, WalkForwardWindows.SymbolOf(e.Entity),
            byEntity.TryGetValue(e.Entity, out var mine) ? mine : [],
            outputs.TryGetValue(e.Entity, out var said) ? said : [])).ToList();
        var testSignals = perFold.SelectMany(p => WalkForwardWindows.TestSignals(p.Signals, p.Fold))
            .OrderBy(s => s.Symbol, StringComparer.Ordinal).ThenBy(s => s.TsEvent).ThenBy(s => s.Sequence).ToList();

        var evaluation = completed ? Evaluate(options, input, folds, perFold) : null;
        clock.Stop();
        var summary = new BacktestSummary(
            options.InputDirectory,
            input.Symbols,
            input.Names,
            replay.Tally.ByType(),
            input.Rejects,
            BacktestRunner.CountByDirection(testSignals),
            replay.Sent,
            Math.Round(clock.Elapsed.TotalSeconds, 3),
            Math.Round(replay.ReplayTime.TotalSeconds, 3),
            replay.EventsPerSecond,
            completed);
        var outDir = backtest.OutDirectory;
        await File.WriteAllTextAsync(Path.Combine(outDir, "signals.csv"), SignalCsv.Render(testSignals), CancellationToken.None);
        await SignalParquet.WriteAsync(Path.Combine(outDir, "signals.parquet"), testSignals);
        await File.WriteAllTextAsync(Path.Combine(outDir, "summary.json"), summary.ToJson(), CancellationToken.None);
        if (completed)
        {
            await evaluation!.WriteAsync(outDir);
        }

        return new WalkForwardResult(summary, folds, testSignals, evaluation);
    }

    /// <summary>
    /// Per horizon, the label of a decision at every perp bar's open of every symbol (σ is not needed): the pool each
    /// fold's climatology draws its purged train labels from (<see cref="Climatology.TrainBaseRate"/>).
    /// </summary>
    private static ForwardLabel[][] BarLabels(IEnumerable<IReadOnlyList<PriceBar>> symbols)
    {
        var spec = LabelSpec.Candles;
        return spec.Horizons
            .Select(h => symbols.SelectMany(bars => bars.Select(b => ForwardLabels.Label(bars, b.TsEvent, h.Seconds, double.NaN, spec.VolStepSeconds))).ToArray())
            .ToArray();
    }

    /// <summary>One fold of one symbol: its signals (train and test) and the layer outputs of its test window.</summary>
    private sealed record FoldRun(WalkForwardFold Fold, string Symbol, IReadOnlyList<AlphaSignal> Signals, IReadOnlyList<LayerOutputs> Outputs);

    /// <summary>
    /// Simulates each fold and symbol (the hierarchy, every baseline and buy-and-hold on the test window's perp
    /// candles), combines the test windows, judges the layers on their test-window outputs and renders
    /// <c>metrics.json</c> with the run's windows, costs and notes added.
    /// </summary>
    private static RunEvaluation Evaluate(
        WalkForwardOptions options,
        HistoryInput input,
        IReadOnlyList<WalkForwardFold> folds,
        IReadOnlyList<FoldRun> perFold)
    {
        var evaluation = new StrategyEvaluation(options.Costs, LabelSpec.Candles);
        var labelBars = input.Symbols.ToDictionary(
            s => s, s => WalkForwardWindows.PriceBars(input.PerpBars[s], long.MinValue, long.MaxValue), StringComparer.Ordinal);
        var funding = WalkForwardWindows.Funding(input.Events);
        var barLabels = BarLabels(labelBars.Values);
        var baseRates = folds.ToDictionary(f => f.Index, f => barLabels.Select(l => Climatology.TrainBaseRate(l, f)).ToArray());
        foreach (var symbol in input.Symbols)
        {
            foreach (var p in perFold.Where(p => p.Symbol == symbol).OrderBy(p => p.Fold.Index))
            {
                evaluation.AddWindow(symbol, new ScoredWindow(
                    WalkForwardWindows.PriceBars(input.PerpBars[symbol], p.Fold.TestFrom, p.Fold.TestTo),
                    labelBars[symbol],
                    WalkForwardWindows.TestSignals(p.Signals, p.Fold),
                    p.Outputs,
                    funding.TryGetValue(symbol, out var settlements) ? settlements : [],
                    baseRates[p.Fold.Index],
                    Fold: p.Fold.Index));
            }
        }

        var start = folds[0].TestFrom;
        var end = folds[^1].TestTo;
        var scores = evaluation.Score(start, end);
        var report = scores.Report;
        var json = JsonNode.Parse(report.ToJson())!.AsObject();
        json["walk_forward"] = new JsonObject
        {
            ["from"] = EventTime.IsoUtc(options.From),
            ["to"] = EventTime.IsoUtc(options.To),
            ["train_days"] = options.Train.TotalDays,
            ["test_days"] = options.Test.TotalDays,
            ["symbols"] = new JsonArray(input.Symbols.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
            ["fee_bps"] = options.Costs.FeeBps,
            ["slippage_bps"] = options.Costs.SlippageBps,
            ["funding"] = "charged on every perp position held through a settlement, at the recorded rate (funding_rate files)",
            ["climatology"] = "per fold and horizon: the share of rises among the train window's labels that end before its test window (purged)",
            ["folds"] = new JsonArray(folds.Select(f => (JsonNode?)new JsonObject
            {
                ["index"] = f.Index,
                ["train_from"] = EventTime.IsoUtc(f.TrainFrom),
                ["test_from"] = EventTime.IsoUtc(f.TestFrom),
                ["test_to"] = EventTime.IsoUtc(f.TestTo),
            }).ToArray()),
        };
        var notes = new JsonArray(
            JsonValue.Create(Notes),
            JsonValue.Create(string.Create(CultureInfo.InvariantCulture,
                $"each symbol gets 1/{input.Symbols.Count} of the capital; test windows are chained additively (equity = 1 + sum of returns); buy_and_hold re-enters at the start of every test window and pays its costs each time")),
            JsonValue.Create("prices are the USD-M perp candles, stamped at their open: a signal fills at the open of the first candle opening after it (one candle of delay)"),
            JsonValue.Create("labels: the log return from that fill to the first open one horizon later (1h, 4h, 1d, 1w), scaled by the hourly volatility of the week before the decision; forecasts are the strategy's view held at every decision tick"));
        if (scores.Hierarchy.Trades.Count == 0)
        {
            notes.Add(JsonValue.Create(NoTradesNote));
        }

        json["notes"] = notes;
        var prices = input.Symbols.Count == 0 ? [] : WalkForwardWindows.PriceBars(input.PerpBars[input.Symbols[0]], start, end)
            .Select(b => new PricePoint(b.TsEvent, b.Close)).ToArray();
        return new RunEvaluation(scores.Hierarchy, scores.Baselines, prices, report,
            json.ToJsonString(Protocol.HrmJson.Files), evaluation.Rows, evaluation.Labels.Horizons, funding);
    }
}

using System.Diagnostics;
using Hrm.Actors.Feed;
using Hrm.Actors.Hosting;
using Hrm.MarketData.Replay;
using Hrm.Protocol.Layers;
using Microsoft.Data.Sqlite;

namespace Hrm.Backtesting;

/// <summary>
/// A researcher's backtest: an embedded single-node cluster with a SQLite journal, every source replayed through
/// the sharded symbol entities, and the journaled signals written out as <c>signals.csv</c> and <c>signals.parquet</c> with a summary.
/// </summary>
public static class BacktestRunner
{
    public static async Task<BacktestSummary> RunAsync(
        BacktestOptions options, IProgress<long>? progress = null, CancellationToken cancellation = default) =>
        (await RunWithSignalsAsync(options, progress, cancellation)).Summary;

    /// <summary>As <see cref="RunAsync"/>, also handing back the signals written out and their evaluation.</summary>
    public static async Task<BacktestResult> RunWithSignalsAsync(
        BacktestOptions options, IProgress<long>? progress, CancellationToken cancellation)
    {
        var sources = RecordedSources.Open(options.Input);
        ModelGuard.RequireOutOfSample(options.Symbol.Model, sources.ReportFrom);
        var clock = Stopwatch.StartNew();
        var quotes = new QuoteSampler(options.Symbol.PrimaryVenue);
        var replay = await EmbeddedReplay.RunAsync(options, quotes.Observe(sources.Events), sources.Symbols,
            o => o.TsEvent >= sources.ReportFrom, prepare: null, progress, cancellation);

        // Everything the entities emitted is in the journal; the result is what they emitted on the replayed data.
        var signals = replay.Signals.Where(s => s.TsEvent >= sources.ReportFrom).ToList();

        clock.Stop();
        var scored = replay.Completed && !options.Resume;
        var evaluation = scored
            ? CaptureEvaluation.Score(sources.Symbols, signals, replay.Outputs, quotes, options.Costs, WalkForwardWindows.Funding(sources.FundingEvents()))
            : null;
        var eventsRead = replay.Tally.ByType();
        var summary = new BacktestSummary(
            options.DataDirectory,
            sources.Symbols,
            sources.Names,
            eventsRead,
            sources.Rejects(),
            CountByDirection(signals),
            replay.Sent,
            Math.Round(clock.Elapsed.TotalSeconds, 3),
            Math.Round(replay.ReplayTime.TotalSeconds, 3),
            replay.EventsPerSecond,
            replay.Completed,
            replay.Signals.Count - signals.Count,
            scored && evaluation is null ? CaptureEvaluation.NotScored(options.Symbol.PrimaryVenue, eventsRead.Keys) : null);
        await File.WriteAllTextAsync(Path.Combine(options.OutDirectory, "signals.csv"), SignalCsv.Render(signals), CancellationToken.None);
        await SignalParquet.WriteAsync(Path.Combine(options.OutDirectory, "signals.parquet"), signals);
        await File.WriteAllTextAsync(Path.Combine(options.OutDirectory, "summary.json"), summary.ToJson(), CancellationToken.None);
        if (evaluation is not null)
        {
            await evaluation.WriteAsync(options.OutDirectory);
        }

        return new BacktestResult(summary, signals, evaluation);
    }

    internal static SortedDictionary<string, long> CountByDirection(IEnumerable<AlphaSignal> signals)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal) { ["long"] = 0, ["short"] = 0, ["flat"] = 0 };
        foreach (var signal in signals)
        {
            counts[signal.Direction switch { > 0 => "long", < 0 => "short", _ => "flat" }]++;
        }

        return counts;
    }
}

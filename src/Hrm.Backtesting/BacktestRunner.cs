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
        Directory.CreateDirectory(options.OutDirectory);
        if (!options.Resume)
        {
            DeleteJournal(options.JournalPath);
        }

        var clock = Stopwatch.StartNew();
        var replayClock = new Stopwatch();
        var tally = new EventTally();
        var completed = false;
        var sent = new SentCounter(progress);
        var quotes = new QuoteSampler(options.Symbol.PrimaryVenue);
        IReadOnlyList<AlphaSignal> journaled;
        IReadOnlyDictionary<string, IReadOnlyList<LayerOutputs>> outputs;
        await using (var cluster = await EmbeddedCluster.StartAsync(
            JournalSettings.SqliteFile(options.JournalPath), options.Symbol with { PublishLayerOutputs = true }, options.Layers))
        {
            var recorder = await LayerOutputsRecording.StartAsync(cluster.System, o => o.TsEvent >= sources.ReportFrom);
            var driver = new ReplayDriver(cluster.Symbols, options.BatchSize);
            replayClock.Start();
            try
            {
                await driver.RunAsync(quotes.Observe(tally.Count(sources.Events)), sources.Symbols, sent, endFeeds: true, cancellation);
                completed = true;
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                // Stopped on request: what was journaled stays, and --resume continues from it.
            }

            replayClock.Stop();

            journaled = await SignalJournal.ReadAsync(cluster.System, sources.Symbols);
            outputs = await LayerOutputsRecording.CollectAsync(recorder);
        }

        // Everything the entities emitted is in the journal; the result is what they emitted on the replayed data.
        var signals = journaled.Where(s => s.TsEvent >= sources.ReportFrom).ToList();

        clock.Stop();
        var scored = completed && !options.Resume;
        var evaluation = scored ? CaptureEvaluation.Score(sources.Symbols, signals, outputs, quotes, options.Costs, WalkForwardWindows.Funding(sources.FundingEvents())) : null;
        var eventsRead = tally.ByType();
        var summary = new BacktestSummary(
            options.DataDirectory,
            sources.Symbols,
            sources.Names,
            eventsRead,
            sources.Rejects(),
            CountByDirection(signals),
            sent.Value,
            Math.Round(clock.Elapsed.TotalSeconds, 3),
            Math.Round(replayClock.Elapsed.TotalSeconds, 3),
            Math.Round(sent.Value / Math.Max(replayClock.Elapsed.TotalSeconds, 1e-9)),
            completed,
            journaled.Count - signals.Count,
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

    private static void DeleteJournal(string path)
    {
        // Pooled connections of an earlier run in this process would keep writing to the deleted file.
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    /// <summary>Remembers how many events the driver has sent (a stopped run reports what it got to) and passes it on.</summary>
    private sealed class SentCounter(IProgress<long>? inner) : IProgress<long>
    {
        public long Value { get; private set; }

        public void Report(long value)
        {
            Value = value;
            inner?.Report(value);
        }
    }
}

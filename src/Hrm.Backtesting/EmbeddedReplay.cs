using System.Diagnostics;
using Hrm.Actors.Feed;
using Hrm.Actors.Hosting;
using Hrm.Protocol.Layers;
using Hrm.Protocol.Market;
using Microsoft.Data.Sqlite;

namespace Hrm.Backtesting;

/// <summary>
/// The skeleton every local run shares (a capture backtest, a walk-forward): a fresh or resumed SQLite journal, an
/// embedded single-node cluster whose entities publish their layer outputs, a recorder for the outputs a run keeps,
/// the events replayed through the sharded entities, and the journaled signals read back. A run stopped on request
/// keeps what was journaled and says it did not complete.
/// </summary>
public static class EmbeddedReplay
{
    /// <param name="keep">Which published layer outputs the run records.</param>
    /// <param name="prepare">Told to the cluster before the replay starts (a walk-forward's learning cutoffs).</param>
    public static async Task<ReplayOutcome> RunAsync(
        BacktestOptions backtest,
        IEnumerable<MarketEvent> events,
        IReadOnlyCollection<string> entities,
        Func<LayerOutputs, bool> keep,
        Func<EmbeddedCluster, Task>? prepare,
        IProgress<long>? progress,
        CancellationToken cancellation)
    {
        Directory.CreateDirectory(backtest.OutDirectory);
        if (!backtest.Resume)
        {
            DeleteJournal(backtest.JournalPath);
        }

        var tally = new EventTally();
        var sent = new SentCounter(progress);
        var clock = new Stopwatch();
        var completed = false;
        await using var cluster = await EmbeddedCluster.StartAsync(
            JournalSettings.SqliteFile(backtest.JournalPath), backtest.Symbol with { PublishLayerOutputs = true }, backtest.Layers);
        var recorder = await LayerOutputsRecording.StartAsync(cluster.System, keep);
        if (prepare is not null)
        {
            await prepare(cluster);
        }

        clock.Start();
        try
        {
            await new ReplayDriver(cluster.Symbols, backtest.BatchSize).RunAsync(tally.Count(events), entities, sent, endFeeds: true, cancellation);
            completed = true;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // Stopped on request: what was journaled stays (a capture backtest's --resume continues from it).
        }

        clock.Stop();
        var signals = await SignalJournal.ReadAsync(cluster.System, entities);
        var outputs = await LayerOutputsRecording.CollectAsync(recorder);
        return new ReplayOutcome(signals, outputs, tally, sent.Value, completed, clock.Elapsed);
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

/// <summary>
/// What an embedded replay gives back: every journaled signal of its entities, the layer outputs it kept per entity,
/// the events it read per kind, how many it sent, whether it ran to the end, and how long the replay took.
/// </summary>
public sealed record ReplayOutcome(
    IReadOnlyList<AlphaSignal> Signals,
    IReadOnlyDictionary<string, IReadOnlyList<LayerOutputs>> Outputs,
    EventTally Tally,
    long Sent,
    bool Completed,
    TimeSpan ReplayTime)
{
    public double EventsPerSecond => Math.Round(Sent / Math.Max(ReplayTime.TotalSeconds, 1e-9));
}

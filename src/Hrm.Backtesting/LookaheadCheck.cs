using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Hrm.Protocol;
using Hrm.Protocol.Layers;

namespace Hrm.Backtesting;

/// <summary>
/// The no-look-ahead proof (DESIGN §4): the same backtest twice through the real actor tree, once on the whole input
/// and once with every event at or after the cut left out. A signal stamped t may depend only on events with
/// <c>TsEvent &lt;= t</c>, so every signal stamped before the cut must come out identical (all fields, matched by
/// symbol and sequence). Signals stamped at or after the cut are not compared: the cut run's feed ends there and
/// closes its open decision tick at the cut.
/// </summary>
public static class LookaheadCheck
{
    /// <param name="options">The backtest to check; each run writes under <c>OutDirectory/full</c> and <c>/cut</c>.</param>
    /// <param name="cut">Unix ns; the cut run sees only events with <c>TsEvent &lt; cut</c>.</param>
    /// <param name="prepare">Adjusts each run's options before it starts (tests plug a faulty layer in here).</param>
    public static async Task<LookaheadReport> RunAsync(
        BacktestOptions options,
        long cut,
        Func<BacktestOptions, BacktestOptions>? prepare = null,
        IProgress<long>? progress = null,
        CancellationToken cancellation = default)
    {
        prepare ??= o => o;
        var full = prepare(options with { OutDirectory = Path.Combine(options.OutDirectory, "full"), Cut = null, Resume = false });
        var cutRun = prepare(options with { OutDirectory = Path.Combine(options.OutDirectory, "cut"), Cut = cut, Resume = false });

        var (fullSummary, fullSignals, _) = await BacktestRunner.RunWithSignalsAsync(full, progress, cancellation);
        var (cutSummary, cutSignals, _) = await BacktestRunner.RunWithSignalsAsync(cutRun, progress, cancellation);
        if (!fullSummary.Completed || !cutSummary.Completed)
        {
            throw new OperationCanceledException("the look-ahead check was stopped before both runs completed", cancellation);
        }

        var report = Compare(cut, fullSignals, cutSignals);
        await File.WriteAllTextAsync(Path.Combine(options.OutDirectory, "lookahead.json"), report.ToJson(), CancellationToken.None);
        return report;
    }

    /// <summary>Matches the signals stamped before the cut by symbol and sequence and lists each that differs.</summary>
    public static LookaheadReport Compare(long cut, IEnumerable<AlphaSignal> full, IEnumerable<AlphaSignal> cutRun)
    {
        var before = (IEnumerable<AlphaSignal> signals) => signals
            .Where(s => s.TsEvent < cut)
            .ToDictionary(s => (s.Symbol, s.Sequence), SignalCsv.Row);
        var fullRows = before(full);
        var cutRows = before(cutRun);
        var changed = fullRows.Keys.Union(cutRows.Keys)
            .Order()
            .Select(key => new LookaheadDifference(
                key.Symbol, key.Sequence, fullRows.GetValueOrDefault(key), cutRows.GetValueOrDefault(key)))
            .Where(d => d.Full != d.Cut)
            .ToList();
        return new LookaheadReport(cut, EventTime.IsoUtc(cut), fullRows.Count, cutRows.Count, changed);
    }
}

/// <summary>
/// A signal stamped before the cut that the two runs disagree on: its <c>signals.csv</c> row in each (null where
/// that run has no signal with this symbol and sequence).
/// </summary>
public sealed record LookaheadDifference(string Symbol, long Sequence, string? Full, string? Cut);

/// <summary>The outcome of <see cref="LookaheadCheck"/>: passed when no signal stamped before the cut changed.</summary>
public sealed record LookaheadReport(
    long Cut,
    string CutUtc,
    int SignalsBeforeCutFull,
    int SignalsBeforeCutCut,
    IReadOnlyList<LookaheadDifference> Changed)
{

    public bool Passed => Changed.Count == 0;

    public string ToJson() => JsonSerializer.Serialize(this, Protocol.HrmJson.Files);

    public override string ToString() => Passed
        ? string.Create(CultureInfo.InvariantCulture, $"{SignalsBeforeCutFull} signals stamped before {CutUtc} unchanged by the cut")
        : string.Create(CultureInfo.InvariantCulture, $"{Changed.Count} signals stamped before {CutUtc} changed by the cut");
}

using System.Globalization;
using Hrm.Backtesting;
using Hrm.Protocol.Layers;

namespace Hrm.Cli.Reports;

/// <summary>
/// What every run's report shares (<see cref="WalkForwardReport"/>, <see cref="CaptureReport"/>): the
/// <see cref="ReportInput"/> of an evaluated run, given the run's own title, description and windows.
/// </summary>
internal static class RunReport
{
    /// <summary>
    /// The report input of <paramref name="evaluation"/>: hierarchy, baselines, metrics, prices, calibration,
    /// regimes and the verdict over <paramref name="scope"/>. Only <paramref name="pricedSymbol"/>'s signals are kept
    /// (the markers sit on its price line; none when null).
    /// </summary>
    public static ReportInput Input(
        string title,
        string description,
        IReadOnlyList<string> windows,
        string windowsLabel,
        RunEvaluation evaluation,
        IEnumerable<AlphaSignal> signals,
        string? pricedSymbol,
        string scope)
    {
        var metrics = evaluation.Metrics;
        return new ReportInput(
            title,
            description,
            windows,
            evaluation.Hierarchy,
            evaluation.Baselines,
            metrics,
            [.. signals.Where(s => pricedSymbol is not null && s.Symbol == pricedSymbol)],
            evaluation.Prices,
            metrics.HierarchyForecast?.Reliability ?? [],
            RegimeRow.FromMetrics(metrics),
            Verdict.From(metrics, scope),
            windowsLabel);
    }

    /// <summary>The summary's symbols for a title: "BTCUSDT, ETHUSDT", or "no symbol".</summary>
    public static string Symbols(BacktestSummary summary) =>
        summary.Symbols.Count == 0 ? "no symbol" : string.Join(", ", summary.Symbols);

    /// <summary>The file (or directory) names of the summary's sources, or "none".</summary>
    public static string Files(BacktestSummary summary) =>
        summary.Sources.Count == 0 ? "none" : string.Join(", ", summary.Sources.Select(s => Path.GetFileName(s.TrimEnd('/', '\\'))));

    /// <summary>A Unix-ns time as its UTC day, "2024-08-09".</summary>
    public static string Day(long nanos) => Utc(nanos).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateTime Utc(long nanos) => DateTime.UnixEpoch.AddTicks(nanos / 100);
}

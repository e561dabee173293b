using Hrm.Protocol.Layers;
using Hrm.Signals.Evaluation;
using Hrm.Signals.Evaluation.Metrics;

namespace Hrm.Cli.Reports;

/// <summary>One row of the per-regime table and bar chart: the hierarchy's trades in one regime.</summary>
/// <param name="NetReturn">Σ trade net returns in the regime (fraction of capital); null when undefined.</param>
public sealed record RegimeRow(string Regime, int Trades, double? NetReturn, double? HitRate, double? SharpeRatio)
{
    /// <summary>The rows of <see cref="MetricsReport.PerRegime"/> (regimes sorted ordinally), net return = <c>cumulative_alpha</c>.</summary>
    public static IReadOnlyList<RegimeRow> FromMetrics(MetricsReport report) =>
        [.. report.PerRegime
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new RegimeRow(
                kv.Key,
                kv.Value.Integrated.Trades,
                kv.Value.Integrated.CumulativeAlpha,
                kv.Value.Integrated.HitRate,
                kv.Value.Integrated.SharpeRatio))];
}

/// <summary>
/// Everything the issue-4 report shows. The report only renders: every number comes from the caller, and the
/// <see cref="Verdict"/> text is the caller's own words (the writer never generates a conclusion).
/// </summary>
/// <param name="Title">Report title.</param>
/// <param name="DataDescription">What data the run used (symbols, sources, period), as prose.</param>
/// <param name="Windows">The scored windows, one line each (e.g. "train 2024-01-01..2024-03-31, test ...").</param>
/// <param name="Hierarchy">The hierarchy's trades and equity over the test windows.</param>
/// <param name="Baselines">Each baseline's trades and equity over the same windows.</param>
/// <param name="Metrics">metrics.json's content: the hierarchy is <c>overall</c>, baselines under <c>baselines</c>.</param>
/// <param name="Signals">The hierarchy's AlphaSignals in the test windows (long/short markers on the price plot).</param>
/// <param name="Prices">The price series of the test windows.</param>
/// <param name="Reliability">Reliability bins for the calibration chart (usually the overall section's).</param>
/// <param name="Regimes">Per-regime rows (see <see cref="RegimeRow.FromMetrics"/>).</param>
/// <param name="Verdict">The verdict section's text, written by the caller; must not be blank.</param>
/// <param name="WindowsLabel">What the <paramref name="Windows"/> list is called in the report (e.g. "Test windows").</param>
public sealed record ReportInput(
    string Title,
    string DataDescription,
    IReadOnlyList<string> Windows,
    StrategyResult Hierarchy,
    IReadOnlyList<StrategyResult> Baselines,
    MetricsReport Metrics,
    IReadOnlyList<AlphaSignal> Signals,
    IReadOnlyList<PricePoint> Prices,
    IReadOnlyList<ReliabilityBin> Reliability,
    IReadOnlyList<RegimeRow> Regimes,
    string Verdict,
    string WindowsLabel = ReportInput.TestWindows)
{
    /// <summary>The walk-forward's label of its windows list, and the default.</summary>
    public const string TestWindows = "Test windows";
}

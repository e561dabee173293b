using System.Globalization;
using Hrm.Backtesting;
using Hrm.Protocol;

namespace Hrm.Cli.Reports;

/// <summary>The report of a completed walk-forward: <see cref="ReportInput"/> built from the run's result and options.</summary>
public static class WalkForwardReport
{
    /// <summary>
    /// The report input of <paramref name="result"/>; null when the run stopped before the end (no evaluation, so
    /// nothing to report).
    /// </summary>
    public static ReportInput? From(WalkForwardResult result, WalkForwardOptions options)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(options);
        if (result.Evaluation is not { } evaluation)
        {
            return null;
        }

        var summary = result.Summary;
        return RunReport.Input(
            $"Walk-forward backtest: {RunReport.Symbols(summary)}, {RunReport.Day(options.From)} to {RunReport.Day(options.To)}",
            Describe(result, options),
            [.. result.Folds.Select(f =>
                $"fold {f.Index}: train {EventTime.IsoUtc(f.TrainFrom)} .. {EventTime.IsoUtc(f.TestFrom)}, test {EventTime.IsoUtc(f.TestFrom)} .. {EventTime.IsoUtc(f.TestTo)}")],
            ReportInput.TestWindows,
            evaluation,
            result.TestSignals,
            summary.Symbols.Count > 0 ? summary.Symbols[0] : null,
            Verdict.OutOfSample);
    }

    private static string Describe(WalkForwardResult result, WalkForwardOptions options)
    {
        var summary = result.Summary;
        var inv = CultureInfo.InvariantCulture;
        var files = RunReport.Files(summary);
        var price = summary.Symbols.Count == 0 ? "" : $" The signals plot shows {summary.Symbols[0]}'s perp closes over the test windows and its signals only.";
        return string.Create(inv,
            $"""
            Symbols: {string.Join(", ", summary.Symbols)}. Input: the candle and funding CSVs in {summary.Data} ({files}).

            Span: {EventTime.IsoUtc(options.From)} to {EventTime.IsoUtc(options.To)} (end exclusive), {result.Folds.Count} folds of {Length(options.Train)} train and {Length(options.Test)} test (the last test window may be shorter); {summary.EventsReplayed:N0} events replayed over all folds. Only the test windows are scored.

            Costs per side: {options.Costs.FeeBps:0.###} bps taker fee and {options.Costs.SlippageBps:0.###} bps slippage; every perp position pays (or receives) the recorded funding at each settlement it is held through. The baselines trade over the same test windows with the same costs.{price}

            Forecasts are judged on labels: the log return from the fill (the next candle's open) over 1h, 4h, 1d and 1w, scaled by the volatility known at the decision; the Brier climatology is each fold's purged train base rate.
            """);
    }

    /// <summary>A window length as the CLI spells it: whole days as "120d", else hours.</summary>
    private static string Length(TimeSpan span) =>
        span.TotalDays == Math.Floor(span.TotalDays)
            ? span.TotalDays.ToString("0", CultureInfo.InvariantCulture) + "d"
            : span.TotalHours.ToString("0.##", CultureInfo.InvariantCulture) + "h";
}

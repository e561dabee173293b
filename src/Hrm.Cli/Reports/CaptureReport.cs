using System.Globalization;
using Hrm.Backtesting;
using Hrm.Protocol;

namespace Hrm.Cli.Reports;

/// <summary>
/// The report of a completed backtest over tick captures: <see cref="ReportInput"/> built from the run's result and
/// options. The window, fee and symbols are the evaluation's <see cref="ScoredCapture"/> (what was actually scored), and
/// the verdict's scope is <see cref="Verdict.Prequential"/>: a capture has no train/test split.
/// </summary>
public static class CaptureReport
{
    /// <summary>What the windows list is called: the one window a capture is scored over.</summary>
    public const string WindowsLabel = "Scored window";

    /// <summary>
    /// The report input of <paramref name="result"/>; null when there is no evaluation (the run stopped before the
    /// end, was resumed, or no symbol had a book ticker on the primary venue).
    /// </summary>
    public static ReportInput? From(BacktestResult result, BacktestOptions options)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(options);
        if (result.Evaluation is not { } evaluation)
        {
            return null;
        }

        var capture = Capture.Of(evaluation.Capture ?? throw new InvalidOperationException("a capture run's evaluation has no scored capture"), result.Summary);
        var priced = result.Summary.Symbols.FirstOrDefault(s => !capture.Unscored.Contains(s));
        // The plot's markers stop where its prices do: a signal after the last mid (that venue's capture ended) cannot fill.
        var (first, last) = evaluation.Prices.Count == 0 ? (long.MinValue, long.MaxValue) : (evaluation.Prices[0].TsEvent, evaluation.Prices[^1].TsEvent);
        return RunReport.Input(
            $"Capture backtest: {RunReport.Symbols(result.Summary)}, {Span(capture.From, capture.To)}",
            Describe(result, options, capture, priced, result.Signals.Count(s => s.Symbol == priced && s.TsEvent > last)),
            [$"capture: {capture.FromText} .. {capture.ToText} (end exclusive)"],
            WindowsLabel,
            evaluation,
            result.Signals.Where(s => s.TsEvent >= first && s.TsEvent <= last),
            priced,
            Verdict.Prequential);
    }

    private static string Describe(BacktestResult result, BacktestOptions options, Capture capture, string? priced, int pricedAfterLastMid)
    {
        var summary = result.Summary;
        var inv = CultureInfo.InvariantCulture;
        var history = options.HistoryDirectory is { } dir
            ? string.Create(inv, $", after {options.Warmup.TotalDays:0.##} days of candle and funding history from {dir} to warm up macro and meso")
            : "";
        var unscored = capture.Unscored.Count == 0
            ? ""
            : $" Not scored (no book ticker on the primary venue): {string.Join(", ", capture.Unscored)}.";
        var price = priced is null ? "" : $" The signals plot shows {priced}'s book mids and its signals within them only.";
        var late = pricedAfterLastMid == 0
            ? ""
            : string.Create(inv, $" {pricedAfterLastMid:N0} of {priced}'s {result.Signals.Count(s => s.Symbol == priced):N0} signals come after its last mid (its primary venue's capture ends there) and are not traded.");
        return string.Create(inv,
            $"""
            Symbols: {string.Join(", ", summary.Symbols)}. Input: the tick captures in {summary.Data}{history} (sources: {RunReport.Files(summary)}).

            Window: {capture.FromText} to {capture.ToText} (end exclusive), the span of the book mids on the primary venue ({options.Symbol.PrimaryVenue}); {summary.EventsReplayed:N0} events replayed, warm-up included. Only signals in the window are scored.{late}{unscored}

            Costs per side: {capture.FeeBps:0.###} bps taker fee and the quoted half-spread of the primary venue's book ticker as slippage; perp positions held through a funding settlement of the history's funding files pay it. The baselines trade the same mids with the same costs.{price}

            Forecasts are judged on labels: the log return of the mid from the fill (the first mid after the decision) over 1 s, 10 s and 60 s, scaled by the volatility of the minute before; the Brier climatology is prequential (the share of rises among labels already known).

            Scoring is prequential: every signal is scored before its own outcome is learned; there is no train/test split on a capture.
            """);
    }

    /// <summary>"2024-08-09 00:00..00:11", or with both days when the window crosses midnight.</summary>
    private static string Span(DateTime from, DateTime to)
    {
        var inv = CultureInfo.InvariantCulture;
        var start = from.ToString("yyyy-MM-dd HH:mm", inv);
        return start + ".." + to.ToString(from.Date == to.Date ? "HH:mm" : "yyyy-MM-dd HH:mm", inv);
    }

    /// <summary>The scored window as the report prints it, and the run's symbols that were not scored.</summary>
    private sealed record Capture(string FromText, string ToText, DateTime From, DateTime To, double FeeBps, IReadOnlySet<string> Unscored)
    {
        public static Capture Of(ScoredCapture scored, BacktestSummary summary)
        {
            var unscored = new HashSet<string>(scored.Unscored, StringComparer.Ordinal);
            unscored.IntersectWith(summary.Symbols);
            return new Capture(EventTime.IsoUtc(scored.From), EventTime.IsoUtc(scored.To), RunReport.Utc(scored.From), RunReport.Utc(scored.To),
                scored.FeeBps, unscored);
        }
    }
}

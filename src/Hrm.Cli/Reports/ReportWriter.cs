using System.Globalization;
using System.Net;
using System.Text;
using Hrm.Signals.Evaluation.Metrics;

namespace Hrm.Cli.Reports;

/// <summary>
/// Writes the issue-4 report into a directory: the PNG plots, <c>report.md</c> and a self-contained
/// <c>report.html</c> (images as base64 data URIs). It renders what the caller passes and adds no judgement: the
/// verdict is the caller's text. The markdown and HTML are byte-identical for identical input (no clock, invariant
/// number formatting, "\n" line endings).
/// </summary>
public static class ReportWriter
{
    public const string MarkdownFile = "report.md";
    public const string HtmlFile = "report.html";
    public const string NotAvailable = "n/a";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Renders and writes every file; returns the paths written (plots, then report.md, report.html).</summary>
    public static IReadOnlyList<string> Write(string outDir, ReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (string.IsNullOrWhiteSpace(input.Verdict))
        {
            throw new ArgumentException("The verdict is the caller's text and must not be blank.", nameof(input));
        }

        Directory.CreateDirectory(outDir);
        var images = ReportPlots.Render(input);
        var written = new List<string>();
        foreach (var image in images)
        {
            var path = Path.Combine(outDir, image.FileName);
            File.WriteAllBytes(path, image.Png);
            written.Add(path);
        }

        var table = MetricsTable.From(input);
        var md = Path.Combine(outDir, MarkdownFile);
        File.WriteAllText(md, Markdown(input, table, images), Utf8);
        var html = Path.Combine(outDir, HtmlFile);
        File.WriteAllText(html, Html(input, table, images), Utf8);
        written.Add(md);
        written.Add(html);
        return written;
    }

    internal static string Markdown(ReportInput input, MetricsTable table, IReadOnlyList<ReportImage> images)
    {
        var sb = new StringBuilder();
        sb.Append("# ").Append(OneLine(input.Title)).Append("\n\n");
        sb.Append("## Data and windows\n\n").Append(input.DataDescription.Trim()).Append("\n\n");
        if (input.Windows.Count > 0)
        {
            sb.Append(OneLine(input.WindowsLabel)).Append(":\n\n");
            foreach (var w in input.Windows)
            {
                sb.Append("- ").Append(OneLine(w)).Append('\n');
            }

            sb.Append('\n');
        }

        sb.Append("## Hierarchy vs baselines\n\n");
        MdTable(sb, ComparisonHeader, ComparisonCells(input));

        sb.Append("## Forecasts per horizon\n\n").Append(ForecastIntro).Append("\n\n");
        MdTable(sb, ForecastHeader, ForecastCells(input));

        sb.Append("## Metrics\n\n");
        MdTable(sb, ["metric", .. table.Columns], table.Rows.Select(r => (IReadOnlyList<string>)[r.Key, .. r.Values]));

        sb.Append("## Per regime (hierarchy)\n\n");
        MdTable(sb, RegimeHeader, RegimeCells(input));

        sb.Append("## ").Append(CalibrationHeading(input)).Append("\n\n");
        MdTable(sb, ReliabilityHeader, ReliabilityCells(input));

        sb.Append("## Plots\n\n");
        foreach (var image in images)
        {
            sb.Append("![").Append(image.Caption).Append("](").Append(image.FileName).Append(")\n\n");
        }

        sb.Append("## Verdict\n\n").Append(input.Verdict.Trim()).Append('\n');
        return Normalise(sb.ToString());
    }

    internal static string Html(ReportInput input, MetricsTable table, IReadOnlyList<ReportImage> images)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(E(input.Title)).Append("</title>\n<style>\n")
            .Append("body { font-family: sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #222; }\n")
            .Append("table { border-collapse: collapse; margin: 1em 0; }\n")
            .Append("th, td { border: 1px solid #bbb; padding: 0.25em 0.6em; text-align: right; }\n")
            .Append("th:first-child, td:first-child { text-align: left; }\n")
            .Append("th { background: #eee; }\n")
            .Append("img { max-width: 100%; border: 1px solid #ddd; }\n")
            .Append("figure { margin: 1.5em 0; }\n")
            .Append(".verdict { border-left: 4px solid #555; padding: 0.5em 1em; background: #f6f6f6; }\n")
            .Append("</style>\n</head>\n<body>\n");
        sb.Append("<h1>").Append(E(input.Title)).Append("</h1>\n");
        sb.Append("<h2>Data and windows</h2>\n");
        Paragraphs(sb, input.DataDescription);
        if (input.Windows.Count > 0)
        {
            sb.Append("<p>").Append(E(OneLine(input.WindowsLabel))).Append(":</p>\n<ul>\n");
            foreach (var w in input.Windows)
            {
                sb.Append("<li>").Append(E(OneLine(w))).Append("</li>\n");
            }

            sb.Append("</ul>\n");
        }

        sb.Append("<h2>Hierarchy vs baselines</h2>\n");
        HtmlTable(sb, ComparisonHeader, ComparisonCells(input));
        sb.Append("<h2>Forecasts per horizon</h2>\n<p>").Append(E(ForecastIntro)).Append("</p>\n");
        HtmlTable(sb, ForecastHeader, ForecastCells(input));
        sb.Append("<h2>Metrics</h2>\n");
        HtmlTable(sb, ["metric", .. table.Columns], table.Rows.Select(r => (IReadOnlyList<string>)[r.Key, .. r.Values]));
        sb.Append("<h2>Per regime (hierarchy)</h2>\n");
        HtmlTable(sb, RegimeHeader, RegimeCells(input));
        sb.Append("<h2>").Append(E(CalibrationHeading(input))).Append("</h2>\n");
        HtmlTable(sb, ReliabilityHeader, ReliabilityCells(input));
        sb.Append("<h2>Plots</h2>\n");
        foreach (var image in images)
        {
            sb.Append("<figure><img alt=\"").Append(E(image.Caption)).Append("\" src=\"data:image/png;base64,")
                .Append(Convert.ToBase64String(image.Png)).Append("\"><figcaption>").Append(E(image.Caption))
                .Append("</figcaption></figure>\n");
        }

        sb.Append("<h2>Verdict</h2>\n<div class=\"verdict\">\n");
        Paragraphs(sb, input.Verdict);
        sb.Append("</div>\n</body>\n</html>\n");
        return Normalise(sb.ToString());
    }

    private static readonly string[] ComparisonHeader =
    [
        "strategy", "cumulative_alpha", "return_before_costs", "fees", "funding_paid", "excess_return_vs_buy_and_hold",
        "sharpe_ratio", "max_drawdown", "hit_rate", "trades", "turnover",
    ];

    /// <summary>One row per strategy: the hierarchy (<c>overall</c>), then each baseline of the metrics (ordinal).</summary>
    private static IEnumerable<IReadOnlyList<string>> ComparisonCells(ReportInput input) =>
        new[] { (Name: $"{input.Hierarchy.Name} (hierarchy)", Section: input.Metrics.Overall) }
            .Concat(input.Metrics.Baselines.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (Name: kv.Key, Section: kv.Value)))
            .Select(s => (IReadOnlyList<string>)
            [
                s.Name,
                Num(s.Section.Integrated.CumulativeAlpha),
                Num(s.Section.Integrated.ReturnBeforeCosts),
                Num(s.Section.Integrated.Fees),
                Num(s.Section.Integrated.Funding),
                Num(s.Section.Integrated.ExcessReturnVsBuyAndHold),
                Num(s.Section.Integrated.SharpeRatio),
                Num(s.Section.Integrated.MaxDrawdown),
                Num(s.Section.Integrated.HitRate),
                s.Section.Integrated.Trades.ToString(CultureInfo.InvariantCulture),
                Num(s.Section.Integrated.Turnover),
            ]);

    private const string ForecastIntro =
        "Each strategy's view held at every decision tick against the volatility-scaled forward return from the fill (docs/EVALUATION.md, \"Forecast metrics\"). "
        + "IC = rank correlation, ± its HAC standard error; Brier skill = 1 − Brier / climatology (the purged train base rate; prequential on a capture; only the hierarchy states a probability).";

    private static readonly string[] ForecastHeader =
        ["strategy", "horizon", "points", "coverage", "ic", "ic_se", "ic_t", "hit_rate", "mean_signed_return_bps", "brier_skill", "calibration_slope"];

    /// <summary>One row per strategy and horizon: the hierarchy first, then the baselines (ordinal).</summary>
    private static IEnumerable<IReadOnlyList<string>> ForecastCells(ReportInput input) =>
        new[] { (Name: $"{input.Hierarchy.Name} (hierarchy)", Section: input.Metrics.Overall) }
            .Concat(input.Metrics.Baselines.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (Name: kv.Key, Section: kv.Value)))
            .SelectMany(s => (s.Section.Forecasts ?? []).Select(f => (IReadOnlyList<string>)
            [
                s.Name,
                f.Horizon.Name,
                f.Points.ToString(CultureInfo.InvariantCulture),
                Num(f.Coverage),
                Num(f.InformationCoefficient),
                Num(f.IcStandardError),
                Num(f.IcT),
                Num(f.HitRate),
                Num(f.MeanSignedReturnBps),
                Num(f.BrierSkill),
                Num(f.Calibration?.Slope),
            ]));

    private static string CalibrationHeading(ReportInput input) =>
        input.Metrics.HierarchyHorizon is { } h ? $"Calibration bins (hierarchy, P(rise) over {h})" : "Calibration bins";

    private static readonly string[] RegimeHeader = ["regime", "trades", "net_return", "hit_rate", "sharpe_ratio"];

    private static IEnumerable<IReadOnlyList<string>> RegimeCells(ReportInput input) =>
        input.Regimes.Select(r => (IReadOnlyList<string>)
            [r.Regime, r.Trades.ToString(CultureInfo.InvariantCulture), Num(r.NetReturn), Num(r.HitRate), Num(r.SharpeRatio)]);

    private static readonly string[] ReliabilityHeader = ["forecast bin", "count", "mean_forecast", "observed_frequency"];

    private static IEnumerable<IReadOnlyList<string>> ReliabilityCells(ReportInput input) =>
        input.Reliability.Select(b => (IReadOnlyList<string>)
        [
            $"[{Num(b.Lower)}, {Num(b.Upper)})",
            b.Count.ToString(CultureInfo.InvariantCulture),
            Num(b.MeanForecast),
            Num(b.ObservedFrequency),
        ]);

    /// <summary>Invariant, 6 significant digits; null and non-finite numbers are "n/a".</summary>
    internal static string Num(double? value) =>
        value is { } v && double.IsFinite(v) ? v.ToString("G6", CultureInfo.InvariantCulture) : NotAvailable;

    private static void MdTable(StringBuilder sb, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        sb.Append("| ").Append(string.Join(" | ", header.Select(MdCell))).Append(" |\n");
        sb.Append('|').Append(string.Concat(header.Select((_, i) => i == 0 ? " --- |" : " ---: |"))).Append('\n');
        var any = false;
        foreach (var row in rows)
        {
            any = true;
            sb.Append("| ").Append(string.Join(" | ", row.Select(MdCell))).Append(" |\n");
        }

        if (!any)
        {
            sb.Append("| ").Append(string.Join(" | ", header.Select(_ => NotAvailable))).Append(" |\n");
        }

        sb.Append('\n');
    }

    private static void HtmlTable(StringBuilder sb, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        sb.Append("<table>\n<thead><tr>");
        foreach (var h in header)
        {
            sb.Append("<th>").Append(E(h)).Append("</th>");
        }

        sb.Append("</tr></thead>\n<tbody>\n");
        var any = false;
        foreach (var row in rows)
        {
            any = true;
            sb.Append("<tr>");
            foreach (var cell in row)
            {
                sb.Append("<td>").Append(E(cell)).Append("</td>");
            }

            sb.Append("</tr>\n");
        }

        if (!any)
        {
            sb.Append("<tr>").Append(string.Concat(header.Select(_ => "<td>" + NotAvailable + "</td>"))).Append("</tr>\n");
        }

        sb.Append("</tbody>\n</table>\n");
    }

    private static void Paragraphs(StringBuilder sb, string text)
    {
        foreach (var para in Normalise(text).Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            sb.Append("<p>").Append(E(para).Replace("\n", "<br>\n", StringComparison.Ordinal)).Append("</p>\n");
        }
    }

    private static string MdCell(string s) => OneLine(s).Replace("|", "\\|", StringComparison.Ordinal);

    private static string OneLine(string s) => Normalise(s).Replace('\n', ' ').Trim();

    private static string Normalise(string s) => s.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    private static string E(string s) => WebUtility.HtmlEncode(s);
}

/// <summary>
/// The metrics table: one row per metric key of metrics.json, read from the sections' typed fields (nested layer keys as <c>macro.regime_accuracy</c> or
/// <c>macro.regime_by_claim.trending.accuracy</c>, a layer that no column measured as its own key), one column for
/// the hierarchy (<c>overall</c>) and one per baseline (sorted ordinally). Nulls are "n/a"; the per-horizon forecasts
/// have their own table.
/// </summary>
internal sealed record MetricsTable(IReadOnlyList<string> Columns, IReadOnlyList<MetricsTable.Row> Rows)
{
    public sealed record Row(string Key, IReadOnlyList<string> Values);

    public static MetricsTable From(ReportInput input)
    {
        var columns = new List<(string Name, Dictionary<string, string> Cells)>
        {
            ($"{input.Hierarchy.Name} (hierarchy)", Flatten(input.Metrics.Overall)),
        };
        foreach (var (name, section) in input.Metrics.Baselines.OrderBy(b => b.Key, StringComparer.Ordinal))
        {
            columns.Add(($"{name} (baseline)", Flatten(section)));
        }

        // Keys in first-seen order over the columns; a bare layer key is dropped when some column has its leaves.
        var keys = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, cells) in columns)
        {
            foreach (var key in cells.Keys.Where(seen.Add))
            {
                keys.Add(key);
            }
        }

        // Leaves of a layer go where the layer's bare key would be, so the order is stable whichever column has them.
        var ordered = new List<string>();
        foreach (var key in keys.Where(k => !k.Contains('.', StringComparison.Ordinal)))
        {
            var leaves = keys.Where(k => k.StartsWith(key + ".", StringComparison.Ordinal)).ToList();
            ordered.AddRange(leaves.Count > 0 ? leaves : [key]);
        }

        ordered.AddRange(keys.Where(k => k.Contains('.', StringComparison.Ordinal) && !ordered.Contains(k)));
        var rows = ordered
            .Select(k => new Row(k, [.. columns.Select(c => c.Cells.TryGetValue(k, out var v) ? v : ReportWriter.NotAvailable)]))
            .ToList();
        return new MetricsTable([.. columns.Select(c => c.Name)], rows);
    }

    private static Dictionary<string, string> Flatten(MetricsSection section)
    {
        var cells = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in section.Fields())
        {
            if (field.Fields is { } layer)
            {
                cells[field.Name] = ReportWriter.NotAvailable;
                AddLeaves(cells, field.Name, layer);
            }
            else
            {
                cells[field.Name] = Cell(field);
            }
        }

        return cells;
    }

    /// <summary>Leaves of a layer; a nested group (macro.regime_by_claim) adds its leaves one level down.</summary>
    private static void AddLeaves(Dictionary<string, string> cells, string prefix, IReadOnlyList<MetricField> fields)
    {
        foreach (var leaf in fields)
        {
            if (leaf.Fields is { } group)
            {
                AddLeaves(cells, prefix + "." + leaf.Name, group);
            }
            else
            {
                cells[prefix + "." + leaf.Name] = Cell(leaf);
            }
        }
    }

    private static string Cell(MetricField field) =>
        field.Kind == MetricKind.Text ? field.TextValue ?? ReportWriter.NotAvailable : ReportWriter.Num(field.Value);
}

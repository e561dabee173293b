using System.Text.Json;
using Hrm.Cli.Reports;

namespace Hrm.Cli.Tests;

/// <summary>What every written report has: the plots, report.md, report.html, metrics.json, and a row per strategy.</summary>
public static class ReportAssertions
{
    public static readonly string[] PlotFiles =
    [
        ReportPlots.EquityFile, ReportPlots.DrawdownFile, ReportPlots.SignalsFile,
        ReportPlots.CalibrationFile, ReportPlots.RegimesFile,
    ];

    /// <summary>Checks the files and the strategy rows; returns report.md.</summary>
    public static async Task<string> AssertReportAsync(string outDir)
    {
        foreach (var file in PlotFiles.Append(ReportWriter.MarkdownFile).Append(ReportWriter.HtmlFile).Append("metrics.json"))
        {
            Assert.True(File.Exists(Path.Combine(outDir, file)), file);
        }

        var md = await File.ReadAllTextAsync(Path.Combine(outDir, ReportWriter.MarkdownFile));
        Assert.Contains("| hierarchy (hierarchy) |", md);
        foreach (var baseline in new[] { "macro_alone", "meso_alone", "micro_alone", "naive_average", "tsmom", "vol_target_long", "random_sign_placebo", "buy_and_hold" })
        {
            Assert.Contains($"\n| {baseline} | ", md);
            Assert.Contains($"{baseline} (baseline)", md);
        }

        return md;
    }

    /// <summary>The <c>--json</c> output of a completed run names every file it wrote, by full path.</summary>
    public static void AssertJsonNamesTheFiles(string output, string outDir)
    {
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.True(root.GetProperty("completed").GetBoolean());
        Assert.Equal(Path.Combine(outDir, ReportWriter.MarkdownFile), root.GetProperty("report_md").GetString());
        Assert.Equal(Path.Combine(outDir, ReportWriter.HtmlFile), root.GetProperty("report_html").GetString());
        Assert.Equal(Path.Combine(outDir, "metrics.json"), root.GetProperty("metrics_json").GetString());
        Assert.Equal(Path.Combine(outDir, "features.parquet"), root.GetProperty("features_parquet").GetString());
        Assert.True(File.Exists(root.GetProperty("features_parquet").GetString()));
        Assert.Equal(PlotFiles.Select(p => Path.Combine(outDir, p)), root.GetProperty("report_plots").EnumerateArray().Select(p => p.GetString()));
        Assert.True(root.GetProperty("events_replayed").GetInt64() > 0);
    }
}

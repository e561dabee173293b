using System.Text.Json;
using Hrm.Cli.Reports;
using Hrm.Testing;

namespace Hrm.Cli.Tests;

/// <summary>
/// The plain <c>hrm backtest</c> over tick captures (the README's main job): a completed run writes metrics.json and
/// the report, scored prequentially over the capture window, and lists the files in its JSON.
/// </summary>
[Collection("console")]
public sealed class CaptureBacktestCommandTests
{
    [Fact]
    public async Task A_completed_capture_backtest_writes_the_prequential_report_and_lists_its_files_in_the_json()
    {
        var outDir = Directory.CreateTempSubdirectory("hrm-capture-report-").FullName;

        var (code, output, error) = await CliRunner.RunAsync(
            "backtest", "--data", SharedData.Window2024, "--history", Path.Combine(SharedData.Root, "macro_meso"),
            "--symbols", "BTCUSDT", "--out", outDir, "--json");

        Assert.True(code == 0, error);
        var md = await ReportAssertions.AssertReportAsync(outDir);
        Assert.StartsWith("# Capture backtest: BTCUSDT, 2024-08-", md);
        Assert.Contains(SharedData.Window2024, md);
        Assert.Contains("usdm_btcusdt", md);
        Assert.Contains("5 bps taker fee and the quoted half-spread", md);
        Assert.Contains("prequential: every signal is scored before its own outcome is learned; there is no train/test split on a capture", md);
        Assert.Contains("Scored window:\n\n- capture: 2024-08-", md);
        Assert.DoesNotContain("Test windows:", md);

        var verdict = md[(md.IndexOf("## Verdict\n\n", StringComparison.Ordinal) + "## Verdict\n\n".Length)..];
        Assert.StartsWith(Verdict.Prequential + ", after costs, the hierarchy ", verdict);
        Assert.Contains("Compared on cumulative_alpha (net return) alone, ", verdict);
        Assert.DoesNotContain("test windows", verdict);
        Assert.DoesNotContain("Out of sample", verdict);
        Assert.Contains("<h2>Verdict</h2>", await File.ReadAllTextAsync(Path.Combine(outDir, ReportWriter.HtmlFile)));

        // The window in the report is metrics.json's.
        using var metrics = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "metrics.json")));
        var capture = metrics.RootElement.GetProperty("capture");
        Assert.Contains($"- capture: {capture.GetProperty("from").GetString()} .. {capture.GetProperty("to").GetString()}", md);

        ReportAssertions.AssertJsonNamesTheFiles(output, outDir);
    }
}

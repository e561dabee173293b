using System.Text.Json;
using Hrm.Cli;
using Hrm.Cli.Reports;
using Hrm.Testing;

namespace Hrm.Cli.Tests;

/// <summary>
/// <c>hrm backtest --walk-forward</c>: bad flags are one-line errors with exit code 2; a completed run writes the
/// report beside metrics.json.
/// </summary>
[Collection("console")]
public sealed class WalkForwardCommandTests
{
    [Theory]
    [InlineData("180d")]
    [InlineData("180x:30d")]
    [InlineData("0d:30d")]
    public async Task A_bad_walk_forward_spec_is_a_one_line_error_with_exit_code_2(string spec)
    {
        var dir = Directory.CreateTempSubdirectory("hrm-wf-").FullName;

        var (code, _, error) = await CliRunner.RunAsync(
            "backtest", "--data", dir, "--walk-forward", spec, "--from", "2024-01-01T00:00:00Z", "--to", "2024-07-01T00:00:00Z");

        Assert.Equal(2, code);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("--walk-forward", error);
    }

    [Theory]
    [InlineData("--from", "2024-01-01", "--to", "2024-07-01T00:00:00Z")]
    [InlineData("--to", "2024-07-01T00:00:00Z")]
    [InlineData("--from", "2024-07-01T00:00:00Z", "--to", "2024-01-01T00:00:00Z")]
    public async Task A_missing_or_bad_span_is_an_error_with_exit_code_2(params string[] span)
    {
        var dir = Directory.CreateTempSubdirectory("hrm-wf-").FullName;

        var (code, _, error) = await CliRunner.RunAsync(["backtest", "--data", dir, "--walk-forward", "120d:30d", .. span]);

        Assert.Equal(2, code);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task From_without_walk_forward_is_an_error_with_exit_code_2()
    {
        var dir = Directory.CreateTempSubdirectory("hrm-wf-").FullName;

        var (code, _, error) = await CliRunner.RunAsync("backtest", "--data", dir, "--from", "2024-01-01T00:00:00Z");

        Assert.Equal(2, code);
        Assert.Contains("--walk-forward", error);
    }

    private static readonly string[] WalkForward =
    [
        "backtest", "--data", Path.Combine(SharedData.Root, "macro_meso"), "--symbols", "BTCUSDT",
        "--walk-forward", "120d:30d", "--from", "2024-01-01T00:00:00Z", "--to", "2024-07-01T00:00:00Z",
    ];

    [Fact]
    public async Task A_completed_walk_forward_writes_the_report_and_lists_its_files_in_the_json()
    {
        var outDir = Directory.CreateTempSubdirectory("hrm-wf-report-").FullName;

        var (code, output, error) = await CliRunner.RunAsync([.. WalkForward, "--out", outDir, "--json"]);

        Assert.True(code == 0, error);
        var md = await ReportAssertions.AssertReportAsync(outDir);
        Assert.StartsWith("# Walk-forward backtest: BTCUSDT, 2024-01-01 to 2024-07-01", md);
        Assert.Contains("BTC_USDT_USDT-perp-", md);
        Assert.Contains("5 bps taker fee and 1 bps slippage", md);
        // 182 days − 120 of training leave three test windows: Apr 30, May 30 and the last 2 days.
        Assert.Contains("- fold 0: train 2024-01-01T00:00:00.000Z .. 2024-04-30T00:00:00.000Z, test 2024-04-30T00:00:00.000Z .. 2024-05-30T00:00:00.000Z", md);
        Assert.Contains("- fold 2: ", md);

        Assert.Contains("## Verdict\n\nOut of sample (the test windows only), after costs, the hierarchy returned ", md);
        Assert.Contains("Compared on cumulative_alpha (net return) alone, ", md);
        Assert.Contains("<h2>Verdict</h2>", await File.ReadAllTextAsync(Path.Combine(outDir, ReportWriter.HtmlFile)));

        // The verdict is the one the metrics.json numbers give.
        ReportAssertions.AssertJsonNamesTheFiles(output, outDir);
    }

    [Fact]
    public async Task The_console_summary_names_the_metrics_and_the_report()
    {
        var outDir = Directory.CreateTempSubdirectory("hrm-wf-report-").FullName;

        var (code, output, error) = await CliRunner.RunAsync([.. WalkForward, "--out", outDir]);

        Assert.True(code == 0, error);
        var line = output.ReplaceLineEndings(" ");
        Assert.Contains("3 folds", line);
        Assert.Contains("metrics.json", line);
        Assert.Contains(ReportWriter.MarkdownFile, line);
        Assert.Contains(ReportWriter.HtmlFile, line);
        Assert.True(File.Exists(Path.Combine(outDir, ReportWriter.MarkdownFile)));
    }

    [Fact]
    public void The_flags_make_a_plan_in_unix_nanoseconds()
    {
        Assert.True(BacktestCommand.TryReadWalkForward("120d:30d", "2024-01-01T00:00:00Z", "1719792000000", out var plan, out _));

        Assert.Equal(TimeSpan.FromDays(120), plan.Train);
        Assert.Equal(TimeSpan.FromDays(30), plan.Test);
        Assert.Equal(1_704_067_200_000_000_000, plan.From);
        Assert.Equal(1_719_792_000_000_000_000, plan.To);
    }
}

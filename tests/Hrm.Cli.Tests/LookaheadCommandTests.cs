using System.Text.Json;
using Hrm.Testing;

namespace Hrm.Cli.Tests;

/// <summary>
/// <c>hrm lookahead</c> on the real ETHUSDT captures of 2024-08-09 with the real layers: cutting the input at midnight,
/// the middle of the window, changes no signal stamped before it. Bad input is one line on stderr and exit code 2.
/// </summary>
[Collection("console")]
public sealed class LookaheadCommandTests
{
    [Fact]
    public async Task On_real_data_no_signal_before_the_cut_changes_and_the_exit_code_is_0()
    {
        var output = Directory.CreateTempSubdirectory("hrm-lookahead-").FullName;

        var (code, stdout, error) = await CliRunner.RunAsync(
            "lookahead", "--data", SharedData.Window2024, "--history", Path.Combine(SharedData.Root, "macro_meso"),
            "--symbols", "ETHUSDT", "--cut", "2024-08-09T00:00:00Z", "--out", output, "--json");

        Assert.True(code == 0, stdout + error);
        using var report = JsonDocument.Parse(stdout);
        Assert.True(report.RootElement.GetProperty("passed").GetBoolean());
        Assert.Equal(1_723_161_600_000_000_000, report.RootElement.GetProperty("cut").GetInt64());
        Assert.Empty(report.RootElement.GetProperty("changed").EnumerateArray());
        // Not vacuous: the runs emit signals before the cut, and the full run goes on past it.
        Assert.True(report.RootElement.GetProperty("signals_before_cut_full").GetInt32() > 0, stdout);
        var full = await File.ReadAllLinesAsync(Path.Combine(output, "full", "signals.csv"));
        Assert.Contains(full.Skip(1), row => long.Parse(row.Split(',')[2]) > 1_723_161_600_000_000_000);
        Assert.True(File.Exists(Path.Combine(output, "cut", "signals.parquet")));
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2024-08-09T00:00:00")]
    [InlineData("2024-13-09T00:00:00Z")]
    [InlineData("-5")]
    public async Task A_cut_that_is_not_a_utc_time_is_a_one_line_error_with_exit_code_2(string cut)
    {
        var (code, _, error) = await CliRunner.RunAsync("lookahead", "--data", SharedData.Window2024, "--cut", cut);

        Assert.Equal(2, code);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("is not a time", error);
    }

    [Fact]
    public async Task A_missing_data_directory_is_an_error_with_exit_code_2()
    {
        var (code, _, error) = await CliRunner.RunAsync("lookahead", "--data", "/nonexistent/hrm-data", "--cut", "1723161600000");

        Assert.Equal(2, code);
        Assert.Contains("does not exist", error);
    }

    [Theory]
    [InlineData("2024-08-09T00:00:00Z", 1_723_161_600_000_000_000)]
    [InlineData("2024-08-09T02:00:00+02:00", 1_723_161_600_000_000_000)]
    [InlineData("1723161600000", 1_723_161_600_000_000_000)]
    [InlineData("1723161600000000123", 1_723_161_600_000_000_123)]
    public void Cut_times_are_read_as_iso_utc_unix_ms_or_unix_ns(string value, long expected)
    {
        Assert.True(LookaheadCommand.TryParseTime(value, out var nanos));
        Assert.Equal(expected, nanos);
    }
}

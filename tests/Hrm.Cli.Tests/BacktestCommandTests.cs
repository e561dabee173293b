using Hrm.Testing;

namespace Hrm.Cli.Tests;

/// <summary>The command's contract with its user: clear one-line errors and exit code 2 on bad input.</summary>
[Collection("console")]
public sealed class BacktestCommandTests
{
    [Fact]
    public async Task A_directory_without_readable_data_is_a_one_line_error_with_exit_code_2()
    {
        var empty = Directory.CreateTempSubdirectory("hrm-empty-").FullName;

        var (code, _, error) = await CliRunner.RunAsync("backtest", "--data", empty, "--out", Path.Combine(empty, "out"));

        Assert.Equal(2, code);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("no readable data", error);
    }

    [Fact]
    public async Task A_missing_directory_is_an_error_with_exit_code_2()
    {
        var (code, _, error) = await CliRunner.RunAsync("backtest", "--data", "/nonexistent/hrm-data");

        Assert.Equal(2, code);
        Assert.Contains("does not exist", error);
    }

    [Fact]
    public async Task A_symbol_that_is_not_in_the_data_is_an_error_with_exit_code_2()
    {
        var data = SharedData.Window2024;

        var (code, _, error) = await CliRunner.RunAsync("backtest", "--data", data, "--symbols", "DOGEUSDT");

        Assert.Equal(2, code);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("DOGEUSDT is not in the data", error);
        Assert.Contains("BTCUSDT, ETHUSDT", error);
    }
}

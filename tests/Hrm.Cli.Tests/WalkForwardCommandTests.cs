using Hrm.Cli;

namespace Hrm.Cli.Tests;

/// <summary><c>hrm backtest --walk-forward</c>: bad flags are one-line errors with exit code 2.</summary>
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

using System.Text.Json;
using Hrm.Testing;

namespace Hrm.Cli.Tests;

[Collection("console")]
public sealed class OfiCommandTests
{
    [Fact]
    public async Task A_capture_gives_beta_r2_and_intervals_as_json()
    {
        var (code, output, error) = await CliRunner.RunAsync("ofi", "--data", SharedData.Window2024, "--symbol", "BTCUSDT", "--venue", "spot", "--interval", "10", "--json");

        Assert.True(code == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("binance-spot", json.GetProperty("venue").GetString());
        Assert.Equal(0.01, json.GetProperty("tick").GetDouble(), 12); // gcd of the quoted prices: the spot tick
        // The spot capture runs 23:54:14 → 00:05:04 UTC: about 65 complete 10-second intervals.
        Assert.InRange(json.GetProperty("intervals").GetInt32(), 60, 66);
        Assert.True(json.GetProperty("beta").GetDouble() > 0, "more buy pressure lifts the mid");
        Assert.InRange(json.GetProperty("r2").GetDouble(), 0.05, 1.0);
        Assert.True(json.TryGetProperty("intercept", out _));
        Assert.Equal(2, json.GetProperty("captures")[0].GetProperty("capture").GetString()!.Split('/').Length);
    }

    [Theory]
    [InlineData("zero", "--interval must be a positive number (got '0')")]
    [InlineData("negative", "--interval must be a positive number (got '-5')")]
    [InlineData("text", "--interval must be a positive number (got 'ten')")]
    [InlineData("missing", "does not exist")]
    [InlineData("symbol", "DOGEUSDT is not in the data (available: BTCUSDT, ETHUSDT)")]
    [InlineData("venue", "--venue must be spot, usdm or coinm (got 'margin')")]
    [InlineData("tick", "--tick must be a positive number (got 'x')")]
    [InlineData("no-data", "--data is required.")]
    [InlineData("no-symbol", "--symbol is required")]
    public async Task Bad_input_is_a_one_line_error_with_exit_code_2(string kind, string message)
    {
        var window = SharedData.Window2024;
        string[] args = kind switch
        {
            "zero" => ["ofi", "--data", window, "--symbol", "BTCUSDT", "--interval", "0"],
            "negative" => ["ofi", "--data", window, "--symbol", "BTCUSDT", "--interval", "-5"],
            "text" => ["ofi", "--data", window, "--symbol", "BTCUSDT", "--interval", "ten"],
            "missing" => ["ofi", "--data", "/nonexistent/hrm-data", "--symbol", "BTCUSDT", "--interval", "10"],
            "symbol" => ["ofi", "--data", window, "--symbol", "DOGEUSDT", "--interval", "10"],
            "venue" => ["ofi", "--data", window, "--symbol", "BTCUSDT", "--venue", "margin"],
            "tick" => ["ofi", "--data", window, "--symbol", "BTCUSDT", "--tick", "x"],
            "no-data" => ["ofi", "--symbol", "BTCUSDT"],
            _ => ["ofi", "--data", window],
        };

        var (code, _, error) = await CliRunner.RunAsync(args);

        Assert.Equal(2, code);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("hrm ofi: ", error);
        Assert.Contains(message, error);
    }
}

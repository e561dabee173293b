using System.Text.Json;
using Hrm.Testing;

namespace Hrm.Cli.Tests;

/// <summary>
/// <c>hrm anchor momentum</c> on the real Binance spot 1h candles in ../shared/data: both files written, every coin in
/// every table, the spans the data README states, and one-line errors with exit code 2.
/// </summary>
[Collection("console")]
public sealed class AnchorCommandTests
{
    private static readonly string Candles = Path.Combine(SharedData.Root, "macro_meso", "binance_freqtrade_roshan");

    private static readonly string[] Coins = ["ADAUSDT", "BTCUSDT", "DOGEUSDT", "ETHUSDT", "LTCUSDT", "SOLUSDT", "XRPUSDT"];

    [Fact]
    public async Task Json_run_on_the_real_candles_writes_both_files_with_every_coin()
    {
        var outDir = Directory.CreateTempSubdirectory("hrm-anchor-").FullName;

        var (code, stdout, error) = await CliRunner.RunAsync("anchor", "momentum", "--data", Candles, "--out", outDir, "--json");

        Assert.True(code == 0, error);
        using var printed = JsonDocument.Parse(stdout);
        Assert.Equal(Path.Combine(outDir, "momentum.md"), printed.RootElement.GetProperty("momentum_md").GetString());
        Assert.Equal(Path.Combine(outDir, "momentum.json"), printed.RootElement.GetProperty("momentum_json").GetString());

        using var written = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "momentum.json")));
        var root = written.RootElement;
        Assert.Equal(Coins, root.GetProperty("coins").EnumerateArray().Select(c => c.GetProperty("symbol").GetString()));

        // The spans of the data: BTC/ETH/LTC from 2018-01-01 00:00, SOL from 2020-08-11 06:00, all to 2025-08-31 23:00
        // (last close 2025-09-01 00:00, a Monday). BTC's first boundary with a close is Monday 2018-01-08, so it has
        // 399 complete weeks to 2025-09-01 and, with at most 33 consecutive missing hours, none without a return.
        var btc = root.GetProperty("coins").EnumerateArray().Single(c => c.GetProperty("symbol").GetString() == "BTCUSDT");
        Assert.Equal("2018-01-01T00:00:00Z", btc.GetProperty("first_candle_open").GetString());
        Assert.Equal("2025-09-01T00:00:00Z", btc.GetProperty("last_candle_close").GetString());
        Assert.Equal("2018-01-08T00:00:00Z", btc.GetProperty("first_week_start").GetString());
        Assert.Equal(399, btc.GetProperty("weeks").GetInt32());
        Assert.Equal(0, btc.GetProperty("weeks_without_return").GetInt32());
        var sol = root.GetProperty("coins").EnumerateArray().Single(c => c.GetProperty("symbol").GetString() == "SOLUSDT");
        Assert.Equal("2020-08-11T06:00:00Z", sol.GetProperty("first_candle_open").GetString());

        var lt = root.GetProperty("liu_tsyvinski");
        var mop = root.GetProperty("moskowitz_ooi_pedersen");
        foreach (var table in new[] { lt.GetProperty("weekly_single"), lt.GetProperty("weekly_cumulative"), lt.GetProperty("daily_single"), mop.GetProperty("sign_regression"), mop.GetProperty("strategies"), mop.GetProperty("alpha_over_passive_long") })
        {
            Assert.Equal(Coins.Append("pooled"), table.EnumerateObject().Select(p => p.Name));
        }

        // BTC, r_{t+1} on r_t, weekly: β = 0.0960 and Newey–West t = 2.04 (lag 5, 398 pairs) by an independent
        // stdlib-only Python check of the same week definition, written while building this command.
        var h1 = lt.GetProperty("weekly_single").GetProperty("BTCUSDT")[0];
        Assert.Equal(398, h1.GetProperty("n").GetInt32());
        Assert.Equal(5, h1.GetProperty("hac_lag").GetInt32());
        Assert.Equal(0.0960, h1.GetProperty("beta").GetDouble(), 3e-4);
        Assert.Equal(2.04, h1.GetProperty("t_stat").GetDouble(), 0.01);

        // Nine (k, h) strategies and the passive long per coin, each with a Sharpe and a t.
        foreach (var coin in mop.GetProperty("strategies").EnumerateObject())
        {
            Assert.Equal(10, coin.Value.GetArrayLength());
            Assert.All(coin.Value.EnumerateArray(), s => Assert.Equal(JsonValueKind.Number, s.GetProperty("sharpe_annual").ValueKind));
        }

        var md = await File.ReadAllTextAsync(Path.Combine(outDir, "momentum.md"));
        foreach (var coin in Coins.Append("pooled"))
        {
            // Coverage (coins only), 1a, 1b, 1c, 2a, 2b Sharpe, 2b mean, 2c: a row in each table.
            var rows = md.Split('\n').Count(l => l.StartsWith($"| {coin} |", StringComparison.Ordinal));
            Assert.Equal(coin == "pooled" ? 7 : 8, rows);
        }

        Assert.Contains("| 1 | 0.19 (3.73) |", md); // the published Bitcoin row sits beside ours
    }

    [Fact]
    public async Task Table_output_prints_both_specifications()
    {
        var outDir = Directory.CreateTempSubdirectory("hrm-anchor-").FullName;

        var (code, stdout, error) = await CliRunner.RunAsync("anchor", "momentum", "--data", Candles, "--out", outDir);

        Assert.True(code == 0, error);
        Assert.Contains("Liu & Tsyvinski", stdout);
        Assert.Contains("Moskowitz, Ooi & Pedersen", stdout);
        Assert.Contains("| pooled |", stdout);
        Assert.Equal((await File.ReadAllTextAsync(Path.Combine(outDir, "momentum.md"))).TrimEnd(), stdout.TrimEnd());
    }

    [Fact]
    public async Task A_missing_directory_is_a_one_line_error_with_exit_code_2()
    {
        var (code, _, error) = await CliRunner.RunAsync("anchor", "momentum", "--data", "/nonexistent/hrm-candles", "--out", Path.GetTempPath());

        AssertOneLineError(code, error, "does not exist");
    }

    [Fact]
    public async Task A_directory_without_spot_1h_candles_is_a_one_line_error_with_exit_code_2()
    {
        var empty = Directory.CreateTempSubdirectory("hrm-anchor-empty-").FullName;

        var (code, _, error) = await CliRunner.RunAsync("anchor", "momentum", "--data", empty, "--out", empty);

        AssertOneLineError(code, error, "no spot 1h candle files");
    }

    private static void AssertOneLineError(int code, string error, string expected)
    {
        Assert.Equal(2, code);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("hrm anchor momentum: ", error);
        Assert.Contains(expected, error);
    }
}

using System.Text.Json;
using Hrm.Testing;

namespace Hrm.Cli.Tests;

/// <summary>
/// <c>hrm backtest --data</c> over Bitstamp L3 orders alone: the orders replay through the BTCUSDT entity end to end,
/// the signal files and the summary are written, and the summary says why there is no metrics.json (no book ticker
/// on the primary venue to trade at) instead of the run failing.
/// </summary>
[Collection("console")]
public sealed class L3BacktestCommandTests
{
    [Fact]
    public async Task A_backtest_over_the_Bitstamp_L3_day_writes_its_signals_and_says_why_it_is_not_scored()
    {
        var outDir = Directory.CreateTempSubdirectory("hrm-l3-backtest-").FullName;
        var data = Path.Combine(SharedData.Root, "micro", "bitstamp_l3_obanalytics_2015-05-01");

        var (code, output, error) = await CliRunner.RunAsync("backtest", "--data", data, "--out", outDir, "--json");

        Assert.True(code == 0, error);
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "summary.json")));
        var root = summary.RootElement;
        Assert.True(root.GetProperty("completed").GetBoolean());
        Assert.Equal(["BTCUSDT"], root.GetProperty("symbols").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["orders.csv.gz"], root.GetProperty("sources").EnumerateArray().Select(s => s.GetString()));
        var read = Assert.Single(root.GetProperty("events_read").EnumerateObject());
        Assert.Equal(("l3_order", 50414), (read.Name, read.Value.GetInt64()));
        Assert.Empty(root.GetProperty("events_rejected").EnumerateObject());
        Assert.Equal(50414, root.GetProperty("events_replayed").GetInt64());
        Assert.Equal(
            "not scored: no symbol has a book ticker on the primary venue (BinanceUsdm), the quotes a capture backtest trades at; events read: l3_order",
            root.GetProperty("not_scored").GetString());
        using var printed = JsonDocument.Parse(output);
        Assert.Equal(root.GetProperty("not_scored").GetString(), printed.RootElement.GetProperty("not_scored").GetString());
        Assert.False(printed.RootElement.TryGetProperty("metrics_json", out _));

        // L3 orders alone give micro nothing the integrator acts on (no bars for meso or macro): a header, no signal.
        Assert.StartsWith("symbol,sequence,ts_event,", Assert.Single(File.ReadAllLines(Path.Combine(outDir, "signals.csv"))));
        Assert.True(File.Exists(Path.Combine(outDir, "signals.parquet")));
        Assert.False(File.Exists(Path.Combine(outDir, "metrics.json")));
    }
}

using System.Text.Json;
using Hrm.Testing;

namespace Hrm.Cli.Tests;

[Collection("console")]
public sealed class VpinCommandTests
{
    private static readonly string Hfdata = Path.Combine(SharedData.Root, "reference", "05_vpin_pinstimation_hfdata", "data_hfdata.csv");

    [Fact]
    public async Task The_reference_csv_reproduces_the_published_pinstimation_summary()
    {
        var (code, output, error) = await CliRunner.RunAsync("vpin", "--data", Hfdata, "--json");

        Assert.True(code == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        // PINstimation README: Min 0.129, 1st Qu. 0.208, Median 0.252, Mean 0.269, 3rd Qu. 0.319, Max 0.643, NA's 49,
        // VBS 4058.956, ndays 69 (timebarsize 300, buckets 50, samplength 50).
        Assert.Equal(0.129, Math.Round(json.GetProperty("min").GetDouble(), 3));
        Assert.Equal(0.208, Math.Round(json.GetProperty("q1").GetDouble(), 3));
        Assert.Equal(0.252, Math.Round(json.GetProperty("median").GetDouble(), 3));
        Assert.Equal(0.269, Math.Round(json.GetProperty("mean").GetDouble(), 3));
        Assert.Equal(0.319, Math.Round(json.GetProperty("q3").GetDouble(), 3));
        Assert.Equal(0.643, Math.Round(json.GetProperty("max").GetDouble(), 3));
        Assert.Equal(49, json.GetProperty("na").GetInt32());
        Assert.Equal(4058.956, Math.Round(json.GetProperty("bucket_volume").GetDouble(), 3));
        Assert.Equal(69, json.GetProperty("days").GetInt32());
        Assert.Equal(3450, json.GetProperty("buckets").GetInt32());
        Assert.Equal(300, json.GetProperty("bar_seconds").GetInt32());
    }

    [Fact]
    public async Task A_capture_directory_gives_the_summary_over_its_trades()
    {
        var (code, output, error) = await CliRunner.RunAsync("vpin", "--data", SharedData.Window2024, "--symbol", "ethusdt", "--venue", "spot", "--bar-seconds", "60", "--bucket-volume", "10", "--json");

        Assert.True(code == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("ETHUSDT", json.GetProperty("symbol").GetString());
        Assert.Equal("binance-spot", json.GetProperty("venue").GetString());
        Assert.Equal(10, json.GetProperty("bucket_volume").GetDouble());
        Assert.Equal(2, json.GetProperty("days").GetInt32()); // the window crosses midnight UTC
        Assert.True(json.GetProperty("buckets").GetInt32() > 50);
        Assert.InRange(json.GetProperty("mean").GetDouble(), 0, 1);
    }

    [Theory]
    [InlineData("missing", "does not exist")]
    [InlineData("symbol", "DOGEUSDT is not in the data (available: BTCUSDT, ETHUSDT)")]
    [InlineData("no-symbol", "--symbol is required")]
    [InlineData("buckets", "--buckets must be a positive integer (got 'abc')")]
    [InlineData("volume", "--bucket-volume must be a positive number (got '-1')")]
    [InlineData("bars", "--bar-seconds must be a positive integer (got '0')")]
    [InlineData("venue", "--venue must be spot, usdm or coinm (got 'kraken')")]
    [InlineData("csv", "must start with the columns timestamp,price,volume")]
    public async Task Bad_input_is_a_one_line_error_with_exit_code_2(string kind, string message)
    {
        var window = SharedData.Window2024;
        string[] args = kind switch
        {
            "missing" => ["vpin", "--data", "/nonexistent/hrm-data", "--symbol", "BTCUSDT"],
            "symbol" => ["vpin", "--data", window, "--symbol", "DOGEUSDT"],
            "no-symbol" => ["vpin", "--data", window],
            "buckets" => ["vpin", "--data", Hfdata, "--buckets", "abc"],
            "volume" => ["vpin", "--data", Hfdata, "--bucket-volume", "-1"],
            "bars" => ["vpin", "--data", Hfdata, "--bar-seconds", "0"],
            "venue" => ["vpin", "--data", window, "--symbol", "BTCUSDT", "--venue", "kraken"],
            _ => ["vpin", "--data", BadCsv()],
        };

        var (code, _, error) = await CliRunner.RunAsync(args);

        Assert.Equal(2, code);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("hrm vpin: ", error);
        Assert.Contains(message, error);
    }

    private static string BadCsv()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("hrm-vpin-").FullName, "trades.csv");
        File.WriteAllText(path, "time,qty\n1,2\n");
        return path;
    }
}

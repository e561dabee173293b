namespace Hrm.Cli.Tests;

/// <summary>
/// <c>hrm record</c>'s refusals: each names what to give instead and exits 2 before any connection. Recording itself is
/// tested against the loopback fake exchange (RecordAndReplayTests).
/// </summary>
[Collection("console")]
public sealed class RecordCommandTests
{
    [Theory]
    [InlineData("--venue", "binance-futures", "--venue must be binance-spot, binance-usdm, binance-coinm or deribit (got 'binance-futures')")]
    [InlineData("--duration", "ten", "--duration must be a positive number with s, m, h or d, e.g. 10m (got 'ten')")]
    [InlineData("--duration", "0s", "--duration must be a positive number")]
    [InlineData("--symbols", ",", "--symbols names no symbol")]
    [InlineData("--ws-url", "http://127.0.0.1:1", "--ws-url must be an absolute ws or wss URL (got 'http://127.0.0.1:1')")]
    [InlineData("--rest-url", "api.binance.com", "--rest-url must be an absolute http or https URL")]
    public async Task A_bad_argument_is_refused_with_what_to_give(string option, string value, string expected)
    {
        var arguments = new Dictionary<string, string>
        {
            ["--venue"] = "binance-spot",
            ["--symbols"] = "BTCUSDT",
            ["--duration"] = "1s",
            ["--out"] = Directory.CreateTempSubdirectory("hrm-record-").FullName,
        };
        arguments[option] = value;

        var (code, _, error) = await CliRunner.RunAsync(["record", .. arguments.SelectMany(a => new[] { a.Key, a.Value })]);

        Assert.Equal(2, code);
        Assert.Contains($"hrm record: {expected}", error);
    }

    [Fact]
    public async Task Nothing_arriving_is_exit_1_with_where_to_look()
    {
        var outDir = Directory.CreateTempSubdirectory("hrm-record-").FullName;

        // Nothing listens on port 1 of loopback: every connection attempt is refused.
        var (code, output, error) = await CliRunner.RunAsync(
            "record", "--venue", "binance-usdm", "--symbols", "BTCUSDT", "--duration", "2s", "--out", outDir,
            "--ws-url", "ws://127.0.0.1:1", "--rest-url", "http://127.0.0.1:1");

        Assert.Equal(1, code);
        Assert.Contains("0 messages", output);
        Assert.Contains("nothing arrived; check the venue's URL (--ws-url)", error);
        Assert.True(File.Exists(Path.Combine(outDir, "record.json")));
    }
}

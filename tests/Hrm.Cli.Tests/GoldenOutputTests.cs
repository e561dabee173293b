using System.Security.Cryptography;
using Hrm.Testing;

namespace Hrm.Cli.Tests;

/// <summary>
/// Refactors keep behaviour byte for byte: the README main job's <c>signals.csv</c> and <c>metrics.json</c>, and the
/// BTC+ETH 2019–2025 walk-forward's <c>metrics.json</c>, hash to what they hashed when the pins were set. A change that
/// is meant to move a signal or a metric (a fix, a new metric) re-pins them in the same commit and says why in
/// CHANGELOG.md; one that is not meant to must leave them alone.
/// </summary>
[Collection("console")]
public sealed class GoldenOutputTests
{
    // Re-pinned when a spot message without E before any message with one (spot_ethusdt's first bookTicker) was rejected
    // as no-exchange-time instead of being stamped with the recorder's receive clock (1.27 s off): 4 of 623 signal rows
    // change (ETH confidences and sizes; no direction).
    private const string MainJobSignals = "c577db35338c7601a58ef5b0d8007a5ad7cb8ee607e9c034d8f9184551431863";
    private const string MainJobMetrics = "661eeb4657084df79293e2a1ede1686722d3906d5a39140f31d5fff5a37b7bf5";

    // Re-pinned when the macro judge and its null took the regime model's variance ratio (q-sums centred on q·μ̂,
    // Lo–MacKinlay 1988) instead of centring the q-sums on their own mean: mean_reverting accuracy 0.8446 → 0.8096,
    // its null 0.8172 → 0.7821; signals unchanged.
    private const string WalkForwardMetrics = "fb1089dd0f0c993d39f0d2803c93a38389520503d3a03368c8da85bd459adfb4";

    [Fact]
    public async Task The_readme_main_job_writes_the_pinned_signals_and_metrics()
    {
        var outDir = Directory.CreateTempSubdirectory("hrm-golden-main-").FullName;

        var (code, _, error) = await CliRunner.RunAsync(
            "backtest", "--data", SharedData.Window2024, "--history", Path.Combine(SharedData.Root, "macro_meso"), "--out", outDir);

        Assert.True(code == 0, error);
        AssertPinned(MainJobSignals, outDir, "signals.csv");
        AssertPinned(MainJobMetrics, outDir, "metrics.json");
    }

    [Fact]
    public async Task The_btc_eth_2019_2025_walk_forward_writes_the_pinned_metrics()
    {
        var outDir = Directory.CreateTempSubdirectory("hrm-golden-wf-").FullName;

        var (code, _, error) = await CliRunner.RunAsync(
            "backtest", "--data", Path.Combine(SharedData.Root, "macro_meso"), "--symbols", "BTCUSDT,ETHUSDT",
            "--walk-forward", "180d:30d", "--from", "2019-09-01T00:00:00Z", "--to", "2025-09-01T00:00:00Z", "--out", outDir);

        Assert.True(code == 0, error);
        AssertPinned(WalkForwardMetrics, outDir, "metrics.json");
    }

    private static void AssertPinned(string expected, string outDir, string file)
    {
        var actual = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(outDir, file))));
        Assert.True(expected == actual,
            $"{file} changed (sha256 {actual}, pinned {expected}); output kept in {outDir}. Re-pin only a change meant to move results.");
    }
}

using System.Text.Json;
using Hrm.Signals.Evaluation.Discovery;
using Hrm.Testing;

namespace Hrm.Cli.Tests;

/// <summary><c>hrm discover</c> on the real candle history: bad flags are one-line errors; a run writes both files and says how many were tried.</summary>
[Collection("console")]
public sealed class DiscoverCommandTests
{
    [Fact]
    public async Task A_bad_walk_forward_spec_is_a_one_line_error_with_exit_code_2()
    {
        var dir = Directory.CreateTempSubdirectory("hrm-discover-").FullName;

        var (code, _, error) = await CliRunner.RunAsync(
            "discover", "--data", dir, "--walk-forward", "0d:30d", "--from", "2024-01-01T00:00:00Z", "--to", "2024-07-01T00:00:00Z");

        Assert.Equal(2, code);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("--walk-forward", error);
    }

    [Fact]
    public async Task A_run_writes_every_candidate_with_its_multiple_testing_numbers_and_prints_how_many_were_tried()
    {
        var outDir = Directory.CreateTempSubdirectory("hrm-discover-run-").FullName;

        var (code, output, error) = await CliRunner.RunAsync(
            "discover", "--data", Path.Combine(SharedData.Root, "macro_meso"), "--symbols", "BTCUSDT,ETHUSDT",
            "--walk-forward", "60d:30d", "--from", "2024-01-01T00:00:00Z", "--to", "2024-06-01T00:00:00Z", "--out", outDir);

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, DiscoveryReport.JsonFile)));
        var root = json.RootElement;
        var tried = root.GetProperty("tried").GetInt32();
        var candidates = root.GetProperty("candidates").EnumerateArray().ToArray();
        Assert.Equal(tried, candidates.Length);
        Assert.True(root.GetProperty("untestable").GetInt32() > 0, "micro features cannot be tested on candles");
        Assert.Contains($"{tried} candidate × horizon pairs tried", output);
        string[] fields = ["name", "horizon", "ic", "ic_se", "ic_t", "hit_rate", "net_return", "sharpe", "turnover", "deflated_sharpe", "q_value", "survives"];
        Assert.All(candidates, c => Assert.All(fields, f => Assert.True(c.TryGetProperty(f, out _), f)));
        foreach (var horizon in new[] { "1h", "4h", "1d", "1w" })
        {
            Assert.Contains(candidates, c => c.GetProperty("name").GetString() == Candidate.LearnedHierarchy && c.GetProperty("horizon").GetString() == horizon);
            Assert.Contains(candidates, c => c.GetProperty("name").GetString() == "hand_set" && c.GetProperty("horizon").GetString() == horizon);
            Assert.True(root.GetProperty("learned_hierarchy").GetProperty(horizon).GetProperty("fits").GetInt32() > 0);
        }

        Assert.DoesNotContain(candidates, c => c.GetProperty("name").GetString()!.StartsWith("micro_", StringComparison.Ordinal));
        Assert.All(candidates, c => Assert.True(c.GetProperty("q_value").ValueKind == JsonValueKind.Null || c.GetProperty("q_value").GetDouble() is >= 0 and <= 1));
        var md = await File.ReadAllTextAsync(Path.Combine(outDir, DiscoveryReport.MarkdownFile));
        Assert.Contains($"**{tried} candidate × horizon pairs tried**", md);
        Assert.Contains("| learned_hierarchy | 1h |", md);
        Assert.True(File.Exists(Path.Combine(outDir, "metrics.json")), "the walk-forward's own outputs sit beside it");
        Assert.All(new[] { "1h", "4h", "1d", "1w" }, h => Assert.True(new FileInfo(Path.Combine(outDir, $"calibration-learned-{h}.png")).Length > 1_000, h));
        var model = Signals.Learning.Hierarchy.LearnedModel.FromJson(await File.ReadAllTextAsync(Path.Combine(outDir, DiscoverCommand.ModelFile)));
        Assert.Equal(["BTCUSDT", "ETHUSDT"], model.Symbols);
        Assert.Equal((new DateTime(2024, 6, 1, 0, 0, 0, DateTimeKind.Utc).Ticks - DateTime.UnixEpoch.Ticks) * 100, model.TrainedUntil);
        Assert.NotNull(model.Online);
    }

    [Fact]
    public async Task A_model_file_that_is_missing_or_not_a_model_is_a_one_line_error_with_exit_code_2()
    {
        var dir = Directory.CreateTempSubdirectory("hrm-model-").FullName;
        var notAModel = Path.Combine(dir, "notes.json");
        await File.WriteAllTextAsync(notAModel, "{\"hello\": 1}");

        foreach (var file in new[] { Path.Combine(dir, "missing.json"), notAModel })
        {
            var (code, _, error) = await CliRunner.RunAsync("backtest", "--data", dir, "--model", file);

            Assert.Equal(2, code);
            Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("--model", error);
        }
    }
}

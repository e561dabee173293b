using Hrm.Actors.Symbol;
using Hrm.Backtesting;
using Hrm.Backtesting.Tests;
using Hrm.MarketData;
using Hrm.Signals.Learning.Hierarchy;
using Hrm.Testing;

namespace Hrm.Backtesting.Tests.Learning;

/// <summary>
/// A learned model served by the symbol entities on real ETHUSDT data of 2024-08-09: it passes the look-ahead check
/// (signals stamped before a cut are identical with and without the data after it), its signals carry the fitted
/// horizon as their holding period, and a model fitted on data after the scored span is refused.
/// </summary>
public sealed class ServedModelTests
{
    private static readonly long Midnight = (new DateTime(2024, 8, 9, 0, 0, 0, DateTimeKind.Utc).Ticks - DateTime.UnixEpoch.Ticks) * 100;

    private static BacktestOptions Options(string output, LearnedModel model) => new()
    {
        DataDirectory = SharedData.Window2024,
        HistoryDirectory = SharedData.History,
        Warmup = TimeSpan.FromDays(10),
        Symbols = ["ETHUSDT"],
        OutDirectory = output,
        Symbol = new SymbolSettings { Model = model },
    };

    [Fact]
    public async Task A_served_model_passes_the_look_ahead_check_and_holds_for_its_horizon()
    {
        var options = Options(SharedData.NewTempDirectory("served-lookahead"), SyntheticModels.FollowsImbalance(10));

        var report = await LookaheadCheck.RunAsync(options, Midnight);

        Assert.True(report.Passed, string.Join("\n", report.Changed.Select(c => $"{c.Full} | {c.Cut}")));
        Assert.True(report.SignalsBeforeCutFull > 5, $"only {report.SignalsBeforeCutFull} signals before the cut: the check would prove little");
        var signals = await File.ReadAllLinesAsync(Path.Combine(options.OutDirectory, "full", "signals.csv"));
        Assert.All(signals.Skip(1), row => Assert.Contains(",10,", row));
        Assert.All(signals.Skip(1), row => Assert.Contains("learned_hierarchy:10s", row));
    }

    [Fact]
    public async Task A_model_fitted_on_data_after_the_scored_span_is_refused()
    {
        var model = SyntheticModels.FollowsImbalance() with { TrainedUntil = Midnight };

        var error = await Assert.ThrowsAsync<InputException>(() =>
            BacktestRunner.RunAsync(Options(SharedData.NewTempDirectory("served-in-sample"), model)));

        Assert.Contains("own train data", error.Message);
    }
}

using Hrm.Signals.Evaluation.WalkForward;

namespace Hrm.Signals.Tests.Evaluation.WalkForward;

public sealed class WalkForwardPlanTests
{
    private const long Day = 86_400_000_000_000;

    [Theory]
    [InlineData("180d:30d", 180 * 24, 30 * 24)]
    [InlineData("12w:4w", 12 * 7 * 24, 4 * 7 * 24)]
    [InlineData("72h:24h", 72, 24)]
    [InlineData("1.5d:12h", 36, 12)]
    [InlineData("180m:90m", 3, 1.5)] // one duration parser (DurationText) for every command: minutes are minutes
    public void Specs_parse_to_hours(string spec, double trainHours, double testHours)
    {
        var (train, test) = WalkForwardPlan.ParseSpec(spec);

        Assert.Equal((trainHours, testHours), (train.TotalHours, test.TotalHours));
    }

    [Theory]
    [InlineData("180d")]
    [InlineData("180d:30")]
    [InlineData("0d:30d")]
    [InlineData("-5d:30d")]
    [InlineData("abc:30d")]
    [InlineData("180y:30d")]
    public void Bad_specs_say_what_is_expected(string spec)
    {
        var error = Assert.Throws<FormatException>(() => WalkForwardPlan.ParseSpec(spec));

        Assert.Contains("e.g.", error.Message);
    }

    [Fact]
    public void Test_windows_tile_after_the_first_train_window_and_the_last_is_cut_at_the_end()
    {
        // 100 days, train 30, test 20: tests start at 30, 50, 70, 90 (the last ends at 100, 10 days long)
        var folds = WalkForwardPlan.Folds(0, 100 * Day, TimeSpan.FromDays(30), TimeSpan.FromDays(20));

        Assert.Equal(
            [(0, 0L, 30 * Day, 50 * Day), (1, 20 * Day, 50 * Day, 70 * Day), (2, 40 * Day, 70 * Day, 90 * Day), (3, 60 * Day, 90 * Day, 100 * Day)],
            folds.Select(f => (f.Index, f.TrainFrom, f.TestFrom, f.TestTo)));
        Assert.All(folds, f => Assert.Equal(30 * Day, f.TestFrom - f.TrainFrom));
    }

    [Fact]
    public void A_range_shorter_than_the_train_window_has_no_fold()
    {
        Assert.Empty(WalkForwardPlan.Folds(0, 30 * Day, TimeSpan.FromDays(30), TimeSpan.FromDays(20)));
    }
}

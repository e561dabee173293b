using Hrm.Signals.Evaluation.Labels;
using Hrm.Signals.Evaluation.WalkForward;

namespace Hrm.Signals.Tests.Evaluation.Labels;

public sealed class ClimatologyTests
{
    private static ForwardLabel L(long t, long end, double r) => new(t, t + 1, end, r, double.NaN);

    [Fact]
    public void The_train_base_rate_counts_only_purged_train_labels()
    {
        // Train [0, 100), test [100, 150). Labels: up (ends 50), down (ends 90), up (ends 120: reaches the test
        // window → purged), up starting at 120 (a test decision → not train), unknown (ignored). Base rate 1/2.
        var fold = new WalkForwardFold(0, 0, 100, 150);
        ForwardLabel[] labels = [L(10, 50, 0.01), L(20, 90, -0.01), L(80, 120, 0.02), L(120, 140, 0.01), ForwardLabel.Unknown(30)];
        Assert.Equal(0.5, Climatology.TrainBaseRate(labels, fold), 12);
        Assert.True(double.IsNaN(Climatology.TrainBaseRate([], fold)));
    }

    [Fact]
    public void Prequential_base_rates_use_only_labels_that_ended_before_the_decision()
    {
        // decisions at 0, 10, 20, 30; horizons end at 15, 12, 40, 35. At 0 and 10 nothing has ended → NaN; at 20 the
        // labels ending at 12 (down) and 15 (up) are known → 1/2; at 30 the same two.
        ForwardLabel[] labels = [L(0, 15, 0.01), L(10, 12, -0.01), L(20, 40, 0.01), L(30, 35, 0.01)];
        var rates = Climatology.Prequential(labels);
        Assert.True(double.IsNaN(rates[0]));
        Assert.True(double.IsNaN(rates[1]));
        Assert.Equal(0.5, rates[2], 12);
        Assert.Equal(0.5, rates[3], 12);
    }
}

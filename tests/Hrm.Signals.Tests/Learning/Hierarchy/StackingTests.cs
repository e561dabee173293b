using Hrm.Signals.Learning.Hierarchy;

namespace Hrm.Signals.Tests.Learning.Hierarchy;

public sealed class StackingTests
{
    // Hand data: s1 is centred, s2 is centred and orthogonal to s1 (zero sample correlation, no noise).
    private static readonly double[] S1 = [-3, -1, 1, 3];
    private static readonly double[] S2 = [1, -1, -1, 1];

    private static double[][] Scores(double[] first, double[] second) => first.Select((v, i) => new[] { v, second[i] }).ToArray();

    [Fact]
    public void Labels_made_of_one_input_give_that_input_its_slope_and_the_other_none()
    {
        var labels = S1.Select(s => 2 * s).ToArray();

        var stack = Stacking.Fit(Scores(S1, S2), labels);

        Assert.Equal(2, stack.Weights[0], 1e-6);
        Assert.Equal(0, stack.Weights[1], 1e-6);
        Assert.Equal(0, stack.Intercept, 1e-6);
    }

    [Fact]
    public void An_input_least_squares_would_bet_against_gets_weight_zero_and_the_other_its_own_slope()
    {
        // s2' = s1 + s2 = (−2, −2, 0, 4) and y = 2·s1 − s2' = (−4, 0, 2, 2): unconstrained least squares gives (2, −1).
        // Constrained, s1 alone fits best: slope Σy·s1 / Σs1² = 20 / 20 = 1, intercept ȳ = 0, SSE 4 (s2' alone: SSE 13.3).
        var correlated = S1.Select((v, i) => v + S2[i]).ToArray();
        double[] labels = [-4, 0, 2, 2];

        var stack = Stacking.Fit(Scores(S1, correlated), labels);

        Assert.Equal(1, stack.Weights[0], 1e-6);
        Assert.Equal(0, stack.Weights[1]);
        Assert.Equal(0, stack.Intercept, 1e-6);
    }

    [Fact]
    public void The_intercept_is_free()
    {
        var labels = S1.Select(s => 1 + s).ToArray();

        var stack = Stacking.Fit(Scores(S1, S2), labels);

        Assert.Equal(1, stack.Intercept, 1e-6);
        Assert.Equal(1, stack.Weights[0], 1e-6);
        Assert.Equal(0, stack.Weights[1], 1e-6);
    }

    [Fact]
    public void Inputs_that_all_point_the_wrong_way_are_ignored_and_the_stack_predicts_the_mean_label()
    {
        // y = 3 − s1 − s2: every non-empty subset wants a negative weight; the fit is the label mean, 3.
        var labels = S1.Select((v, i) => 3 - v - S2[i]).ToArray();

        var stack = Stacking.Fit(Scores(S1, S2), labels);

        Assert.Equal([0.0, 0.0], stack.Weights);
        Assert.Equal(3, stack.Intercept, 1e-12);
        Assert.Equal(3, stack.Combine([10, -10]), 1e-12);
    }

    [Fact]
    public void More_than_eight_inputs_are_refused()
    {
        double[][] scores = [new double[Stacking.MaxInputs + 1]];

        Assert.Throws<ArgumentException>(() => Stacking.Fit(scores, [0.0]));
    }
}

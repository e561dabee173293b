using Hrm.Signals.Learning.Hierarchy;

namespace Hrm.Signals.Tests.Learning.Hierarchy;

public sealed class PlattScalingTests
{
    [Fact]
    public void The_identity_calibration_always_says_one_half()
    {
        Assert.Equal(0.5, PlattScaling.Identity.Probability(-3));
        Assert.Equal(0.5, PlattScaling.Identity.Probability(0));
        Assert.Equal(0.5, PlattScaling.Identity.Probability(7));
    }

    [Fact]
    public void A_calibration_is_the_logistic_of_a_plus_b_times_the_score()
    {
        // σ(0.5 + 2·0.25) = σ(1) = 1 / (1 + e⁻¹) = 0.7310586.
        Assert.Equal(0.7310586, new PlattScaling(0.5, 2).Probability(0.25), 1e-7);
    }

    [Fact]
    public void A_perfectly_separable_sample_has_no_finite_fit_and_returns_the_identity()
    {
        double[] scores = [-5, -4, -3, -2, -1, 1, 2, 3, 4, 5];
        bool[] rose = [false, false, false, false, false, true, true, true, true, true];

        Assert.Equal(PlattScaling.Identity, PlattScaling.Fit(scores, rose));
    }

    [Fact]
    public void Too_few_or_one_sided_outcomes_return_the_identity()
    {
        Assert.Equal(PlattScaling.Identity, PlattScaling.Fit([-1, 1, 0.5], [false, true, true]));
        var scores = Enumerable.Range(0, 20).Select(i => i / 10.0 - 1).ToArray();
        Assert.Equal(PlattScaling.Identity, PlattScaling.Fit(scores, scores.Select(_ => true).ToArray()));
    }

    [Fact]
    public void The_fit_recovers_the_coefficients_of_a_synthetic_logistic_sample()
    {
        // Synthetic: 20 000 standard-normal scores, each rising with probability σ(0.5 + 2·score).
        var random = new Random(1);
        var scores = new double[20_000];
        var rose = new bool[scores.Length];
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            rose[i] = random.NextDouble() < 1 / (1 + Math.Exp(-(0.5 + (2 * scores[i]))));
        }

        var fit = PlattScaling.Fit(scores, rose);

        Assert.Equal(0.5, fit.A, 0.1);
        Assert.Equal(2, fit.B, 0.1);
    }
}

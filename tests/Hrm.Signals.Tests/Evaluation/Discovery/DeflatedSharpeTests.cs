using Hrm.Signals.Evaluation.Discovery;

namespace Hrm.Signals.Tests.Evaluation.Discovery;

public sealed class DeflatedSharpeTests
{
    // Bailey & López de Prado (2014), "The Deflated Sharpe Ratio", worked example: N = 100 trials whose annualised
    // Sharpe ratios vary with V = 0.5, T = 1250 daily returns (250 a year), skewness −3, kurtosis 10, observed SR 2.5 a
    // year. Per observation: SR = 2.5/√250, V = 0.5/250. Published: SR₀ ≈ 0.1132 per day, DSR ≈ 0.9004.
    private const int Trials = 100;
    private const int Observations = 1250;
    private const double Skewness = -3;
    private const double Kurtosis = 10;
    private static readonly double DailySharpe = 2.5 / Math.Sqrt(250);
    private static readonly double DailyVariance = 0.5 / 250;

    [Fact]
    public void The_expected_maximum_sharpe_of_the_published_example_is_0_1132_per_observation()
    {
        Assert.Equal(0.1132, DeflatedSharpe.ExpectedMaxSharpe(Trials, DailyVariance), 5e-4);
    }

    [Fact]
    public void The_deflated_sharpe_ratio_of_the_published_example_is_0_9004()
    {
        var dsr = DeflatedSharpe.Compute(DailySharpe, Observations, Skewness, Kurtosis, Trials, DailyVariance);

        Assert.Equal(0.9004, dsr, 1e-3);
    }

    [Fact]
    public void The_probabilistic_sharpe_of_normal_returns_is_phi_of_the_sharpe_times_root_t_minus_one()
    {
        // SR 0.1, T 101, skew 0, kurtosis 3: z = 0.1·√100 / √(1 + 0.5·0.01) = 0.99751, Φ(z) = 0.84074.
        Assert.Equal(0.84074, DeflatedSharpe.Probabilistic(0.1, 0, 101, 0, 3), 1e-4);
    }

    [Fact]
    public void One_trial_has_no_selection_bias_so_the_deflated_ratio_is_the_probabilistic_ratio_against_zero()
    {
        Assert.Equal(0, DeflatedSharpe.ExpectedMaxSharpe(1, DailyVariance));

        var dsr = DeflatedSharpe.Compute(DailySharpe, Observations, Skewness, Kurtosis, 1, DailyVariance);

        Assert.Equal(DeflatedSharpe.Probabilistic(DailySharpe, 0, Observations, Skewness, Kurtosis), dsr);
    }

    [Fact]
    public void Fewer_than_two_observations_give_nan()
    {
        Assert.True(double.IsNaN(DeflatedSharpe.Probabilistic(0.1, 0, 1, 0, 3)));
        Assert.True(double.IsNaN(DeflatedSharpe.Compute(0.1, 1, 0, 3, Trials, DailyVariance)));
        Assert.True(double.IsNaN(DeflatedSharpe.Compute(0.1, 0, 0, 3, Trials, DailyVariance)));
    }

    [Fact]
    public void More_trials_deflate_the_same_sharpe_ratio_further()
    {
        int[] trials = [1, 2, 10, 100, 1_000, 10_000];

        var dsr = trials.Select(n => DeflatedSharpe.Compute(DailySharpe, Observations, Skewness, Kurtosis, n, DailyVariance)).ToArray();

        for (var i = 1; i < dsr.Length; i++)
        {
            Assert.True(dsr[i] < dsr[i - 1], $"DSR at {trials[i]} trials ({dsr[i]}) is not below {trials[i - 1]} trials ({dsr[i - 1]})");
        }
    }
}

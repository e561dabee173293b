using Hrm.Signals.Macro.Regimes;

namespace Hrm.Signals.Tests.Reference;

/// <summary>Hand-computed filter and smoother steps, and the parameter plumbing.</summary>
public sealed class MarkovSwitchingUnitTests
{
    // p00 = 0.9, p10 = Pr(1→0) = 0.2; μ = (0, 2); σ = 1 (shared)
    private static MarkovSwitchingParameters TwoState() => MarkovSwitchingParameters.TwoState(0.9, 0.2, [0.0, 2.0], [1.0]);

    private static double Phi(double z) => Math.Exp(-0.5 * z * z) / Math.Sqrt(2 * Math.PI);

    [Fact]
    public void Two_state_filter_and_smoother_match_the_hand_computation()
    {
        var spec = new MarkovSwitchingSpec(2);
        var result = MarkovSwitching.Filter([1.0, 2.0], spec, TwoState());

        // ergodic: π0 = p10/(1 − p00 + p10) = 0.2/0.3 = 2/3
        // t = 0, y = 1: f(1|0) = φ(1) = f(1|1) = φ(−1) = 0.2419707 → filtered = prior = (2/3, 1/3), log f = ln φ(1) = −1.4189385
        Assert.Equal(2.0 / 3, result.Filtered[0][0], 12);
        // t = 1: prior = P·(2/3, 1/3) = (0.9·2/3 + 0.2/3, 0.1·2/3 + 0.8/3) = (2/3, 1/3) (stationary)
        Assert.Equal(2.0 / 3, result.Predicted[1][0], 12);
        // y = 2: f(2|0) = φ(2) = 0.0539910, f(2|1) = φ(0) = 0.3989423
        // joint = (2/3·0.0539910, 1/3·0.3989423) = (0.0359940, 0.1329808); f(y) = 0.1689747
        // filtered = (0.213014, 0.786986)
        var f0 = 2.0 / 3 * Phi(2);
        var f1 = 1.0 / 3 * Phi(0);
        Assert.Equal(f0 / (f0 + f1), result.Filtered[1][0], 12);
        Assert.Equal(0.213014, result.Filtered[1][0], 6);
        Assert.Equal(Math.Log(Phi(1)) + Math.Log(f0 + f1), result.LogLikelihood, 12);
        // log L = −1.4189385 + ln 0.1689747 = −1.4189385 − 1.7780060 = −3.1969446
        Assert.Equal(-3.1969446, result.LogLikelihood, 6);
        // Kim: sm_0(j) = filt_0(j)·Σ_s' P[s'][j]·sm_1(s')/pred_1(s')
        // j = 0: 2/3·(0.9·0.213014/(2/3) + 0.1·0.786986/(1/3)) = 2/3·(0.287569 + 0.236096) = 0.349110
        // j = 1: 1/3·(0.2·0.319521 + 0.8·2.360958) = 0.650890
        var s1 = result.Filtered[1];
        var expected = 2.0 / 3 * (0.9 * s1[0] / (2.0 / 3) + 0.1 * s1[1] / (1.0 / 3));
        Assert.Equal(expected, result.Smoothed![0][0], 12);
        Assert.Equal(0.349110, result.Smoothed![0][0], 6);
        Assert.Equal(1.0, result.Smoothed![0][0] + result.Smoothed![0][1], 12);
        Assert.Equal(s1[0], result.Smoothed![1][0], 15);
    }

    [Fact]
    public void One_step_update_equals_the_filter()
    {
        var parameters = TwoState();
        var probabilities = new[] { 2.0 / 3, 1.0 / 3 };
        var logF = MarkovSwitching.Step(2.0, parameters, probabilities);

        Assert.Equal(0.213014, probabilities[0], 6);
        Assert.Equal(Math.Log(0.1689747), logF, 6);
    }

    [Fact]
    public void Switching_variance_changes_only_the_density_of_each_state()
    {
        // σ = (1, 2), μ = (0, 0): y = 0 at the ergodic prior (2/3, 1/3): φ(0)/1 vs φ(0)/2 → filtered0 = (2/3)/(2/3 + 1/6) = 0.8
        var parameters = MarkovSwitchingParameters.TwoState(0.9, 0.2, [0.0, 0.0], [1.0, 2.0]);
        var result = MarkovSwitching.Filter([0.0], new MarkovSwitchingSpec(2, SwitchingVariance: true), parameters);

        Assert.Equal(0.8, result.Filtered[0][0], 12);
    }

    [Fact]
    public void Vector_round_trip_and_relabelling_keep_the_likelihood()
    {
        var spec = new MarkovSwitchingSpec(2, Order: 1, SwitchingAr: true, SwitchingVariance: true);
        var parameters = MarkovSwitchingParameters.TwoState(0.8, 0.3, [-0.5, 1.0], [0.7, 1.3], [0.2], [-0.4]);
        double[] y = [0.1, 1.2, -0.3, 0.8, 2.1, -1.0, 0.4, 0.9];

        var back = MarkovSwitchingParameters.FromVector(spec, parameters.ToVector(spec));
        Assert.Equal(0.8, back.Transition[0][0], 12);
        Assert.Equal(0.7, back.Transition[1][1], 12);
        Assert.Equal(-0.4, back.Ar[1][0], 12);
        Assert.Equal(1.3, back.Sigmas[1], 12);

        var ll = MarkovSwitching.LogLikelihood(y, spec, parameters);
        Assert.Equal(ll, MarkovSwitching.LogLikelihood(y, spec, back), 12);
        Assert.Equal(ll, MarkovSwitching.LogLikelihood(y, spec, parameters.Permute([1, 0])), 12);
        // row = FROM-state view is the transpose
        Assert.Equal(0.3, parameters.TransitionFromTo()[1][0], 12);
    }

    [Fact]
    public void Three_state_ergodic_distribution_solves_pi_equals_p_pi()
    {
        var p = new MarkovSwitchingParameters
        {
            Transition = [[0.8, 0.1, 0.2], [0.1, 0.7, 0.3], [0.1, 0.2, 0.5]],
            Means = [0, 1, 2],
            Ar = [[], [], []],
            Sigmas = [1, 1, 1],
        };

        var pi = p.Ergodic();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(pi[i], p.Transition[i][0] * pi[0] + p.Transition[i][1] * pi[1] + p.Transition[i][2] * pi[2], 12);
        }

        Assert.Equal(1, pi.Sum(), 12);
    }
}

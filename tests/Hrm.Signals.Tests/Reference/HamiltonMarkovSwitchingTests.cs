using System.Diagnostics;
using Hrm.Signals.Macro.Regimes;
using Xunit.Abstractions;

namespace Hrm.Signals.Tests.Reference;

/// <summary>
/// Hamilton (1989) MS-AR(4) of US real GNP growth and the variants listed in
/// reference/01_hamilton1989_msar4_gnp/EXPECTED.md (E-Views and Stata 14 published values).
/// </summary>
public sealed class HamiltonMarkovSwitchingTests(ITestOutputHelper output)
{
    private const string Case = "01_hamilton1989_msar4_gnp";

    private static readonly double[] Rgnp = ReferenceCsv.Column(Case, "data_rgnp.csv", "rgnp");

    /// <summary>E-Views estimates: p00, p10, μ0, μ1, σ = exp(−0.262658), φ1..φ4 (shared).</summary>
    private static MarkovSwitchingParameters HamiltonPublished() => MarkovSwitchingParameters.TwoState(
        0.754673,
        0.095915,
        [-0.358811, 1.163516],
        [Math.Exp(-0.262658)],
        [0.013486, -0.057521, -0.246983, -0.212923]);

    private static readonly MarkovSwitchingSpec Ar4 = new(States: 2, Order: 4);

    [Fact]
    public void Data_has_the_135_published_observations()
    {
        Assert.Equal(135, Rgnp.Length);
        Assert.Equal(2.59316421, Rgnp[0]);
    }

    [Fact]
    public void Ar4_at_published_parameters_reproduces_loglik_and_every_filtered_and_smoothed_probability()
    {
        var result = MarkovSwitching.Filter(Rgnp, Ar4, HamiltonPublished());

        Assert.Equal(-181.26339, result.LogLikelihood, 1e-5);
        var expected = ReferenceCsv.Read(Case, "expected_msar4_hamilton_eviews.csv");
        Assert.Equal(131, expected.Count);
        Assert.Equal(131, result.Filtered.Length);
        var maxError = 0.0;
        foreach (var row in expected)
        {
            var r = (int)ReferenceCsv.Number(row["t"]) - result.FirstIndex;
            maxError = Math.Max(maxError, Math.Abs(result.Filtered[r][1] - ReferenceCsv.Number(row["filtered_p_regime1"])));
            maxError = Math.Max(maxError, Math.Abs(result.Smoothed![r][1] - ReferenceCsv.Number(row["smoothed_p_regime1"])));
        }

        output.WriteLine($"loglik {result.LogLikelihood:R}; max |Δp| over 262 probabilities {maxError:E3}");
        Assert.True(maxError < 1e-5, $"max abs error {maxError}");
        // the last smoothed probability is the last filtered one
        Assert.Equal(result.Filtered[^1][1], result.Smoothed![^1][1], 15);
    }

    [Fact]
    public void Ar4_ergodic_prior_and_durations_match_the_derived_values()
    {
        var p = HamiltonPublished();
        // π0 = p10 / (1 − p00 + p10) = 0.095915 / 0.341242 = 0.28108
        Assert.Equal(0.28108, p.Ergodic()[0], 5);
        var prior = MarkovSwitching.InitialTuplePrior(Ar4, p);
        Assert.Equal(32, prior.Length);
        Assert.Equal(1.0, prior.Sum(), 12);
        // all five in recession: π0 · p00^4
        Assert.Equal(0.28108 * Math.Pow(0.754673, 4), prior[0], 5);
    }

    [Fact]
    public void Fit_from_own_starting_values_reaches_the_published_maximum()
    {
        var clock = Stopwatch.StartNew();
        var fit = MarkovSwitchingFitter.Fit(Rgnp, Ar4);
        clock.Stop();
        var p = fit.Parameters;
        output.WriteLine($"loglik {fit.LogLikelihood:R} in {clock.Elapsed.TotalSeconds:F2} s, {fit.StartsTried} starts, best {fit.Iterations} iterations, converged {fit.Converged}");
        output.WriteLine($"p00 {p.Transition[0][0]:F6} p10 {p.Transition[0][1]:F6} mu {p.Means[0]:F6} {p.Means[1]:F6} sigma {p.Sigmas[0]:F6} phi {string.Join(' ', p.Ar[0].Select(v => v.ToString("F6")))}");

        Assert.Equal(-181.26339, fit.LogLikelihood, 1e-4);
        Assert.Equal(0.754673, p.Transition[0][0], 2e-3);
        Assert.Equal(0.095915, p.Transition[0][1], 2e-3);
        Assert.Equal(-0.358811, p.Means[0], 5e-3);
        Assert.Equal(1.163516, p.Means[1], 5e-3);
        Assert.Equal(Math.Exp(-0.262658), p.Sigmas[0], 2e-3);
        double[] phi = [0.013486, -0.057521, -0.246983, -0.212923];
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(phi[i], p.Ar[0][i], 5e-3);
            Assert.Equal(p.Ar[0][i], p.Ar[1][i]);
        }
    }

    [Fact]
    public void Stata_ar2_with_switching_ar_at_published_parameters_reproduces_loglik_and_probabilities()
    {
        var spec = new MarkovSwitchingSpec(States: 2, Order: 2, SwitchingAr: true);
        var parameters = MarkovSwitchingParameters.TwoState(
            .3812383,
            .3564492,
            [-.0055216, 1.195482],
            [.6677098],
            [.3710719, .7002937],
            [.4621503, -.3206652]);

        var result = MarkovSwitching.Filter(Rgnp, spec, parameters);

        Assert.Equal(-179.32354, result.LogLikelihood, 1e-5);
        var expected = ReferenceCsv.Read(Case, "expected_msar2_switch_stata.csv");
        Assert.Equal(133, expected.Count);
        var maxError = 0.0;
        foreach (var row in expected)
        {
            var r = (int)ReferenceCsv.Number(row["t"]) - result.FirstIndex;
            for (var s = 0; s < 2; s++)
            {
                maxError = Math.Max(maxError, Math.Abs(result.Predicted[r][s] - ReferenceCsv.Number(row[$"predicted_p_regime{s}"])));
                maxError = Math.Max(maxError, Math.Abs(result.Filtered[r][s] - ReferenceCsv.Number(row[$"filtered_p_regime{s}"])));
                maxError = Math.Max(maxError, Math.Abs(result.Smoothed![r][s] - ReferenceCsv.Number(row[$"smoothed_p_regime{s}"])));
            }
        }

        output.WriteLine($"loglik {result.LogLikelihood:R}; max |Δp| {maxError:E3}");
        Assert.True(maxError < 1e-5, $"max abs error {maxError}");
    }

    [Fact]
    public void Eviews_ar1_with_switching_ar_at_published_parameters_reproduces_loglik_and_probabilities()
    {
        var spec = new MarkovSwitchingSpec(States: 2, Order: 1, SwitchingAr: true);
        var parameters = MarkovSwitchingParameters.TwoState(
            0.85472458,
            0.53662099,
            [1.041419, -0.479157],
            [Math.Exp(-0.231404)],
            [0.243128],
            [0.713029]);

        var result = MarkovSwitching.Filter(Rgnp, spec, parameters);

        Assert.Equal(-186.7575, result.LogLikelihood, 1e-4);
        var expected = ReferenceCsv.Read(Case, "expected_msar1_switch_eviews.csv");
        Assert.Equal(134, expected.Count);
        var maxError = 0.0;
        foreach (var row in expected)
        {
            var r = (int)ReferenceCsv.Number(row["t"]) - result.FirstIndex;
            maxError = Math.Max(maxError, Math.Abs(result.Filtered[r][0] - ReferenceCsv.Number(row["filtered_p_regime0"])));
            maxError = Math.Max(maxError, Math.Abs(result.Smoothed![r][0] - ReferenceCsv.Number(row["smoothed_p_regime0"])));
        }

        output.WriteLine($"loglik {result.LogLikelihood:R}; max |Δp| {maxError:E3}");
        Assert.True(maxError < 1e-5, $"max abs error {maxError}");
    }

    [Fact]
    public void Ar2_on_the_last_ten_observations_reproduces_every_joint_probability()
    {
        var spec = new MarkovSwitchingSpec(States: 2, Order: 2);
        var published = HamiltonPublished();
        var parameters = MarkovSwitchingParameters.TwoState(0.754673, 0.095915, published.Means, published.Sigmas, [0.013486, -0.057521]);

        var result = MarkovSwitching.Filter(Rgnp.AsSpan(125), spec, parameters);

        Assert.Equal(-10.14066, result.LogLikelihood, 1e-5);
        var expected = ReferenceCsv.Read(Case, "expected_msar2_short_last10_joint.csv");
        Assert.Equal(64, expected.Count);
        var maxError = 0.0;
        foreach (var row in expected)
        {
            var r = (int)ReferenceCsv.Number(row["t_full_sample"]) - 125 - result.FirstIndex;
            // tuple index = S_t + 2·S_{t−1} + 4·S_{t−2}
            var idx = int.Parse(row["s_t"]) + 2 * int.Parse(row["s_t_minus_1"]) + 4 * int.Parse(row["s_t_minus_2"]);
            maxError = Math.Max(maxError, Math.Abs(result.FilteredJoint[r][idx] - ReferenceCsv.Number(row["filtered_joint"])));
            maxError = Math.Max(maxError, Math.Abs(result.SmoothedJoint![r][idx] - ReferenceCsv.Number(row["smoothed_joint"])));
            maxError = Math.Max(maxError, Math.Abs(result.PredictedJoint[r][idx] - ReferenceCsv.Number(row["predicted_joint"])));
        }

        output.WriteLine($"loglik {result.LogLikelihood:R}; max |Δp| {maxError:E3}");
        Assert.True(maxError < 1e-7, $"max abs error {maxError}");
    }
}

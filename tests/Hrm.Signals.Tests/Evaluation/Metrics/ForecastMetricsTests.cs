using Hrm.Signals.Evaluation.Labels;
using Hrm.Signals.Evaluation.Metrics;

namespace Hrm.Signals.Tests.Evaluation.Metrics;

public sealed class ForecastMetricsTests
{
    private const long H = 3_600_000_000_000;
    private static readonly Horizon Hour = new("1h", 3600);

    private static ForecastPoint P(long t, double score, double r, double pUp = double.NaN, double baseRate = double.NaN, double sigma = 0.01) =>
        new(t, score, pUp, baseRate, new ForwardLabel(t, t + H, t + 2 * H, r, sigma));

    [Fact]
    public void Hac_error_of_independent_points_is_the_plain_standard_error_of_the_mean()
    {
        // Points 3h apart with a 1h bandwidth share no weight: Var = Σ(u − ū)²/n². u = 1, 2, 3, 6: ū = 3,
        // Σ(u − ū)² = 4 + 1 + 0 + 9 = 14 → √14 / 4.
        Assert.Equal(Math.Sqrt(14) / 4, HacStandardError.OfMean([1, 2, 3, 6], [0, 3 * H, 6 * H, 9 * H], H)!.Value, 12);
    }

    [Fact]
    public void Hac_error_weighs_close_points_by_the_bartlett_kernel()
    {
        // Two points half a bandwidth apart (weight 1/2) and one far away. u = 1, 3, 2 → ū = 2, deviations −1, 1, 0:
        // Σ_i Σ_j k u_i u_j = 1 + 1 + 0 + 2·(1/2)(−1)(1) = 1 → Var = 1/9 → 1/3. Same-time points (k = 1) add fully.
        Assert.Equal(1.0 / 3, HacStandardError.OfMean([1, 3, 2], [0, H / 2, 10 * H], H)!.Value, 12);
        // deviations −1, 1 at the same time cancel: Σ = 1 + 1 − 2 = 0
        Assert.Equal(0, HacStandardError.OfMean([1, 3], [5, 5], H)!.Value, 12);
        Assert.Null(HacStandardError.OfMean([1], [0], H));
    }

    [Fact]
    public void Hac_error_equals_the_double_sum_on_irregular_pooled_times()
    {
        // The sliding-window form against the definition, on random irregular times with ties (two symbols at once).
        var rng = new Random(11);
        var times = new List<long>();
        var t = 0L;
        for (var i = 0; i < 400; i++)
        {
            t += rng.Next(0, 3) * H / 2;
            times.Add(t);
        }

        var values = times.Select(_ => rng.NextDouble() * 2 - 1).ToArray();
        var mean = values.Average();
        var brute = 0.0;
        for (var i = 0; i < values.Length; i++)
        {
            for (var j = 0; j < values.Length; j++)
            {
                brute += Math.Max(0, 1 - Math.Abs(times[i] - times[j]) / (double)(5 * H)) * (values[i] - mean) * (values[j] - mean);
            }
        }

        Assert.Equal(Math.Sqrt(brute) / values.Length, HacStandardError.OfMean(values, times, 5 * H)!.Value, 12);
    }

    [Fact]
    public void Rank_ic_is_the_mean_of_standardised_rank_products()
    {
        // Scores 0.3, −0.2, 0.1, 0.5 → ranks 3, 1, 2, 4; labels 0.02, −0.01, −0.03, 0.04 → ranks 3, 2, 1, 4.
        // No ties: Spearman = 1 − 6·2/(4·15) = 0.8, the same as the mean of z_x·z_y.
        var (ic, se) = ForecastMetrics.RankIc([0.3, -0.2, 0.1, 0.5], [0.02, -0.01, -0.03, 0.04], [0, 3 * H, 6 * H, 9 * H], H);
        Assert.Equal(0.8, ic!.Value, 12);
        // z = (rank − 2.5)/√1.25; products: (0.5·0.5, −1.5·−0.5, −0.5·−1.5, 1.5·1.5)/1.25 = 0.2, 0.6, 0.6, 1.8;
        // mean 0.8, Σ(u − ū)² = 0.36 + 0.04 + 0.04 + 1 = 1.44 → se = √1.44/4 = 0.3
        Assert.Equal(0.3, se!.Value, 12);
    }

    [Fact]
    public void Only_decisions_with_a_view_and_a_known_label_count_toward_the_ic()
    {
        ForecastPoint[] points =
        [
            P(0, 0.3, 0.02), P(3 * H, -0.2, -0.01), P(6 * H, 0.1, -0.03), P(9 * H, 0.5, 0.04),
            P(12 * H, 0, 0.05), // no view
            new(15 * H, 0.4, double.NaN, double.NaN, ForwardLabel.Unknown(15 * H)), // label past the data
        ];
        var m = ForecastMetrics.Compute(Hour, points);
        Assert.Equal(5, m.Decisions);
        Assert.Equal(4, m.Points);
        Assert.Equal(0.8, m.Coverage!.Value, 12);
        Assert.Equal(0.8, m.InformationCoefficient!.Value, 12);
        Assert.Equal(0.8 / 0.3, m.IcT!.Value, 9);
        // signs right at 0, 3h, 9h; wrong at 6h → 3/4; signed returns 0.02 + 0.01 − 0.03 + 0.04 = 0.04 → 100 bps / 4
        Assert.Equal(0.75, m.HitRate!.Value, 12);
        Assert.Equal(100, m.MeanSignedReturnBps!.Value, 9);
        Assert.Equal(0, m.BrierN);
        Assert.Null(m.BrierScore);
    }

    [Fact]
    public void Brier_is_judged_on_the_rise_it_forecasts_against_each_points_climatology()
    {
        // p_up 0.8, 0.6, 0.3, 0.9 on rises 1, 0, 0, 1: (0.04 + 0.36 + 0.09 + 0.01)/4 = 0.125; climatology 0.4:
        // (0.36 + 0.16 + 0.16 + 0.36)/4 = 0.26; skill = 1 − 0.125/0.26.
        ForecastPoint[] points =
        [
            P(0, 0.6, 0.01, 0.8, 0.4), P(H, 0.2, -0.01, 0.6, 0.4), P(2 * H, -0.4, -0.01, 0.3, 0.4), P(3 * H, 0.8, 0.02, 0.9, 0.4),
            P(4 * H, 0.5, 0.01, 0.75), // no base rate known → not in the Brier sample
        ];
        var m = ForecastMetrics.Compute(Hour, points);
        Assert.Equal(4, m.BrierN);
        Assert.Equal(0.125, m.BrierScore!.Value, 12);
        Assert.Equal(0.26, m.BrierClimatology!.Value, 12);
        Assert.Equal(1 - 0.125 / 0.26, m.BrierSkill!.Value, 12);
        Assert.Equal(0.4, m.BaseRate!.Value, 12);
        Assert.Equal(10, m.Reliability.Count);
    }

    [Fact]
    public void Calibration_slope_recovers_a_forecaster_that_is_twice_too_confident()
    {
        // Outcomes drawn with the true probability q, forecasts p with logit(p) = 2·logit(q): the recalibration
        // o ~ a + b·logit(p) must find b ≈ 1/2, a ≈ 0 (a synthetic sample, deterministic seed).
        var rng = new Random(7);
        var calls = new List<ProbabilityOutcome>();
        for (var i = 0; i < 20_000; i++)
        {
            var q = 0.2 + 0.6 * rng.NextDouble();
            var logit = 2 * Math.Log(q / (1 - q));
            calls.Add(new ProbabilityOutcome(1 / (1 + Math.Exp(-logit)), rng.NextDouble() < q));
        }

        var line = CalibrationFit.Fit(calls)!;
        Assert.Equal(0.5, line.Slope, 1);
        Assert.Equal(0, line.Intercept, 1);
        Assert.Equal(20_000, line.N);
    }

    [Fact]
    public void Calibration_is_undefined_for_constant_forecasts_or_one_sided_outcomes()
    {
        Assert.Null(CalibrationFit.Fit(Enumerable.Range(0, 20).Select(i => new ProbabilityOutcome(0.6, i % 2 == 0)).ToArray()));
        Assert.Null(CalibrationFit.Fit(Enumerable.Range(0, 20).Select(i => new ProbabilityOutcome(0.5 + i / 100.0, true)).ToArray()));
        Assert.Null(CalibrationFit.Fit([new(0.6, true), new(0.4, false)]));
    }

    [Fact]
    public void Held_forecasts_last_their_holding_period_then_say_nothing()
    {
        // Stated at 1h for 2h (score 0.5), at 5h until further notice (−0.3). Grid 0h..6h.
        StatedForecast[] stated = [new(H, 0.5, 0.75, 7200), new(5 * H, -0.3, double.NaN, 0)];
        var held = HeldForecasts.At(stated, [0, H, 2 * H, 3 * H, 4 * H, 5 * H, 6 * H]);
        Assert.Equal([0, 0.5, 0.5, 0, 0, -0.3, -0.3], held.Select(h => h.Score));
        Assert.Equal(0.75, held[2].ProbabilityUp);
        Assert.True(double.IsNaN(held[3].ProbabilityUp));
    }
}

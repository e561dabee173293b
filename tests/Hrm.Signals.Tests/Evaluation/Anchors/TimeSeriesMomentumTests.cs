using Hrm.Signals.Evaluation.Anchors;

namespace Hrm.Signals.Tests.Evaluation.Anchors;

/// <summary>The two momentum specifications on hand-made return series; the arithmetic is in the comments.</summary>
public sealed class TimeSeriesMomentumTests
{
    private const long W = WeeklyReturns.NanosPerWeek;
    private const long Anchor = WeeklyReturns.MondayAnchor;

    private static PeriodReturn[] Weeks(params double?[] returns) =>
        returns.Select((r, i) => new PeriodReturn(Anchor + i * W, Anchor + (i + 1) * W, r)).ToArray();

    [Fact]
    public void Liu_tsyvinski_single_target_regresses_next_period_on_current()
    {
        // r = 0.1, −0.1, 0.2, 0.0, 0.1. h = 1 pairs x = (0.1, −0.1, 0.2, 0.0) with y = (−0.1, 0.2, 0.0, 0.1):
        // x̄ = ȳ = 0.05, Sxy = −0.0075 − 0.0225 − 0.0075 − 0.0025 = −0.04, Sxx = 0.05 → β = −0.8.
        // One-sd effect = β × sd(x) = −0.8 × √(0.05/3).
        var rows = TimeSeriesMomentum.LiuTsyvinski(Weeks(0.1, -0.1, 0.2, 0.0, 0.1), [1], FutureReturn.Single, ReturnKind.Simple);

        var r = Assert.Single(rows);
        Assert.Equal(4, r.N);
        Assert.Equal(-0.8, r.Beta!.Value, 12);
        Assert.Equal(-0.8 * Math.Sqrt(0.05 / 3), r.OneSdEffect!.Value, 12);
    }

    [Fact]
    public void Liu_tsyvinski_cumulative_target_compounds_the_next_h_periods()
    {
        // h = 2: y_t = (1 + r_{t+1})(1 + r_{t+2}) − 1 → 0.9·1.2 − 1 = 0.08, 1.2·1.0 − 1 = 0.2, 1.0·1.1 − 1 = 0.1 on
        // x = 0.1, −0.1, 0.2. x̄ = 1/15, ȳ = 0.38/3; Sxy = −0.052/3, Sxx = 0.14/3 → β = −0.052/0.14 = −13/35.
        // Lag = max(⌊4 (3/100)^(2/9)⌋ = 1, h − 1 = 1) = 1.
        var r = TimeSeriesMomentum.LiuTsyvinski(Weeks(0.1, -0.1, 0.2, 0.0, 0.1), [2], FutureReturn.Cumulative, ReturnKind.Simple)[0];

        Assert.Equal(3, r.N);
        Assert.Equal(-13.0 / 35, r.Beta!.Value, 12);
        Assert.Equal(1, r.Lag);

        // h = 3 leaves two rows, an exact fit: β is defined, its t is not; the lag is at least h − 1 = 2.
        var exact = TimeSeriesMomentum.LiuTsyvinski(Weeks(0.1, -0.1, 0.2, 0.0, 0.1), [3], FutureReturn.Cumulative, ReturnKind.Simple)[0];
        Assert.Equal(2, exact.N);
        Assert.Equal(2, exact.Lag);
        Assert.Null(exact.TStat);
    }

    [Fact]
    public void A_missing_week_drops_every_row_that_needs_it()
    {
        // r = 0.1, null, 0.2, 0.0, 0.1: h = 1 keeps the pairs (0.2 → 0.0) and (0.0 → 0.1) only.
        var r = TimeSeriesMomentum.LiuTsyvinski(Weeks(0.1, null, 0.2, 0.0, 0.1), [1], FutureReturn.Single, ReturnKind.Simple)[0];
        Assert.Equal(2, r.N);
        Assert.Equal(-0.5, r.Beta!.Value, 12); // slope through (0.2, 0.0) and (0.0, 0.1): (0.1 − 0)/(0 − 0.2)
    }

    [Fact]
    public void Pooling_a_duplicate_coin_keeps_the_driscoll_kraay_t()
    {
        // Two identical coins: every week's score doubles and X′X doubles, so V = (2A)⁻¹ (4S) (2A)⁻¹ = A⁻¹ S A⁻¹ and
        // the t equals the single-coin Newey–West t (a naive pooled OLS t would grow by √2).
        var coin = Weeks(0.1, -0.1, 0.2, 0.0, 0.1, 0.05, -0.02, 0.03);
        var single = TimeSeriesMomentum.LiuTsyvinski(coin, [1], FutureReturn.Single, ReturnKind.Simple, lag: 1)[0];
        var pooled = TimeSeriesMomentum.LiuTsyvinskiPooled([coin, coin], [1], FutureReturn.Single, ReturnKind.Simple, lag: 1)[0];

        Assert.Equal(2 * single.N, pooled.N);
        Assert.Equal(single.Beta!.Value, pooled.Beta!.Value, 12);
        Assert.Equal(single.TStat!.Value, pooled.TStat!.Value, 10);
    }

    [Fact]
    public void Ex_ante_volatility_is_the_normalised_ewma_about_the_ew_mean()
    {
        // Centre of mass 1 → δ = ½; annualisation 1 to keep the numbers small; from the first observation.
        // After 0.01: weights (1): mean 0.01, variance 0.
        // After −0.01: weights (⅔, ⅓) on (−0.01, 0.01): mean −1/300, variance ⅔(−0.02/3)² + ⅓(0.04/3)² = 8/90000.
        // After 0.02: S0 = 1.75, S1 = 0.0175, S2 = 0.000475: mean 0.01, variance 0.000475/1.75 − 0.0001 = 0.0012/7.
        // A missing day updates nothing.
        var days = Weeks(0.01, -0.01, null, 0.02);
        var sigma = TimeSeriesMomentum.ExAnteVolatility(days, centerOfMass: 1, periodsPerYear: 1, minObservations: 1);

        Assert.Equal(0, sigma[0].Sigma!.Value, 12);
        Assert.Equal(Math.Sqrt(8.0 / 90000), sigma[1].Sigma!.Value, 12);
        Assert.Equal(sigma[1].Sigma, sigma[2].Sigma);
        Assert.Equal(Math.Sqrt(0.0012 / 7), sigma[3].Sigma!.Value, 12);
        Assert.Equal(days[3].End, sigma[3].At);

        // Annualised by A: σ scales by √A. Before minObservations returns, σ is null.
        var annual = TimeSeriesMomentum.ExAnteVolatility(days, centerOfMass: 1, periodsPerYear: 365, minObservations: 3);
        Assert.Null(annual[1].Sigma);
        Assert.Null(annual[2].Sigma);
        Assert.Equal(Math.Sqrt(365 * 0.0012 / 7), annual[3].Sigma!.Value, 12);
    }

    [Fact]
    public void Sigma_at_start_is_the_estimate_known_when_the_week_begins()
    {
        // σ points at the ends of days; week 1 starts at Anchor + W, so it takes the point stamped there.
        var weeks = Weeks(0.1, 0.2);
        VolatilityPoint[] sigma = [new(Anchor, 0.5), new(Anchor + W, 0.8), new(Anchor + 2 * W, 0.9)];

        Assert.Equal([0.5, 0.8], TimeSeriesMomentum.SigmaAtStart(weeks, sigma));
        Assert.Equal([null, 0.8], TimeSeriesMomentum.SigmaAtStart(weeks, [new(Anchor, 0), new(Anchor + W, 0.8)]));
    }

    [Fact]
    public void Mop_strategy_averages_the_h_active_sign_portfolios_at_forty_percent_over_sigma()
    {
        // r = 0.1, −0.2, 0.08, 0.03, −0.04 and σ = 0.2 every week, so each position is 0.4/0.2 = 2.
        // k = 1, h = 1: R_t = sign(r_{t−1}) · 2 · r_t → t=1: +1·2·(−0.2) = −0.4; t=2: −1·2·0.08 = −0.16;
        //   t=3: +1·2·0.03 = 0.06; t=4: +1·2·(−0.04) = −0.08. t=0 has no past week.
        // k = 2, h = 2 (needs t ≥ 3): t=3 averages sign(K over weeks 1..2) = sign(0.8·1.08 − 1) = −1 and
        //   sign(K over 0..1) = sign(1.1·0.8 − 1) = −1 → −1 · 2 · 0.03 = −0.06; t=4: sign(K 2..3) = +1 and sign(K 1..2) = −1
        //   → 0.
        // Passive long: 2 · r_t from t = 0 on.
        var weeks = Weeks(0.1, -0.2, 0.08, 0.03, -0.04);
        double?[] sigma = [0.2, 0.2, 0.2, 0.2, 0.2];

        var k1h1 = TimeSeriesMomentum.MopStrategy(weeks, sigma, 1, 1, ReturnKind.Simple);
        Assert.Null(k1h1[0].Return);
        Assert.Equal([-0.4, -0.16, 0.06, -0.08], k1h1.Skip(1).Select(p => Math.Round(p.Return!.Value, 12)));

        var k2h2 = TimeSeriesMomentum.MopStrategy(weeks, sigma, 2, 2, ReturnKind.Simple);
        Assert.All(k2h2.Take(3), p => Assert.Null(p.Return));
        Assert.Equal(-0.06, k2h2[3].Return!.Value, 12);
        Assert.Equal(0, k2h2[4].Return!.Value, 12);

        var passive = TimeSeriesMomentum.MopStrategy(weeks, sigma, 1, 1, ReturnKind.Simple, passiveLong: true);
        Assert.Equal(weeks.Select(w => Math.Round(2 * w.Return!.Value, 12)), passive.Select(p => Math.Round(p.Return!.Value, 12)));
    }

    [Fact]
    public void Mop_strategy_is_undefined_where_sigma_is_unknown()
    {
        var weeks = Weeks(0.1, -0.2, 0.08);
        var result = TimeSeriesMomentum.MopStrategy(weeks, [0.2, null, 0.2], 1, 1, ReturnKind.Simple);
        Assert.Null(result[1].Return);
        Assert.Equal(0.4 / 0.2 * -0.08, result[2].Return!.Value, 12);
    }

    [Fact]
    public void Sign_regression_scales_the_return_by_sigma_and_is_null_for_a_constant_sign()
    {
        // Past returns alternate in sign: y_t = r_t/σ, x = sign(r_{t−1}). r = 0.1, −0.1, 0.1, −0.1, 0.2 with σ = 0.5:
        // pairs (x, y) = (+1, −0.2), (−1, 0.2), (+1, −0.2), (−1, 0.4): mean y at +1 is −0.2, at −1 is 0.3, so
        // β = (−0.2 − 0.3)/2 = −0.25 (half the gap between the two means, x being ±1).
        double?[] sigma = [0.5, 0.5, 0.5, 0.5, 0.5];
        var r = TimeSeriesMomentum.MopSignRegression(Weeks(0.1, -0.1, 0.1, -0.1, 0.2), sigma, [1])[0];
        Assert.Equal(4, r.N);
        Assert.Equal(-0.25, r.Beta!.Value, 12);
        Assert.Null(r.TStatClustered);

        // Every past return positive: sign is constant, collinear with the intercept → no β.
        var constant = TimeSeriesMomentum.MopSignRegression(Weeks(0.1, 0.1, 0.2, 0.3, 0.1), sigma, [1])[0];
        Assert.Null(constant.Beta);
        Assert.Null(constant.TStat);
    }

    [Fact]
    public void Pooled_sign_regression_reports_a_t_clustered_by_week()
    {
        var a = Weeks(0.1, -0.1, 0.1, -0.1, 0.2, -0.05, 0.03, 0.01);
        var b = Weeks(0.05, 0.02, -0.1, 0.2, -0.1, 0.04, -0.02, 0.06);
        double?[] sigma = [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5];

        var pooled = TimeSeriesMomentum.MopSignRegressionPooled([a, b], [sigma, sigma], [1])[0];

        Assert.Equal(14, pooled.N);
        Assert.NotNull(pooled.TStat);
        Assert.NotNull(pooled.TStatClustered);
    }

    [Fact]
    public void Performance_reports_mean_sharpe_and_the_newey_west_t_of_the_mean()
    {
        // Returns 0.01, 0.03, −0.01, 0.05: mean 0.02, deviations −0.01, 0.01, −0.03, 0.03, Σd² = 0.002,
        // std = √(0.002/3); Sharpe = 0.02/std × √(365/7). Lag 0: s.e. = √0.002/4 → t = 0.02·4/√0.002.
        var p = TimeSeriesMomentum.Performance("x", 1, 1, Weeks(0.01, 0.03, null, -0.01, 0.05), lag: 0);

        Assert.Equal(4, p.N);
        Assert.Equal(0.02, p.Mean!.Value, 12);
        Assert.Equal(Math.Sqrt(0.002 / 3), p.Std!.Value, 12);
        Assert.Equal(0.02 / Math.Sqrt(0.002 / 3) * Math.Sqrt(365.0 / 7), p.Sharpe!.Value, 10);
        Assert.Equal(0.08 / Math.Sqrt(0.002), p.TStat!.Value, 10);
        Assert.Equal(Anchor, p.FirstWeek);
        Assert.Equal(Anchor + 5 * W, p.LastWeek);

        var empty = TimeSeriesMomentum.Performance("x", 1, 1, Weeks(null, null));
        Assert.Equal(0, empty.N);
        Assert.Null(empty.Mean);
        Assert.Null(empty.Sharpe);
        Assert.Null(empty.TStat);
    }

    [Fact]
    public void Equal_weighted_averages_the_coins_trading_each_week()
    {
        // Week 0: coin a only (0.1); week 1: (−0.1 + 0.3)/2 = 0.1; week 2: b only (0.2) since a is null.
        var a = Weeks(0.1, -0.1, null);
        var b = new PeriodReturn[] { new(Anchor + W, Anchor + 2 * W, 0.3), new(Anchor + 2 * W, Anchor + 3 * W, 0.2) };

        var pooled = TimeSeriesMomentum.EqualWeighted([a, b]);
        Assert.Equal([0.1, 0.1, 0.2], pooled.Select(p => Math.Round(p.Return!.Value, 12)));
        Assert.Equal(Anchor + 2 * W, pooled[2].Start);
    }

    [Fact]
    public void Alpha_over_a_benchmark_matches_weeks_by_start()
    {
        // Strategy = 0.01 + 2 × benchmark in the weeks both exist (weeks 1..3; week 0 has no benchmark, week 4 no
        // strategy return): α = 0.01, β = 2, an exact fit, so α's t is undefined.
        var benchmark = Weeks(null, 0.02, -0.01, 0.03, 0.05);
        var strategy = Weeks(0.5, 0.05, -0.01, 0.07, null);

        var a = TimeSeriesMomentum.AlphaOver("x", strategy, benchmark);
        Assert.Equal(3, a.N);
        Assert.Equal(0.01, a.Alpha!.Value, 12);
        Assert.Equal(2, a.Beta!.Value, 12);
        Assert.Null(a.AlphaT);
    }
}

using Hrm.Signals.Evaluation.Anchors;

namespace Hrm.Signals.Tests.Evaluation.Anchors;

/// <summary>OLS with Newey–West standard errors against hand-computed examples; the arithmetic is in the comments.</summary>
public sealed class NeweyWestOlsTests
{
    private static IReadOnlyList<double>[] Column(params double[] x) => x.Select(v => (IReadOnlyList<double>)[v]).ToArray();

    [Fact]
    public void Mean_with_lag_one_matches_the_hand_computed_bartlett_variance()
    {
        // y = 1, 3, 2, 6: mean 3, residuals u = −2, 0, −1, 3.
        // Γ0 = Σu² = 4 + 0 + 1 + 9 = 14; Γ1 = Σ u_t u_{t−1} = 0·(−2) + (−1)·0 + 3·(−1) = −3; Bartlett w1 = 1 − 1/2 = 1/2.
        // S = 14 + 2 · ½ · (−3) = 11; (X′X)⁻¹ = 1/4 → V = 11/16, s.e. = √11/4 = 0.829156, t = 3 / s.e. = 3.618136.
        var fit = NeweyWestOls.Mean([1, 3, 2, 6], lag: 1)!;

        Assert.Equal(3, fit.Intercept, 12);
        Assert.Equal(Math.Sqrt(11) / 4, fit.StandardErrors[0], 12);
        Assert.Equal(12 / Math.Sqrt(11), fit.TStats[0]!.Value, 12);
        Assert.Equal(1, fit.Lag);
        Assert.Equal(4, fit.N);

        // Lag 0 is White's variance: S = Γ0 = 14 → s.e. = √14/4.
        Assert.Equal(Math.Sqrt(14) / 4, NeweyWestOls.Mean([1, 3, 2, 6], lag: 0)!.StandardErrors[0], 12);
    }

    [Fact]
    public void Slope_with_lag_one_matches_the_hand_computed_sandwich()
    {
        // x = 0, 1, 2, 3; y = 1, 3, 2, 5. x̄ = 1.5, ȳ = 2.75, Sxx = 5, Sxy = 5.5 → β1 = 1.1, β0 = 2.75 − 1.65 = 1.1.
        // Fitted 1.1, 2.2, 3.3, 4.4 → u = −0.1, 0.8, −1.3, 0.6. X′X = [[4, 6], [6, 14]], det 20,
        // (X′X)⁻¹ = [[0.7, −0.3], [−0.3, 0.2]]. Scores s_t = (u_t, x_t u_t): (−0.1, 0), (0.8, 0.8), (−1.3, −2.6), (0.6, 1.8).
        // Γ0 = Σ s s′ = [[2.70, 5.10], [5.10, 10.64]].
        // Γ1 = s2 s1′ + s3 s2′ + s4 s3′ = [[−0.08, 0], [−0.08, 0]] + [[−1.04, −1.04], [−2.08, −2.08]]
        //      + [[−0.78, −1.56], [−2.34, −4.68]] = [[−1.90, −2.60], [−4.50, −6.76]].
        // S = Γ0 + ½ (Γ1 + Γ1′) = [[0.80, 1.55], [1.55, 3.88]].
        // (X′X)⁻¹ S = [[0.095, −0.079], [0.07, 0.311]]; V = that · (X′X)⁻¹:
        // V00 = 0.095·0.7 + 0.079·0.3 = 0.0902, V11 = 0.07·(−0.3) + 0.311·0.2 = 0.0412.
        // s.e.(β1) = √0.0412 = 0.202978, t = 1.1/0.202978 = 5.41926; s.e.(β0) = √0.0902.
        // R² = 1 − SSR/SST = 1 − 2.70/8.75.
        var fit = NeweyWestOls.Fit([1, 3, 2, 5], Column(0, 1, 2, 3), lag: 1)!;

        Assert.Equal(1.1, fit.Intercept, 12);
        Assert.Equal(1.1, fit.Slope, 12);
        Assert.Equal(Math.Sqrt(0.0412), fit.StandardErrors[1], 12);
        Assert.Equal(Math.Sqrt(0.0902), fit.StandardErrors[0], 12);
        Assert.Equal(1.1 / Math.Sqrt(0.0412), fit.SlopeT!.Value, 10);
        Assert.Equal(1 - 2.70 / 8.75, fit.R2!.Value, 12);

        // Lag 0: S = Γ0; (X′X)⁻¹Γ0 row 1 = (0.21, 0.598) → V11 = 0.21·(−0.3) + 0.598·0.2 = 0.0566.
        Assert.Equal(Math.Sqrt(0.0566), NeweyWestOls.Fit([1, 3, 2, 5], Column(0, 1, 2, 3), lag: 0)!.StandardErrors[1], 12);
    }

    [Fact]
    public void Periods_sum_the_scores_so_lag_zero_clusters_by_period()
    {
        // y = 1, 3, 2, 6 (mean 3, u = −2, 0, −1, 3) in periods 0, 0, 1, 1: period scores −2 + 0 = −2 and −1 + 3 = 2.
        // Lag 0: S = 4 + 4 = 8 → V = 8/16, s.e. = √0.5. Lag 1: S = 8 + 2 · ½ · (2 · (−2)) = 4 → s.e. = √(4/16) = 0.5.
        double[] y = [1, 3, 2, 6];
        var none = y.Select(_ => (IReadOnlyList<double>)[]).ToArray();

        var clustered = NeweyWestOls.Fit(y, none, 0, [0, 0, 1, 1])!;
        Assert.Equal(Math.Sqrt(0.5), clustered.StandardErrors[0], 12);
        Assert.Equal(2, clustered.TimePeriods);
        Assert.Equal(0.5, NeweyWestOls.Fit(y, none, 1, [0, 0, 1, 1])!.StandardErrors[0], 12);
    }

    [Fact]
    public void A_missing_period_breaks_the_lag_pairing()
    {
        // y = 1, 3: u = −1, 1; Γ0 = 2. Periods 0 and 1 are one apart: S = 2 + 2 · ½ · (1 · (−1)) = 1 → s.e. = √(1/4).
        // Periods 0 and 2 are two apart, so lag 1 pairs nothing: S = 2 → s.e. = √(2/4).
        IReadOnlyList<double>[] none = [[], []];
        Assert.Equal(0.5, NeweyWestOls.Fit([1, 3], none, 1, [0, 1])!.StandardErrors[0], 12);
        Assert.Equal(Math.Sqrt(0.5), NeweyWestOls.Fit([1, 3], none, 1, [0, 2])!.StandardErrors[0], 12);
    }

    [Fact]
    public void Rows_with_a_non_finite_value_are_dropped()
    {
        // The NaN row goes; what remains is the hand example above (β1 = 1.1).
        var fit = NeweyWestOls.Fit([1, double.NaN, 3, 2, 5], Column(0, 7, 1, 2, 3), lag: 0)!;
        Assert.Equal(4, fit.N);
        Assert.Equal(1.1, fit.Slope, 12);
    }

    [Fact]
    public void Undefined_fits_are_null_not_numbers()
    {
        // Fewer rows than coefficients.
        Assert.Null(NeweyWestOls.Fit([1], Column(2), lag: 0));
        // A constant regressor is collinear with the intercept: X′X singular.
        Assert.Null(NeweyWestOls.Fit([1, 2, 3], Column(1, 1, 1), lag: 0));
        // A perfect fit has standard error 0: the coefficient is known, its t is undefined.
        var exact = NeweyWestOls.Fit([1, 3, 5], Column(0, 1, 2), lag: 0)!;
        Assert.Equal(2, exact.Slope, 12);
        Assert.Null(exact.SlopeT);
        // A constant y has no R².
        Assert.Null(NeweyWestOls.Mean([2, 2, 2], lag: 0)!.R2);
    }

    [Fact]
    public void Default_lag_is_the_newey_west_1994_rule_of_thumb()
    {
        // ⌊4 (n/100)^(2/9)⌋: n = 100 → 4; 400 → ⌊5.44⌋ = 5; 2800 → ⌊8.39⌋ = 8.
        Assert.Equal(4, NeweyWestOls.DefaultLag(100));
        Assert.Equal(5, NeweyWestOls.DefaultLag(400));
        Assert.Equal(8, NeweyWestOls.DefaultLag(2800));
        Assert.Equal(5, NeweyWestOls.Mean(Enumerable.Range(0, 400).Select(i => (double)(i % 7)).ToArray())!.Lag);
    }

    [Fact]
    public void Ols_recovers_the_coefficients_of_a_synthetic_ar1()
    {
        // SyntheticAr1 (not market data): y_t = 0.2 + 0.5 y_{t−1} + e_t, e_t ~ N(0, 1) from a seeded generator, 5000 steps.
        // Regressing y_t on y_{t−1} estimates (0.2, 0.5); with i.i.d. errors the slope's standard error is about
        // √((1 − φ²)/n) = √(0.75/5000) = 0.0122, so 0.05 is a four-s.e. band, and the HAC s.e. should be near 0.0122.
        var y = SyntheticAr1(5000, intercept: 0.2, phi: 0.5, seed: 20240101);
        var fit = NeweyWestOls.Fit(y.Skip(1).ToArray(), Column(y.SkipLast(1).ToArray()))!;

        Assert.Equal(0.5, fit.Slope, 0.05);
        Assert.Equal(0.2, fit.Intercept, 0.05);
        Assert.InRange(fit.StandardErrors[1], 0.0122 * 0.8, 0.0122 * 1.2);
        Assert.Equal(NeweyWestOls.DefaultLag(4999), fit.Lag);
    }

    /// <summary>A seeded Gaussian AR(1) (Box–Muller on System.Random): synthetic, for recovering known coefficients.</summary>
    private static double[] SyntheticAr1(int n, double intercept, double phi, int seed)
    {
        var random = new Random(seed);
        var y = new double[n];
        var previous = intercept / (1 - phi);
        for (var t = 0; t < n; t++)
        {
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            var e = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            previous = y[t] = intercept + phi * previous + e;
        }

        return y;
    }
}

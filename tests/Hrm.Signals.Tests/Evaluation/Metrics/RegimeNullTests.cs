using Hrm.Protocol.Layers;
using Hrm.Signals.Evaluation;
using Hrm.Signals.Evaluation.Metrics;

namespace Hrm.Signals.Tests.Evaluation.Metrics;

/// <summary>
/// The random-walk null of the regime checks. The reference values are simulated by hand in the tests: fresh Gaussian
/// random walks judged by <see cref="MacroJudge.Judge"/> itself, against which <see cref="RegimeNull"/>'s bootstrap
/// from a large Gaussian pool must agree.
/// </summary>
public sealed class RegimeNullTests
{
    private const long H = 3600L * 1_000_000_000;
    private const double Sigma = 0.01; // an hourly crypto return's scale; ER is on prices, so keep it realistic

    private static readonly RegimeCheckOptions Options = new();

    /// <summary>Standard normal by Box–Muller.</summary>
    private static double Normal(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    private static double[] GaussianPool(int n, int seed)
    {
        var rng = new Random(seed);
        return [.. Enumerable.Range(0, n).Select(_ => Sigma * Normal(rng))];
    }

    /// <summary>Hourly prices from 100 along the given log returns.</summary>
    private static PricePoint[] Walk(IReadOnlyList<double> returns)
    {
        var prices = new PricePoint[returns.Count + 1];
        var p = 100.0;
        prices[0] = new PricePoint(0, p);
        for (var i = 0; i < returns.Count; i++)
        {
            p *= Math.Exp(returns[i]);
            prices[i + 1] = new PricePoint((i + 1) * H, p);
        }

        return prices;
    }

    /// <summary>
    /// By hand: the share of fresh Gaussian random walks of 7·n hourly returns on which the judge says a call at
    /// 6n h over n h (six full trailing windows before it) is right.
    /// </summary>
    private static double HandNull(Regime regime, int direction, int n, int reps, int seed)
    {
        var rng = new Random(seed);
        var right = 0;
        var judged = 0;
        for (var rep = 0; rep < reps; rep++)
        {
            var prices = Walk([.. Enumerable.Range(0, 7 * n).Select(_ => Sigma * Normal(rng))]);
            if (MacroJudge.Judge(new RegimeCall(6 * n * H, regime, direction, n * 3600L), prices, Options) is { } verdict)
            {
                judged++;
                right += verdict ? 1 : 0;
            }
        }

        return (double)right / judged;
    }

    private static RegimeNullRates PoolRates(int n) =>
        RegimeNull.Rates(GaussianPool(20_000, 7), n, Enumerable.Repeat(n, 6).ToArray(), Options, 20_000, 42);

    [Fact]
    public void Mean_reverting_over_twelve_returns_is_right_by_chance_far_more_often_than_half()
    {
        // VR(4) over N = 12 returns is biased well below 1: for iid returns E[(4-sum − 4μ̂)²] = 4σ²(1 − 4/N) and
        // E[population variance] = σ²(N − 1)/N, a ratio of (N − 4)/(N − 1) = 8/11, so a random walk "mean-reverts"
        // about 4 times in 5. Hand simulation of the judge: 6000 walks (standard error ≈ 0.005);
        // the bootstrap's 20 000 draws ≈ 0.003.
        var hand = HandNull(Regime.MeanReverting, 0, 12, 6000, 1);
        var p0 = PoolRates(12).MeanReverting;
        Assert.InRange(hand, 0.72, 0.88);
        Assert.InRange(p0, 0.72, 0.88);
        Assert.Equal(hand, p0, 0.025);
    }

    [Fact]
    public void Trending_with_a_direction_is_right_by_chance_half_as_often_as_without()
    {
        // ER ≥ 0.3 over 24 returns. Normal approximation: Σ|r| ≈ n·σ·√(2/π), |Σr| = σ·√n·|Z|, so
        // P(ER ≥ 0.3) ≈ P(|Z| ≥ 0.3·√(2/π)·√24 = 1.17) ≈ 0.24 (the fluctuation of Σ|r| pushes it a little higher). A
        // driftless walk ends up or down alike, so with a direction the chance halves.
        var rates = PoolRates(24);
        var hand = HandNull(Regime.Trending, 0, 24, 6000, 2);
        var handUp = HandNull(Regime.Trending, 1, 24, 6000, 3);
        Assert.InRange(rates.Trending, 0.2, 0.32);
        Assert.Equal(hand, rates.Trending, 0.025);
        Assert.Equal(handUp, rates.TrendingUp, 0.02);
        Assert.Equal(rates.Trending / 2, rates.TrendingUp, 0.015);
        Assert.Equal(rates.Trending / 2, rates.TrendingDown, 0.015);
        Assert.Equal(rates.Trending, rates.TrendingUp + rates.TrendingDown, 12);
    }

    [Fact]
    public void Volatile_with_equal_windows_is_a_coin_flip_and_accumulation_matches_the_hand_simulation()
    {
        // Seven iid windows of equal length are exchangeable: the window's vol lies above the top four of the six
        // trailing vols with probability 3/7 and between the 3rd and 4th with 1/7, so P(vol > their median) lies in
        // [3/7, 4/7], ≈ 1/2 by symmetry. Accumulation (vol ≤ median and ER < 0.3) has no closed form: by hand.
        foreach (var n in new[] { 4, 24 })
        {
            var rates = PoolRates(n);
            Assert.InRange(rates.Volatile, 3.0 / 7, 4.0 / 7);
            Assert.Equal(0.5, rates.Volatile, 0.03);
            Assert.Equal(HandNull(Regime.Volatile, 0, n, 6000, 10 + n), rates.Volatile, 0.025);
            Assert.Equal(HandNull(Regime.Accumulation, 0, n, 6000, 20 + n), rates.Accumulation, 0.025);
        }
    }

    /// <summary>
    /// The named synthetic series: an iid Student-t(4) random walk (unit variance scaled to 1 % an hour, no drift,
    /// fat tails, no volatility clustering), hourly for two years, with a claim every 6 h drawn at random: regime
    /// uniform over the four, trending up, down or either, the horizon the regime model gives each regime.
    /// </summary>
    private static (PricePoint[] Prices, RegimeCall[] Calls) StudentTWalkWithRandomClaims()
    {
        const int Hours = 2 * 365 * 24;
        const int Nu = 4;
        var rng = new Random(2025);
        var returns = new double[Hours];
        for (var i = 0; i < Hours; i++)
        {
            var chi2 = 0.0;
            for (var k = 0; k < Nu; k++)
            {
                var z = Normal(rng);
                chi2 += z * z;
            }

            returns[i] = Sigma * Math.Sqrt((Nu - 2.0) / Nu) * Normal(rng) / Math.Sqrt(chi2 / Nu);
        }

        var horizons = new Dictionary<Regime, int> { [Regime.Trending] = 24, [Regime.MeanReverting] = 12, [Regime.Volatile] = 4, [Regime.Accumulation] = 24 };
        var calls = new List<RegimeCall>();
        for (var t = 0; t < Hours; t += 6)
        {
            var regime = (Regime)rng.Next(4);
            var direction = regime == Regime.Trending ? rng.Next(3) - 1 : 0;
            calls.Add(new RegimeCall(t * H, regime, direction, horizons[regime] * 3600L));
        }

        return (Walk(returns), [.. calls]);
    }

    [Fact]
    public void Random_claims_on_a_student_t_random_walk_have_no_skill_over_the_null()
    {
        // Whatever the claim, on a random walk it is right exactly as often as the null says: skill ≈ 0 overall and
        // per claim, |z| small. About 2900 judged calls (≈ 730 a claim): standard error of the overall skill ≈ 0.008
        // (more with the overlapping windows), of a claim's ≈ 0.017.
        var (prices, calls) = StudentTWalkWithRandomClaims();
        var result = RegimeNull.Evaluate(calls, prices);
        Assert.True(result.Overall.Calls > 2800, $"{result.Overall.Calls} judged");
        Assert.Equal(MacroJudge.RegimeAccuracy(calls, prices).Value, result.Overall.Accuracy);
        Assert.Equal(0, result.Overall.SkillOverNull!.Value, 0.03);
        Assert.InRange(result.Overall.SkillZ!.Value, -3.5, 3.5);
        foreach (var name in Enum.GetValues<Regime>())
        {
            var claim = result.ByClaim[name];
            Assert.True(claim.Calls > 600, $"{name}: {claim.Calls} judged");
            Assert.Equal(0, claim.SkillOverNull!.Value, 0.06);
        }

        // The claims' nulls are what the tests above derive: mean_reverting (12 returns) far above a half, volatile
        // near a half, trending (a third of the calls with any sign) low.
        Assert.InRange(result.ByClaim[Regime.MeanReverting].NullAccuracy!.Value, 0.7, 0.9);
        Assert.Equal(0.5, result.ByClaim[Regime.Volatile].NullAccuracy!.Value, 0.05);
        Assert.InRange(result.ByClaim[Regime.Trending].NullAccuracy!.Value, 0.1, 0.3);
    }

    [Fact]
    public void The_null_is_deterministic_and_shared_by_every_claim_on_a_window()
    {
        var (prices, calls) = StudentTWalkWithRandomClaims();
        var subset = calls.Take(400).ToArray();
        Assert.Equal(RegimeNull.Evaluate(subset, prices).Overall, RegimeNull.Evaluate(subset, prices).Overall);

        // The seed depends on the call's time and horizon only: the same window gives the same rates whatever is claimed.
        var call = subset[100];
        var rates = RegimeNull.Rates(call, prices)!.Value;
        Assert.Equal(rates, RegimeNull.Rates(call with { Regime = Regime.Volatile, Direction = 0 }, prices));
        Assert.NotEqual(rates, RegimeNull.Rates(call with { TsEvent = call.TsEvent + H }, prices));
    }

    [Fact]
    public void Skill_tallies_add_and_give_accuracy_null_skill_and_z()
    {
        // Two calls: right with p0 0.8, wrong with p0 0.2. Accuracy 1/2, mean p0 1/2, skill 0;
        // z = (1 − 1.0) / √(0.16 + 0.16) = 0. A third, right with p0 0.5: accuracy 2/3, mean p0 1.5/3 = 0.5,
        // skill 1/6, z = (2 − 1.5) / √(0.32 + 0.25) = 0.5 / √0.57.
        var two = default(RegimeSkill).Add(true, 0.8).Add(false, 0.2);
        Assert.Equal(0.5, two.Accuracy);
        Assert.Equal(0.5, two.NullAccuracy!.Value, 12);
        Assert.Equal(0, two.SkillOverNull!.Value, 12);
        Assert.Equal(0, two.SkillZ!.Value, 12);
        var three = two + default(RegimeSkill).Add(true, 0.5);
        Assert.Equal(1.0 / 6, three.SkillOverNull!.Value, 12);
        Assert.Equal(0.5 / Math.Sqrt(0.57), three.SkillZ!.Value, 12);

        // Undefined: no calls → everything null; p0 of 0 or 1 only → no variance → z null.
        Assert.Null(default(RegimeSkill).Accuracy);
        Assert.Null(default(RegimeSkill).SkillOverNull);
        Assert.Null(default(RegimeSkill).Add(true, 1).SkillZ);
    }

    [Fact]
    public void A_flat_series_is_judged_flat_by_the_null_too()
    {
        // Constant prices: no draw can move. trending never (ER 0), accumulation always (vol 0 ≤ median 0, ER 0),
        // volatile never, mean_reverting undefined (zero variance) as the judge has it.
        var prices = Walk(new double[48]);
        var rates = RegimeNull.Rates(new RegimeCall(24 * H, Regime.Accumulation, 0, 4 * 3600), prices)!.Value;
        Assert.Equal(new RegimeNullRates(0, 0, 0, double.NaN, 0, 1), rates);
    }
}

using Hrm.Signals.Numerics;
using Hrm.Signals.Tests.Reference;

namespace Hrm.Signals.Tests.Numerics;

public sealed class StatsTests
{
    [Fact]
    public void Mean_and_variances_match_hand_values()
    {
        // 1, 2, 3, 4: mean 2.5, squared deviations 2.25 + 0.25 + 0.25 + 2.25 = 5
        Assert.Equal(2.5, Stats.Mean([1, 2, 3, 4]));
        Assert.Equal(1.25, Stats.PopulationVariance([1, 2, 3, 4]), 15);
        Assert.Equal(Math.Sqrt(1.25), Stats.PopulationStd([1, 2, 3, 4]), 15);
        Assert.Equal(Math.Sqrt(5.0 / 3), Stats.SampleStd([1, 2, 3, 4])!.Value, 15);
        Assert.Null(Stats.Mean([]));
        Assert.Equal(0, Stats.PopulationVariance([]));
        Assert.Null(Stats.SampleStd([7]));
    }

    [Fact]
    public void Log_returns_are_in_the_levels_order()
    {
        Assert.Equal([1, 2], Stats.LogReturns([1, Math.E, Math.Exp(3)]), (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.Empty(Stats.LogReturns([5]));
    }

    [Fact]
    public void Efficiency_ratio_is_net_move_over_path_in_either_time_order()
    {
        // |12 − 10| / (|11 − 10| + |10 − 11| + |12 − 10|) = 2/4
        Assert.Equal(0.5, Stats.EfficiencyRatio([10, 11, 10, 12]), 15);
        Assert.Equal(0.5, Stats.EfficiencyRatio([12, 10, 11, 10]), 15);
        Assert.Equal(1, Stats.EfficiencyRatio([1, 2, 3]), 15);
        Assert.Equal(0, Stats.EfficiencyRatio([3, 3, 3]));
    }

    [Fact]
    public void Variance_ratio_centres_the_q_sums_on_q_times_the_mean_return()
    {
        // r = 1, 1, −1, −1: mean 0, var 1; 2-sums 2, 0, −2 → Σ(s − 0)²/3 = 8/3; VR(2) = (8/3)/(2·1) = 4/3
        Assert.Equal(4.0 / 3, Stats.VarianceRatio([1, 1, -1, -1], 2)!.Value, 12);
        // r = 1, 1, 1, −1: mean ½, var (3·¼ + 9/4)/4 = ¾; 2-sums 2, 2, 0 centred on 2·½ = 1 → (1 + 1 + 1)/3 = 1;
        // VR(2) = 1/(2·¾) = 2/3. Centring on the sums' own mean (4/3) would give (8/9)/(3/2) = 16/27.
        Assert.Equal(2.0 / 3, Stats.VarianceRatio([1, 1, 1, -1], 2)!.Value, 12);
        // alternating: every 2-sum is 0 → VR 0
        Assert.Equal(0, Stats.VarianceRatio([1, -1, 1, -1], 2)!.Value, 12);
        Assert.Null(Stats.VarianceRatio([1, 1, 1], 2));
        Assert.Null(Stats.VarianceRatio([1, -1], 2));
        Assert.Null(Stats.VarianceRatio([1, -1, 1], 1));
    }

    [Fact]
    public void Variance_ratio_on_the_fama_french_market_matches_the_published_de_biased_value_rescaled()
    {
        // arch's documentation: Mkt-RF as returns, q = 12, de-biased VR 1.18960 (reference/04 EXPECTED.md). De-biasing
        // divides σ²_q by q(N − q + 1)(1 − q/N) and σ²_1 by N − 1; ours divides by q(N − q + 1) and N, so
        // ours = published · (N − q)/(N − 1).
        var r = ReferenceCsv.Column("04_variance_ratio_ff_mktrf", "data_frenchdata.csv", "Mkt-RF");
        const int q = 12;
        var n = r.Length;

        Assert.Equal(1.18960 * (n - q) / (n - 1.0), Stats.VarianceRatio(r, q)!.Value, 5e-6);
    }
}

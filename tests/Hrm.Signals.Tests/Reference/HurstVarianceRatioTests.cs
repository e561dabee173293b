using Hrm.Signals.Macro.Regimes;
using Xunit.Abstractions;

namespace Hrm.Signals.Tests.Reference;

/// <summary>
/// Hurst exponent on pracma's brown72 (reference/03) and the Lo–MacKinlay variance ratio on the Fama–French market
/// excess return (reference/04, arch documentation), plus hand-computed small cases.
/// </summary>
public sealed class HurstVarianceRatioTests(ITestOutputHelper output)
{
    private static readonly double[] Brown72 = ReferenceCsv.Column("03_hurst_brown72", "data_brown72.csv", "brown72");
    private static readonly double[] MktRf = ReferenceCsv.Column("04_variance_ratio_ff_mktrf", "data_frenchdata.csv", "Mkt-RF");

    [Fact]
    public void Brown72_reproduces_all_five_published_hurst_values_with_n_1024_and_windows_128_256_512()
    {
        Assert.Equal(1024, Brown72.Length);

        var h = Hurst.Estimate(Brown72, [128, 256, 512]);

        output.WriteLine($"Hs {h.Simple:F7} Hrs {h.DyadicRs:F7} He {h.Empirical:F7} Hal {h.CorrectedEmpirical:F7} Ht {h.Theoretical:F7}");
        Assert.Equal(96.397998, Hurst.RescaledRange(Brown72), 1e-6);
        Assert.Equal(0.6590931, h.Simple, 5e-8);
        Assert.Equal(0.7384611, h.DyadicRs, 5e-8);
        Assert.Equal(0.7068613, h.Empirical, 5e-8);
        Assert.Equal(0.6838251, h.CorrectedEmpirical, 5e-8);
        Assert.Equal(0.5294909, h.Theoretical, 5e-8);
        // intermediate values listed in EXPECTED.md
        Assert.Equal(20.899870, Hurst.BlockRescaledRange(Brown72, 128), 1e-6);
        Assert.Equal(13.039531, Hurst.ExpectedRescaledRange(128), 1e-6);
        Assert.Equal(27.167349, Hurst.ExpectedRescaledRange(512), 1e-6);
    }

    [Fact]
    public void Rescaled_range_of_a_hand_example()
    {
        // z = 1, 3, 2, 6: mean 3, deviations −2, 0, −1, 3 → Y = −2, −2, −3, 0; R = 0 − (−3) = 3;
        // sd = √((4 + 0 + 1 + 9)/3) = √(14/3) = 2.160247 → R/S = 1.388730
        Assert.Equal(3 / Math.Sqrt(14.0 / 3.0), Hurst.RescaledRange([1, 3, 2, 6]), 12);
        // Γ(5) = 24, Γ(0.5) = √π
        Assert.Equal(Math.Log(24), Hurst.LogGamma(5), 13);
        Assert.Equal(0.5 * Math.Log(Math.PI), Hurst.LogGamma(0.5), 13);
    }

    [Fact]
    public void Fama_french_excess_market_reproduces_the_published_variance_ratio_statistics()
    {
        Assert.Equal(1109, MktRf.Length);

        // arch passes Mkt-RF as the level series (so the test is on its first difference)
        var robust = VarianceRatio.Test(MktRf, 12);
        var nonOverlap = VarianceRatio.Test(MktRf, 12, overlap: false);
        var homoskedastic = VarianceRatio.Test(MktRf, 12, robust: false);
        var plainRobust = VarianceRatio.Test(MktRf, 12, debiased: false);
        var plain = VarianceRatio.Test(MktRf, 12, debiased: false, robust: false);

        output.WriteLine($"overlap robust VR {robust.Ratio:F10} z* {robust.Z:F10} θ {robust.Theta:F10}");
        output.WriteLine($"non-overlap VR {nonOverlap.Ratio:F10} z {nonOverlap.Z:F10}; homoskedastic z {homoskedastic.Z:F10}");
        // published (3 decimals)
        Assert.Equal(-5.029, robust.Z, 5e-4);
        Assert.Equal(-6.206, nonOverlap.Z, 5e-4);
        // derived digits in EXPECTED.md
        Assert.Equal(0.0947664865, robust.Ratio, 1e-9);
        Assert.Equal(-5.0286843993, robust.Z, 1e-8);
        Assert.Equal(35.9047781937, robust.Theta, 1e-8);
        Assert.Equal(0.1238826156, nonOverlap.Ratio, 1e-9);
        Assert.Equal(-6.2063390067, nonOverlap.Z, 1e-8);
        Assert.Equal(22, nonOverlap.Theta, 12);
        Assert.Equal(-8.0372318418, homoskedastic.Z, 1e-8);
        Assert.Equal(14.0555555556, homoskedastic.Theta, 1e-8);
        Assert.Equal(0.0928933403, plainRobust.Ratio, 1e-9);
        Assert.Equal(-5.0390899586, plainRobust.Z, 1e-8);
        Assert.Equal(-8.0538628105, plain.Z, 1e-8);
        Assert.True(robust.PValue < 1e-5);

        // Mkt-RF treated as returns (EXPECTED.md, for information): VR 1.18960, z* 0.97380
        var asReturns = VarianceRatio.TestReturns(MktRf, 12);
        Assert.Equal(1.18960, asReturns.Ratio, 5e-6);
        Assert.Equal(0.97380, asReturns.Z, 5e-6);
    }

    [Fact]
    public void Variance_ratio_of_a_hand_example()
    {
        // y = 0, 1, 0, 1, 0 (alternating increments +1, −1, +1, −1), q = 2, no trend, plain (not de-biased):
        // σ²_1 = 4/4 = 1; 2-step changes y_t − y_{t−2} = 0, 0, 0 → σ²_2 = 0 → VR = 0;
        // homoskedastic θ = 2·3·1/6 = 1 → z = √4·(0 − 1)/1 = −2
        var r = VarianceRatio.Test([0, 1, 0, 1, 0], 2, debiased: false, robust: false, trend: false);
        Assert.Equal(0, r.Ratio, 12);
        Assert.Equal(1, r.Theta, 12);
        Assert.Equal(-2, r.Z, 12);
        // robust: e_t = 1 for all t, δ_1 = 4·3/16 = 0.75, θ = 4·(1/2)²·0.75 = 0.75 → z* = −2/√0.75
        var robust = VarianceRatio.Test([0, 1, 0, 1, 0], 2, debiased: false, robust: true, trend: false);
        Assert.Equal(-2 / Math.Sqrt(0.75), robust.Z, 12);
        // Φ(−1.96) ≈ 0.025
        Assert.Equal(0.05, 2 * VarianceRatio.NormalUpperTail(1.959964), 1e-6);
    }
}

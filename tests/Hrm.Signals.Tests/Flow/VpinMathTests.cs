using Hrm.Signals.Micro;

namespace Hrm.Signals.Tests.Flow;

public sealed class VpinMathTests
{
    // Reference values of erf/erfc to 20 significant digits (computed with mpmath at 30 digits).
    [Theory]
    [InlineData(0.5, 0.47950012218695346232)]
    [InlineData(1.0, 0.15729920705028513066)]
    [InlineData(2.0, 0.0046777349810472658379)]
    [InlineData(4.0, 1.5417257900280018852e-8)]
    [InlineData(6.0, 2.1519736712498913117e-17)]
    [InlineData(10.0, 2.0884875837625447570e-45)]
    [InlineData(-1.0, 1.8427007929497148693)]
    [InlineData(0.1, 0.88753708398171510159)]
    public void Erfc_matches_reference_values_to_about_1e_15_relative(double x, double expected)
    {
        var actual = VpinMath.Erfc(x);
        Assert.True(Math.Abs(actual - expected) <= 2e-15 * expected, $"erfc({x}) = {actual:R}, expected {expected:R}");
    }

    [Fact]
    public void Erf_is_odd_and_matches_reference_values()
    {
        Assert.Equal(0.0, VpinMath.Erf(0.0));
        Assert.Equal(0.52049987781304653768, VpinMath.Erf(0.5), 15);
        Assert.Equal(0.84270079294971486934, VpinMath.Erf(1.0), 15);
        Assert.Equal(-0.84270079294971486934, VpinMath.Erf(-1.0), 15);
        Assert.Equal(0.11246291601828489840, VpinMath.Erf(0.1), 15);
    }

    // Φ(x) = erfc(−x/√2)/2. Reference values: Φ(1) = 0.841344746068542948…, Φ(1.96) = 0.975002104851779564…,
    // Φ(−3) = 0.001349898031630094527…, Φ(−5) = 2.8665157187919391167e-7, Φ(−10) = 7.6198530241605260659e-24.
    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(1.0, 0.84134474606854294859)]
    [InlineData(-1.0, 0.15865525393145705141)]
    [InlineData(1.96, 0.97500210485177956)]
    [InlineData(-3.0, 0.0013498980316300945267)]
    [InlineData(-5.0, 2.8665157187919391167e-7)]
    [InlineData(-10.0, 7.6198530241605260659e-24)]
    public void Normal_cdf_is_accurate_in_the_centre_and_the_lower_tail(double x, double expected)
    {
        var actual = VpinMath.NormalCdf(x);
        // Relative 1e-14: the argument −x/√2 is itself rounded, which costs up to x²·2⁻⁵³ relative in the tail.
        Assert.True(Math.Abs(actual - expected) <= 1e-14 * expected, $"Φ({x}) = {actual:R}, expected {expected:R}");
    }

    [Fact]
    public void Buy_fraction_is_phi_of_the_standardised_change_and_the_sign_when_sigma_is_zero()
    {
        Assert.Equal(0.5, VpinMath.BuyFraction(0, 2));
        Assert.Equal(VpinMath.NormalCdf(0.5), VpinMath.BuyFraction(1, 2)); // z = 1/2
        Assert.Equal(1.0, VpinMath.BuyFraction(0.01, 0));
        Assert.Equal(0.0, VpinMath.BuyFraction(-0.01, 0));
        Assert.Equal(0.5, VpinMath.BuyFraction(0, 0));
    }
}

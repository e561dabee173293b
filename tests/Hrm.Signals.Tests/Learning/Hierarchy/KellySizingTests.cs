using Hrm.Signals.Learning.Hierarchy;

namespace Hrm.Signals.Tests.Learning.Hierarchy;

public sealed class KellySizingTests
{
    // Half-Kelly, cap 1, band 0.1, round trip 20 bps.
    private static readonly KellySizing Sizing = new(0.5, 1, 0.1, 0.002);

    [Fact]
    public void The_target_is_half_the_kelly_fraction_of_the_volatility_scaled_forecast()
    {
        // μ = 0.1, v = 2, σ = 0.1: f* = μ / (v·σ) = 0.1 / 0.2 = 0.5, half-Kelly 0.25.
        Assert.Equal(0.25, Sizing.Target(0.1, 2, 0.1, double.NaN), 12);
        Assert.Equal(-0.25, Sizing.Target(-0.1, 2, 0.1, double.NaN), 12);
    }

    [Fact]
    public void The_target_is_capped_and_the_cap_is_scaled_by_the_risk_budget()
    {
        // μ = 0.5, v = 1, σ = 0.1: half-Kelly 2.5, capped at 1; a risk budget of 0.4 caps it at 0.4.
        Assert.Equal(1, Sizing.Target(0.5, 1, 0.1, double.NaN), 12);
        Assert.Equal(0.4, Sizing.Target(0.5, 1, 0.1, 0.4), 12);
        Assert.Equal(-0.4, Sizing.Target(-0.5, 1, 0.1, 0.4), 12);
        Assert.Equal(1, Sizing.Target(0.5, 1, 0.1, 1.5), 12);
        Assert.Equal(0, Sizing.Target(0.5, 1, 0.1, -0.3), 12);
        Assert.Equal(0.25, Sizing.Target(0.1, 2, 0.1, 0.4), 12);
    }

    [Fact]
    public void A_forecast_move_that_does_not_pay_the_round_trip_is_not_traded()
    {
        // σ = 0.1: |μ·σ| = 0.002 is exactly the round trip (no trade); 0.0021 clears it: 0.5·0.021 / (1·0.1) = 0.105.
        Assert.Equal(0, Sizing.Target(0.02, 1, 0.1, double.NaN));
        Assert.Equal(0, Sizing.Target(-0.02, 1, 0.1, double.NaN));
        Assert.Equal(0.105, Sizing.Target(0.021, 1, 0.1, double.NaN), 12);
    }

    [Fact]
    public void Missing_or_degenerate_inputs_give_no_position()
    {
        Assert.Equal(0, Sizing.Target(double.NaN, 1, 0.1, 1));
        Assert.Equal(0, Sizing.Target(0.5, double.NaN, 0.1, 1));
        Assert.Equal(0, Sizing.Target(0.5, 0, 0.1, 1));
        Assert.Equal(0, Sizing.Target(0.5, 1, double.NaN, 1));
        Assert.Equal(0, Sizing.Target(0.5, 1, 0, 1));
        Assert.Equal(0, Sizing.Target(double.PositiveInfinity, 1, 0.1, 1));
    }

    [Fact]
    public void A_rebalance_inside_the_band_keeps_the_current_position()
    {
        Assert.Equal(0.3, Sizing.Rebalance(0.3, 0.35));
        Assert.Equal(0.3, Sizing.Rebalance(0.3, 0.25));
        Assert.Equal(0, Sizing.Rebalance(0, 0.1));
        Assert.Equal(0.41, Sizing.Rebalance(0.3, 0.41));
        Assert.Equal(-0.5, Sizing.Rebalance(0.3, -0.5));
    }

    [Fact]
    public void The_default_sizing_is_half_kelly_fully_invested_with_a_round_trip_of_both_sides()
    {
        var sizing = KellySizing.Default(6);

        Assert.Equal(new KellySizing(0.5, 1, 0.1, 0.0012), sizing);
    }
}

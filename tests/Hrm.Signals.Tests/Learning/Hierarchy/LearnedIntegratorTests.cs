using Hrm.Protocol.Layers;
using Hrm.Signals.Layers;
using Hrm.Signals.Learning.Hierarchy;

namespace Hrm.Signals.Tests.Learning.Hierarchy;

/// <summary>
/// Serving a learned model, on a hand-made model (synthetic: E[r/σ] = micro_imbalance_5 / 0.2, P(rise) = σ(2·E),
/// half-Kelly, no cost) and prices alternating 100 / 101 every hour, so σ of an hourly return is ln(1.01)·√(168/167).
/// </summary>
public sealed class LearnedIntegratorTests
{
    private const long Hour = 3_600_000_000_000;
    private static readonly int Imbalance = FeatureSchema.IndexOf("micro_imbalance_5");

    private static LearnedModel Model()
    {
        var scaler = new FeatureScaler([FeatureColumn.Of("micro_imbalance_5")], [0], [0.2]);
        var layer = new FittedForecast(scaler, new PooledModel([0, 1], [], []), 0.1, 1, PlattScaling.Identity, []);
        var hierarchy = new LearnedHierarchy([layer], new StackWeights(0, [1]), new PlattScaling(0, 2), 1, 0.1);
        return new LearnedModel("1h", 3_600, ["BTCUSDT"], 0, 0, hierarchy, new KellySizing(0.5, 1, 0.1, 0));
    }

    private static double[] Features(double imbalance)
    {
        var features = FeatureSchema.Unavailable();
        features[Imbalance] = imbalance;
        return features;
    }

    private static AlphaSignal? At(LearnedIntegrator integrator, long ts, double imbalance) =>
        integrator.Decide(Model(), "BTCUSDT", 1, ts, (ts / Hour) % 2 == 0 ? 100 : 101, Features(imbalance), null, null);

    [Fact]
    public void It_waits_for_a_week_of_hourly_prices_then_sizes_rebalances_once_per_horizon_and_goes_quiet_when_flat()
    {
        var integrator = new LearnedIntegrator();
        for (var k = 0; k < 168; k++)
        {
            Assert.Null(At(integrator, (k * Hour) + 1, 0.2)); // σ unknown: no position
        }

        // σ = 0.00998, E = 1: half-Kelly 0.5 / 0.00998 capped at 1; confidence 2·σ(2) − 1 = 0.76159.
        var first = At(integrator, (168 * Hour) + 1, 0.2)!;
        Assert.Equal((1, 1.0, 3_600L), (first.Direction, first.Size, first.HoldingPeriodSeconds));
        Assert.Equal(0.761594, first.Confidence, 5);
        Assert.Equal(["learned_hierarchy:1h"], first.Rules);
        Assert.True(double.IsNaN(first.StopLoss) && double.IsNaN(first.TakeProfit));

        Assert.Null(At(integrator, (168 * Hour) + (Hour / 2), -0.2)); // inside the horizon: no rebalance
        var flip = At(integrator, (169 * Hour) + 1, -0.2)!;
        Assert.Equal((-1, 1.0), (flip.Direction, flip.Size));
        Assert.Equal(0.761594, flip.Confidence, 5);

        var flat = At(integrator, (170 * Hour) + 1, 0)!;
        Assert.Equal((0, 0.0, 0.0), (flat.Direction, flat.Size, flat.Confidence));
        Assert.Null(At(integrator, (171 * Hour) + 1, 0)); // flat and staying flat says nothing
    }

    [Fact]
    public void A_position_kept_at_the_next_rebalance_is_renewed_at_its_size()
    {
        var integrator = new LearnedIntegrator();
        for (var k = 0; k <= 168; k++)
        {
            At(integrator, (k * Hour) + 1, 0.2);
        }

        // The next hour's target is still at the cap: the signal renews the position, so its holding period restarts.
        var renewed = At(integrator, (169 * Hour) + 1, 0.2)!;
        Assert.Equal((1, 1.0), (renewed.Direction, renewed.Size));
        Assert.Equal(1.0, integrator.Position);
    }

    [Fact]
    public void The_state_survives_a_round_trip_through_its_snapshot()
    {
        var integrator = new LearnedIntegrator();
        for (var k = 0; k <= 168; k++)
        {
            At(integrator, (k * Hour) + 1, 0.2);
        }

        var restored = StateCodec.Load<LearnedIntegrator>(StateCodec.Save(integrator));

        var (a, b) = (At(integrator, (169 * Hour) + 1, -0.2)!, At(restored, (169 * Hour) + 1, -0.2)!);
        Assert.Equal((a.Direction, a.Size, a.Confidence, a.TsEvent), (b.Direction, b.Size, b.Confidence, b.TsEvent));
        Assert.Equal(a.Rules, b.Rules);
    }
}

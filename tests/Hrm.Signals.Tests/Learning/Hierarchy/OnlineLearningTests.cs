using Hrm.Protocol.Layers;
using Hrm.Signals.Layers;
using Hrm.Signals.Learning.Hierarchy;

namespace Hrm.Signals.Tests.Learning.Hierarchy;

/// <summary>
/// Continuous learning of a served model, on a synthetic series (not market data): prices alternate 100 / 101 every
/// hour and micro_imbalance_5 says where the next hour goes (+0.2 before a rise, −0.2 before a fall). The served model
/// starts with a zero coefficient on it, so it has no view.
/// </summary>
public sealed class OnlineLearningTests
{
    private const long Hour = 3_600_000_000_000;
    private static readonly int Imbalance = FeatureSchema.IndexOf("micro_imbalance_5");

    private static LearnedModel Model(OnlineUpdate? online)
    {
        var scaler = new FeatureScaler([FeatureColumn.Of("micro_imbalance_5")], [0], [0.2]);
        var layer = new FittedForecast(scaler, new PooledModel([0, 0], [[0, 0]], [[0, 0], [0, 0], [0, 0], [0, 0], [0, 0]]), 0.1, 1, PlattScaling.Identity, []);
        var hierarchy = new LearnedHierarchy([layer], new StackWeights(0, [1]), new PlattScaling(0, 2), 1, 0);
        return new LearnedModel("1h", 3_600, ["BTCUSDT"], 0, 0, hierarchy, new KellySizing(0.5, 1, 0.1, 0), online);
    }

    private static List<(int Hour, AlphaSignal Signal)> Run(LearnedIntegrator integrator, LearnedModel model, int hours)
    {
        var signals = new List<(int, AlphaSignal)>();
        for (var k = 0; k < hours; k++)
        {
            var features = FeatureSchema.Unavailable();
            features[Imbalance] = k % 2 == 0 ? 0.2 : -0.2; // even hours: the price rises next
            var price = k % 2 == 0 ? 100.0 : 101.0;
            if (integrator.Decide(model, "BTCUSDT", k, (k * Hour) + 1, price, features, null, null) is { } signal)
            {
                signals.Add((k, signal));
            }
        }

        return signals;
    }

    [Fact]
    public void A_served_model_learns_the_relation_from_its_own_outcomes_and_trades_it()
    {
        var integrator = new LearnedIntegrator();

        var signals = Run(integrator, Model(new OnlineUpdate(90, 2_000, 86_400)), 24 * 12);

        Assert.NotEmpty(signals);
        Assert.True(integrator.LearnedRows > 50, $"{integrator.LearnedRows} rows learned");
        // Once it trades, it is long before the rises and short before the falls.
        Assert.All(signals.Where(s => s.Signal.Direction != 0), s => Assert.Equal(s.Hour % 2 == 0 ? 1 : -1, s.Signal.Direction));
        Assert.True(signals[0].Hour > 168, "no view before a week of prices gives σ and the first labels");
    }

    [Fact]
    public void Without_online_learning_or_once_frozen_the_model_never_changes_its_view()
    {
        Assert.Empty(Run(new LearnedIntegrator(), Model(null), 24 * 12));

        var frozen = new LearnedIntegrator();
        frozen.Freeze();
        Assert.Empty(Run(frozen, Model(new OnlineUpdate(90, 2_000, 86_400)), 24 * 12));
        Assert.Equal(0, frozen.LearnedRows);
    }

    [Fact]
    public void Learning_is_deterministic_and_survives_a_snapshot_mid_way()
    {
        var model = Model(new OnlineUpdate(90, 2_000, 86_400));
        var straight = new LearnedIntegrator();
        var expected = Run(straight, model, 24 * 12);

        var first = new LearnedIntegrator();
        Run(first, model, 24 * 9);
        var restored = StateCodec.Load<LearnedIntegrator>(StateCodec.Save(first));
        var rest = new List<(int, AlphaSignal)>();
        for (var k = 24 * 9; k < 24 * 12; k++)
        {
            var features = FeatureSchema.Unavailable();
            features[Imbalance] = k % 2 == 0 ? 0.2 : -0.2;
            if (restored.Decide(model, "BTCUSDT", k, (k * Hour) + 1, k % 2 == 0 ? 100.0 : 101.0, features, null, null) is { } s)
            {
                rest.Add((k, s));
            }
        }

        Assert.Equal(
            expected.Where(s => s.Hour >= 24 * 9).Select(s => (s.Hour, s.Signal.Direction, s.Signal.Size, s.Signal.Confidence)),
            rest.Select(s => (s.Item1, s.Item2.Direction, s.Item2.Size, s.Item2.Confidence)));
    }

    [Fact]
    public void A_refit_with_no_new_rows_returns_the_served_coefficients_and_plenty_of_rows_outweigh_them()
    {
        var prior = new PooledModel([0.5, 1], [[0, 0]], [[0, 0]]);
        var empty = new PanelStatistics(2, 1, 1);
        Assert.Equal(prior.Pooled, PooledRidge.Fit(empty, new PoolingPenalty(2_000, 2_000, 2_000), prior).Pooled, (a, b) => Math.Abs(a - b) < 1e-6);

        // 200 000 rows of y = 3·z (z = ±1, intercept 0) against a prior worth 2000 rows per block: β + δ + η ≈ 3, intercept ≈ 0.
        var stats = new PanelStatistics(2, 1, 1);
        for (var i = 0; i < 200_000; i++)
        {
            var z = i % 2 == 0 ? 1.0 : -1.0;
            stats.Add([1, z], 0, 0, 3 * z);
        }

        var fit = PooledRidge.Fit(stats, new PoolingPenalty(2_000, 2_000, 2_000), prior);
        Assert.Equal(3, fit.Pooled[1] + fit.Group[0][1] + fit.Regime[0][1], 1);
        Assert.True(Math.Abs(fit.Pooled[0] + fit.Group[0][0] + fit.Regime[0][0]) < 0.05);
    }
}

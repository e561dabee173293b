using Hrm.Signals.Evaluation;
using Hrm.Signals.Evaluation.Discovery;
using Hrm.Signals.Evaluation.Labels;
using Hrm.Signals.Evaluation.WalkForward;
using Hrm.Signals.Layers;

namespace Hrm.Signals.Tests.Evaluation.Discovery;

/// <summary>
/// Discovery end to end on a named synthetic panel (not market data): one feature truly predicts the label, one is
/// noise. The predictive one survives both corrections, the noise does not, the learned hierarchy finds the signal,
/// and the same rows give the same report.
/// </summary>
public sealed class DiscoveryRunnerTests
{
    private const long Ns = 1_000_000_000;
    private const long Hour = 3_600 * Ns;
    private static readonly long Start = DateTimeOffset.Parse("2024-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds() * 1_000_000;
    private static readonly int Signal = FeatureSchema.IndexOf("macro_mom_1w_z");
    private static readonly int Noise = FeatureSchema.IndexOf("meso_rsi");
    private static readonly IReadOnlyList<Horizon> Horizons = [new("1h", 3_600), new("4h", 14_400)];

    private static DiscoveryInput SyntheticPanel()
    {
        var folds = WalkForwardPlan.Folds(Start, Start + (240 * 24 * Hour), TimeSpan.FromDays(60), TimeSpan.FromDays(30));
        var random = new Random(7);
        var rows = new List<DiscoveryRow>();
        foreach (var symbol in new[] { "AAA", "BBB" })
        {
            foreach (var fold in folds)
            {
                for (var t = fold.TestFrom; t < fold.TestTo; t += Hour)
                {
                    var features = FeatureSchema.Unavailable();
                    features[Signal] = Gaussian(random);
                    features[Noise] = Gaussian(random);
                    var labels = Horizons.Select(h =>
                    {
                        var sigma = 0.01 * Math.Sqrt(h.Seconds / 3_600.0);
                        var r = sigma * ((0.3 * features[Signal]) + Gaussian(random));
                        return new ForwardLabel(t, t + Hour, t + Hour + (h.Seconds * Ns), r, sigma);
                    }).ToArray();
                    rows.Add(new DiscoveryRow(symbol, t, fold.Index, features, labels, [0.0]));
                }
            }
        }

        return new DiscoveryInput(rows, folds, Horizons, ["flat_rule"], new CostModel(5, 1),
            new Dictionary<string, IReadOnlyList<FundingSettlement>>());
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    [Fact]
    public void The_predictive_feature_survives_the_noise_does_not_and_the_learned_hierarchy_finds_the_signal()
    {
        var report = DiscoveryRunner.Run(SyntheticPanel());

        var signal = report.Candidates.Single(c => c.Name == "macro_mom_1w_z" && c.Horizon == "1h");
        Assert.True(signal.Ic > 0.2, $"IC {signal.Ic}");
        Assert.True(signal.Survives, $"q {signal.QValue}, DSR {signal.DeflatedSharpe}");
        var noise = report.Candidates.Single(c => c.Name == "meso_rsi" && c.Horizon == "1h");
        Assert.False(noise.Survives);
        Assert.True(Math.Abs(noise.Ic!.Value) < 0.05, $"IC {noise.Ic}");
        var learned = report.Candidates.Single(c => c.Name == Candidate.LearnedHierarchy && c.Horizon == "1h");
        Assert.True(learned.Ic > 0.2, $"IC {learned.Ic}");
        Assert.True(learned.NetReturn > 0);
        Assert.True(report.Hierarchy[0].Metrics.BrierSkill > 0, "a real signal beats climatology once calibrated");

        // The flat rule never states a view: it is not tried. Every tried pair has a q-value and counts in N.
        Assert.DoesNotContain(report.Candidates, c => c.Name == "flat_rule");
        Assert.Equal(report.Candidates.Count, report.Tried);
        Assert.All(report.Candidates, c => Assert.NotNull(c.QValue));
    }

    [Fact]
    public void The_same_rows_give_the_same_report()
    {
        Assert.Equal(DiscoveryRunner.Run(SyntheticPanel()).ToJson(), DiscoveryRunner.Run(SyntheticPanel()).ToJson());
    }
}

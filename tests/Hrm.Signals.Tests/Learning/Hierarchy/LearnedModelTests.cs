using Hrm.Signals.Layers;
using Hrm.Signals.Learning.Hierarchy;

namespace Hrm.Signals.Tests.Learning.Hierarchy;

/// <summary>model.json: a fitted model survives the file byte for byte in what it predicts; anything else is a clear error.</summary>
public sealed class LearnedModelTests
{
    [Fact]
    public void A_fitted_model_read_back_from_its_file_predicts_exactly_the_same()
    {
        var random = new Random(3); // a synthetic panel, not market data
        var rows = Enumerable.Range(0, 2_000).Select(i =>
        {
            var features = FeatureSchema.Unavailable();
            features[FeatureSchema.IndexOf("macro_mom_1w_z")] = random.NextDouble() - 0.5;
            features[FeatureSchema.IndexOf("meso_rsi")] = 100 * random.NextDouble();
            var y = features[FeatureSchema.IndexOf("macro_mom_1w_z")] + (random.NextDouble() - 0.5);
            return new PanelRow(features, i % 2, i % 3, i * 3_600_000_000_000L, (i + 1) * 3_600_000_000_000L, y, y > 0);
        }).ToArray();
        var hierarchy = LearnedHierarchy.Fit(rows, new TrainingWindow(0, 2_001 * 3_600_000_000_000L), 2).Compact();
        var model = new LearnedModel("1h", 3_600, ["AAA", "BBB"], 0, 2_001 * 3_600_000_000_000L, hierarchy, KellySizing.Default(6));

        var back = LearnedModel.FromJson(model.ToJson());

        Assert.Equal(model.ToJson(), back.ToJson());
        Assert.All(rows.Take(50), r => Assert.Equal(model.Hierarchy.Forecast(r), back.Hierarchy.Forecast(r)));
        Assert.Equal(1, back.GroupOf("BBB"));
        Assert.Equal(-1, back.GroupOf("CCC"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"Horizon\": \"1h\"}")]
    [InlineData("[1, 2]")]
    public void Anything_but_a_model_is_a_format_error(string json)
    {
        Assert.Throws<FormatException>(() => LearnedModel.FromJson(json));
    }
}

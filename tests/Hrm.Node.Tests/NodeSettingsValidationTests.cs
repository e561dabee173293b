using Microsoft.Extensions.Configuration;

namespace Hrm.Node.Tests;

public sealed class NodeSettingsValidationTests
{
    [Theory]
    [InlineData("Hrm:Port", "70000", "Hrm:Port 70000 is out of range 0-65535")]
    [InlineData("Hrm:Port", "-1", "Hrm:Port -1 is out of range")]
    [InlineData("Hrm:Port", "abc", "'abc' at 'Hrm:Port'")]
    [InlineData("Hrm:Journal:Provider", "MySql", "Hrm:Journal:Provider 'MySql' is unknown")]
    [InlineData("Hrm:Journal:ConnectionString", " ", "Hrm:Journal:ConnectionString is empty")]
    [InlineData("Hrm:SeedNodes:0", "hrm-0:4053", "Hrm:SeedNodes entry 'hrm-0:4053' is not an Akka address")]
    [InlineData("Hrm:SeedNodes:0", "akka.tcp://other@hrm-0:4053", "names actor system 'other'")]
    [InlineData("Hrm:Cluster:StableAfter", "00:00:00", "Hrm:Cluster:StableAfter")]
    [InlineData("Hrm:ShutdownTimeout", "-00:00:05", "Hrm:ShutdownTimeout")]
    [InlineData("Hrm:Symbols:SnapshotEveryEvents", "0", "Hrm:Symbols:SnapshotEveryEvents 0 must be positive")]
    [InlineData("Hrm:Symbols:ModelFile", "/nonexistent/model.json", "Hrm:Symbols:ModelFile '/nonexistent/model.json'")]
    [InlineData("Hrm:Feeds:Binance:SpotWs", "https://stream.binance.com", "Hrm:Feeds:Binance:SpotWs 'https://stream.binance.com' must be an absolute ws or wss URL")]
    [InlineData("Hrm:Feeds:Binance:UsdmRest", "fapi.binance.com", "Hrm:Feeds:Binance:UsdmRest 'fapi.binance.com' must be an absolute http or https URL")]
    [InlineData("Hrm:Feeds:Binance:NoDataTimeout", "00:00:00", "Hrm:Feeds:Binance:NoDataTimeout")]
    public void Bad_values_are_rejected_with_a_one_line_reason(string key, string value, string expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [key] = value })
            .Build();

        var error = Assert.Throws<InvalidNodeSettingsException>(() => NodeSettingsLoader.Load(configuration));

        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_model_file_is_read_and_served()
    {
        var scaler = new Signals.Learning.Hierarchy.FeatureScaler([Signals.Learning.Hierarchy.FeatureColumn.Of("macro_mom_1w_z")], [0], [1]);
        var layer = new Signals.Learning.Hierarchy.FittedForecast(scaler, new Signals.Learning.Hierarchy.PooledModel([0, 1], [], []), 0.1, 1,
            Signals.Learning.Hierarchy.PlattScaling.Identity, []);
        var model = new Signals.Learning.Hierarchy.LearnedModel("4h", 14_400, ["BTCUSDT"], 0, 0,
            new Signals.Learning.Hierarchy.LearnedHierarchy([layer], new Signals.Learning.Hierarchy.StackWeights(0, [1]),
                Signals.Learning.Hierarchy.PlattScaling.Identity, 1, 0.1),
            Signals.Learning.Hierarchy.KellySizing.Default(6));
        var file = Path.Combine(Directory.CreateTempSubdirectory("hrm-node-model-").FullName, "model.json");
        File.WriteAllText(file, model.ToJson());
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Hrm:Symbols:ModelFile"] = file })
            .Build();

        var settings = NodeSettingsLoader.Load(configuration);

        Assert.Equal(14_400, settings.Symbols.LoadModel()!.HorizonSeconds);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var settings = new NodeSettings { Port = 99999, Journal = new JournalOptions { Provider = "Oracle", ConnectionString = "" } };

        Assert.Equal(3, NodeSettingsLoader.Validate(settings).Count);
    }

    [Fact]
    public void Valid_settings_pass()
    {
        Assert.Empty(NodeSettingsLoader.Validate(new NodeSettings { SeedNodes = ["akka.tcp://hrm@hrm-0.hrm:4053"] }));
    }
}

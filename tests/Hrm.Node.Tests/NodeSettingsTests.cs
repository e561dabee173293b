using Microsoft.Extensions.Configuration;

namespace Hrm.Node.Tests;

public sealed class NodeSettingsTests
{
    [Fact]
    public void Settings_bind_from_json_and_environment_style_keys_override_them()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Hrm:Port"] = "4053",
                ["Hrm:SeedNodes:0"] = "akka.tcp://hrm@hrm-0.hrm:4053",
                ["Hrm:JournalProvider"] = "PostgreSQL.15",
            })
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Hrm:Port"] = "5055" })
            .Build();

        var settings = configuration.GetSection("Hrm").Get<NodeSettings>()!;

        Assert.Equal(5055, settings.Port);
        Assert.Equal(["akka.tcp://hrm@hrm-0.hrm:4053"], settings.SeedNodes);
        Assert.Equal("PostgreSQL.15", settings.JournalProvider);
        Assert.Equal(["symbols"], settings.Roles);
    }
}

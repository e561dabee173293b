namespace Hrm.Node;

/// <summary>A cluster node's settings, bound from appsettings.json and HRM__* environment variables.</summary>
public sealed class NodeSettings
{
    public string ActorSystemName { get; set; } = "hrm";
    public string Hostname { get; set; } = "127.0.0.1";
    public string? PublicHostname { get; set; }
    public int Port { get; set; } = 4053;
    public string[] SeedNodes { get; set; } = [];
    public string[] Roles { get; set; } = ["symbols"];
    public string JournalProvider { get; set; } = "SQLite.MS";
    public string JournalConnectionString { get; set; } = "Data Source=hrm-node.db";
}

namespace Hrm.Actors.Hosting;

/// <summary>Where signals and snapshots are persisted. SQLite in a file is the embedded default.</summary>
public sealed record JournalSettings(string ConnectionString, string ProviderName)
{
    public const string Sqlite = "SQLite.MS";
    public const string PostgreSql = "PostgreSQL.15";
    public const string SqlServer = "SqlServer.2022";

    public static JournalSettings SqliteFile(string path) => new($"Data Source={Path.GetFullPath(path)}", Sqlite);
}

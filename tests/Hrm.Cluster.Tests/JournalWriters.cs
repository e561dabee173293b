using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Hrm.Cluster.Tests;

/// <summary>
/// Who wrote each symbol entity's journal rows. Every incarnation of a persistent actor writes with its own writer id;
/// two live copies of one entity would interleave their ids along the sequence numbers. A clean failover shows each
/// writer as one contiguous run that never comes back once the next one starts.
/// </summary>
public static class JournalWriters
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Runs(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT persistence_id, writer_uuid FROM journal WHERE persistence_id LIKE 'symbol-%' ORDER BY persistence_id, sequence_number";
        using var reader = command.ExecuteReader();
        var runs = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        while (reader.Read())
        {
            var id = reader.GetString(0);
            var writer = reader.GetString(1);
            if (!runs.TryGetValue(id, out var list))
            {
                runs[id] = list = [];
            }

            if (list.Count == 0 || list[^1] != writer)
            {
                list.Add(writer);
            }
        }

        return runs.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value, StringComparer.Ordinal);
    }

    /// <summary>Fails when any entity's writers interleave (a writer that comes back after another one wrote).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> AssertOneWriterAtATime(string provider, string connectionString)
    {
        using DbConnection connection = provider.StartsWith("PostgreSQL", StringComparison.Ordinal)
            ? new NpgsqlConnection(connectionString)
            : new SqliteConnection(connectionString);
        connection.Open();
        var runs = Runs(connection);
        Assert.NotEmpty(runs);
        foreach (var (id, writers) in runs)
        {
            Assert.True(writers.Distinct().Count() == writers.Count, $"{id}: writers interleave along the sequence numbers: {string.Join(" → ", writers)}");
        }

        return runs;
    }
}

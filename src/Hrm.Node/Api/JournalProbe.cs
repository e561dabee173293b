using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Hrm.Node.Api;

/// <summary>
/// Checks that the journal's database answers: opens a connection with the configured provider's ADO.NET driver and
/// runs <c>SELECT 1</c>. Remembers the last round trip for /metrics.
/// </summary>
public sealed class JournalProbe(NodeSettings settings)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>Seconds the last successful probe took (open + SELECT 1); null before the first.</summary>
    public double? LastLatencySeconds { get; private set; }

    public bool? LastSucceeded { get; private set; }

    /// <summary>Null when the journal answered, else why not.</summary>
    public async Task<string?> ProbeAsync(CancellationToken cancellation)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        cts.CancelAfter(Timeout);
        var clock = Stopwatch.StartNew();
        try
        {
            await using var connection = Connect(settings.Journal);
            await connection.OpenAsync(cts.Token);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(cts.Token);
            LastLatencySeconds = clock.Elapsed.TotalSeconds;
            LastSucceeded = true;
            return null;
        }
        catch (Exception e) when (e is DbException or OperationCanceledException or InvalidOperationException or ArgumentException)
        {
            LastSucceeded = false;
            return e is OperationCanceledException && !cancellation.IsCancellationRequested
                ? $"the journal ({settings.Journal.Provider}) did not answer SELECT 1 within {Timeout.TotalSeconds:0} s"
                : $"the journal ({settings.Journal.Provider}) failed SELECT 1: {e.Message.Split('\n', 2)[0].Trim()}";
        }
    }

    private static DbConnection Connect(JournalOptions journal) => journal.Provider switch
    {
        JournalOptions.PostgreSql => new NpgsqlConnection(journal.ConnectionString),
        JournalOptions.SqlServer => new SqlConnection(journal.ConnectionString),
        _ => new SqliteConnection(journal.ConnectionString),
    };
}

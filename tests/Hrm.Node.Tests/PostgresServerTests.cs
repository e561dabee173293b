using Hrm.Testing;
using Npgsql;

namespace Hrm.Node.Tests;

public sealed class PostgresServerTests
{
    [Fact]
    public async Task The_test_server_answers_a_query()
    {
        await using var connection = new NpgsqlConnection(PostgresServer.ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select 1", connection);

        Assert.Equal(1, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Each_created_database_is_fresh_and_separate()
    {
        var first = PostgresServer.CreateDatabase("Node Tests");
        var second = PostgresServer.CreateDatabase("Node Tests");
        Assert.NotEqual(new NpgsqlConnectionStringBuilder(first).Database, new NpgsqlConnectionStringBuilder(second).Database);

        await using var connection = new NpgsqlConnection(first);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select count(*) from information_schema.tables where table_schema = 'public'", connection);

        Assert.Equal(0L, await command.ExecuteScalarAsync());
        Assert.StartsWith("node_tests_", connection.Database);
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Npgsql;

namespace Hrm.Testing;

/// <summary>
/// PostgreSQL for tests: the server named by <c>HRM_TEST_POSTGRES</c> (CI starts one, see .ci/run), otherwise a
/// private throwaway server this process starts once, lazily, from the machine's PostgreSQL binaries (as the
/// <c>postgres</c> user when running as root) and stops when it exits. Linked into every test project.
/// </summary>
public static partial class PostgresServer
{
    public const string EnvironmentVariable = "HRM_TEST_POSTGRES";

    private static readonly Lazy<string> Server = new(Locate, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The connection string of the shared test database; throws, saying how to provide one, if there is none.</summary>
    public static string ConnectionString() => Server.Value;

    /// <summary>Creates a fresh, empty database for one test (a unique name starting with <paramref name="name"/>).</summary>
    public static string CreateDatabase(string name)
    {
        var database = $"{Sanitize(name)}_{Guid.NewGuid():N}"; // at most 63 characters, PostgreSQL's limit
        var admin = new NpgsqlConnectionStringBuilder(ConnectionString()) { Pooling = false };
        using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            create.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString()) { Database = database }.ConnectionString;
    }

    private static string Locate()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException(
                $"These tests need PostgreSQL. Set {EnvironmentVariable} to a connection string " +
                "(e.g. Host=127.0.0.1;Port=55432;Database=hrm;Username=postgres; .ci/run starts such a server), " +
                "or install PostgreSQL (apt-get install postgresql) so the tests can start a private one " +
                "(no initdb found under /usr/lib/postgresql/*/bin).");
        }

        return PrivateServer.Start(bin);
    }

    private static string Sanitize(string name)
    {
        var clean = InvalidChars().Replace(name.ToLowerInvariant(), "_");
        clean = clean.Length == 0 || char.IsDigit(clean[0]) ? "t_" + clean : clean;
        return clean.Length > 30 ? clean[..30] : clean;
    }

    [GeneratedRegex("[^a-z0-9_]")]
    private static partial Regex InvalidChars();

    /// <summary>initdb into a temp directory, pg_ctl start on a free loopback port with fsync off; stopped at exit.</summary>
    private static class PrivateServer
    {
        public static string Start(string bin)
        {
            var root = Directory.CreateTempSubdirectory("hrm-pg-").FullName;
            var data = Path.Combine(root, "data");
            var asRoot = Environment.IsPrivilegedProcess;
            if (asRoot)
            {
                Run("chown", ["postgres:postgres", root], asRoot: false); // initdb refuses to run as root
            }

            var port = FreePorts.Next();
            Run(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"], asRoot);
            Run(Path.Combine(bin, "pg_ctl"),
                ["-D", data, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60", "-o",
                    $"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off", "start"],
                asRoot);
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try
                {
                    Run(Path.Combine(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "stop"], asRoot);
                    Directory.Delete(root, recursive: true);
                }
                catch (Exception)
                {
                    // Best effort at exit: a leftover server dies with the machine's temp directory.
                }
            };

            var baseConnection = $"Host=127.0.0.1;Port={port};Username=postgres";
            using (var connection = new NpgsqlConnection(baseConnection + ";Database=postgres;Pooling=false"))
            {
                connection.Open();
                using var create = new NpgsqlCommand("CREATE DATABASE hrm", connection);
                create.ExecuteNonQuery();
            }

            return baseConnection + ";Database=hrm";
        }

        private static void Run(string file, IReadOnlyList<string> arguments, bool asRoot)
        {
            var start = new ProcessStartInfo(asRoot ? "runuser" : file)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            if (asRoot)
            {
                foreach (var a in (string[])["-u", "postgres", "--", file])
                {
                    start.ArgumentList.Add(a);
                }
            }

            foreach (var a in arguments)
            {
                start.ArgumentList.Add(a);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"{Path.GetFileName(file)} did not finish within 90 s");
            }

            if (process.ExitCode != 0)
            {
                Task.WaitAll([stdout, stderr], TimeSpan.FromSeconds(5));
                throw new InvalidOperationException(
                    $"{Path.GetFileName(file)} {string.Join(' ', arguments)} failed ({process.ExitCode}): " +
                    $"{(stderr.IsCompleted ? stderr.Result : "")}{(stdout.IsCompleted ? stdout.Result : "")}".Trim());
            }
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using Akka.Hosting;
using Akka.Persistence;
using Hrm.Actors.Hosting;
using Hrm.Protocol.Layers;
using Hrm.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

/// <summary>
/// Journal benchmark: signals persisted per second through the HRM journal (Akka.Persistence.Sql, HRM MessagePack
/// serializer), as SymbolActor writes them (PersistAll per batch, one batch in flight per entity). N persistent actors
/// each persist M realistic <see cref="AlphaSignal"/>s in batches of B, then one entity's events are read back.
/// No cluster: an ActorSystem with <c>WithHrmSerialization()</c> + <c>WithHrmPersistence(...)</c> only.
/// Usage: journal --provider SQLite.MS|PostgreSQL.15 [--connection cs] [--entities 8] [--signals 20000] [--batch 16]
/// Without --connection: SQLite uses a new temp file; PostgreSQL uses HRM_TEST_POSTGRES or a private server started
/// as the tests do (tests/Shared/PostgresServer.cs). PostgreSQL runs in a fresh database, dropped at the end.
/// </summary>
internal static class JournalBench
{
    private const int WarmupSignals = 512;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = Parse(args);
        var provider = options.GetValueOrDefault("provider", JournalSettings.Sqlite);
        var entities = Int(options, "entities", 8);
        var signals = Int(options, "signals", 20_000);
        var batch = Int(options, "batch", 16);
        var postgres = provider.StartsWith("PostgreSQL", StringComparison.OrdinalIgnoreCase);
        if (!postgres && !provider.StartsWith("SQLite", StringComparison.OrdinalIgnoreCase))
        {
            Console.Error.WriteLine($"journal: unsupported provider {provider} (use {JournalSettings.Sqlite} or {JournalSettings.PostgreSql})");
            return 2;
        }

        string connection;
        string? sqliteFile = null;
        if (postgres)
        {
            if (options.TryGetValue("connection", out var configured))
            {
                Environment.SetEnvironmentVariable(PostgresServer.EnvironmentVariable, configured);
            }

            connection = PostgresServer.CreateDatabase("hrm_bench_journal");
        }
        else if (options.TryGetValue("connection", out var configured))
        {
            connection = configured;
        }
        else
        {
            sqliteFile = Path.Combine(Path.GetTempPath(), $"hrm-bench-journal-{Guid.NewGuid():N}.db");
            connection = JournalSettings.SqliteFile(sqliteFile).ConnectionString;
        }

        Console.WriteLine(
            $"journal: {provider}; {entities} entities x {signals:N0} signals, PersistAll batches of {batch}; " +
            $"{Environment.ProcessorCount} cores; {Redact(connection)}");
        try
        {
            await Measure(new JournalSettings(connection, provider), entities, signals, batch);
        }
        finally
        {
            if (postgres)
            {
                DropDatabase(connection);
            }

            if (sqliteFile is not null)
            {
                foreach (var file in new[] { sqliteFile, sqliteFile + "-wal", sqliteFile + "-shm", sqliteFile + "-journal" })
                {
                    File.Delete(file);
                }
            }
        }

        return 0;
    }

    private static async Task Measure(JournalSettings journal, int entities, int signals, int batch)
    {
        var host = new HostBuilder()
            .ConfigureLogging(logging => logging.ClearProviders().SetMinimumLevel(LogLevel.Warning))
            .ConfigureServices(services => services.AddAkka("hrm-bench", builder => builder
                .AddHocon("akka.loglevel = WARNING", HoconAddMode.Prepend)
                .WithHrmSerialization()
                .WithHrmPersistence(journal)))
            .Build();
        await host.StartAsync();
        try
        {
            var system = host.Services.GetRequiredService<ActorSystem>();
            var sample = SignalWriter.Signal("BTCUSDT-0", 1);
            var bytes = system.Serialization.FindSerializerFor(sample).ToBinary(sample).Length;
            Console.WriteLine($"signal size: {bytes} bytes serialized (HRM MessagePack)");

            // Warm-up (not timed): creates the tables, opens the connection pool and JITs the write path.
            await Write(system, "warmup", 1, WarmupSignals, batch);

            var clock = Stopwatch.StartNew();
            var latencies = await Write(system, "run", entities, signals, batch);
            var seconds = clock.Elapsed.TotalSeconds;
            var total = (long)entities * signals;
            Console.WriteLine($"persist: {total:N0} signals in {seconds:F3} s = {total / seconds:N0} signals/s");
            Array.Sort(latencies);
            var p99 = latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(latencies.Length * 0.99) - 1)];
            Console.WriteLine(
                $"batch latency: mean {latencies.Average():F2} ms, p99 {p99:F2} ms, max {latencies[^1]:F2} ms " +
                $"({latencies.Length:N0} batches of {batch})");

            var recovered = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            clock.Restart();
            system.ActorOf(Props.Create(() => new SignalReader(SignalWriter.Id("run", 0), recovered)), "reader");
            var events = await recovered.Task.WaitAsync(TimeSpan.FromMinutes(10));
            var recovery = clock.Elapsed.TotalSeconds;
            Console.WriteLine($"recovery (1 entity): {events:N0} events in {recovery:F3} s = {events / recovery:N0} events/s");
        }
        finally
        {
            await host.StopAsync();
            host.Dispose();
        }
    }

    /// <summary>Starts <paramref name="entities"/> writers and returns all their batch latencies (ms) when all are done.</summary>
    private static async Task<double[]> Write(ActorSystem system, string run, int entities, int signals, int batch)
    {
        var done = Enumerable.Range(0, entities)
            .Select(_ => new TaskCompletionSource<List<double>>(TaskCreationOptions.RunContinuationsAsynchronously))
            .ToArray();
        var writers = Enumerable.Range(0, entities)
            .Select(i => system.ActorOf(
                Props.Create(() => new SignalWriter(SignalWriter.Id(run, i), $"BTCUSDT-{i}", signals, batch, done[i])),
                $"{run}-{i}"))
            .ToList();
        foreach (var writer in writers)
        {
            writer.Tell(SignalWriter.Next.Instance);
        }

        var results = await Task.WhenAll(done.Select(d => d.Task)).WaitAsync(TimeSpan.FromMinutes(30));
        foreach (var writer in writers)
        {
            writer.Tell(PoisonPill.Instance);
        }

        return results.SelectMany(r => r).ToArray();
    }

    private static void DropDatabase(string connection)
    {
        try
        {
            NpgsqlConnection.ClearAllPools();
            var target = new NpgsqlConnectionStringBuilder(connection);
            var admin = new NpgsqlConnectionStringBuilder(connection) { Database = "postgres", Pooling = false };
            using var open = new NpgsqlConnection(admin.ConnectionString);
            open.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{target.Database}\" WITH (FORCE)", open);
            drop.ExecuteNonQuery();
        }
        catch (NpgsqlException e)
        {
            Console.Error.WriteLine($"journal: could not drop the bench database: {e.Message}");
        }
    }

    private static string Redact(string connection) =>
        string.Join(';', connection.Split(';').Where(p => !p.TrimStart().StartsWith("Password", StringComparison.OrdinalIgnoreCase)));

    private static Dictionary<string, string> Parse(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"journal: expected --name value, got '{args[i]}'");
            }

            options[args[i][2..]] = args[++i];
        }

        return options;
    }

    private static int Int(Dictionary<string, string> options, string name, int fallback) =>
        options.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
}

/// <summary>Persists <c>signals</c> AlphaSignals in PersistAll batches, one batch in flight, timing each batch.</summary>
internal sealed class SignalWriter : ReceivePersistentActor
{
    private static readonly string[][] Drivers =
    [
        ["ofi:0.42", "vpin_high", "iceberg_bid"],
        ["ofi:-0.31", "spoofing_ask", "exchange_lag:binance"],
        ["trade_imbalance:0.18", "absorption_bid"],
    ];

    private static readonly string[][] Rules =
    [
        ["consistency_check:micro_meso_disagree:confidence_halved"],
        ["regime_filter:trending", "max_position"],
        ["consistency_check", "stop_loss:atr_2"],
    ];

    private static readonly string[] Patterns = ["breakout", "range", "pullback"];

    private readonly string _symbol;
    private readonly int _signals;
    private readonly int _batch;
    private readonly TaskCompletionSource<List<double>> _done;
    private readonly List<double> _latencies = [];
    private long _written;

    public SignalWriter(string persistenceId, string symbol, int signals, int batch, TaskCompletionSource<List<double>> done)
    {
        PersistenceId = persistenceId;
        _symbol = symbol;
        _signals = signals;
        _batch = batch;
        _done = done;
        Recover<AlphaSignal>(s => _written = s.Sequence);
        Command<Next>(_ => PersistBatch());
    }

    public override string PersistenceId { get; }

    public static string Id(string run, int entity) => $"bench-{run}-{entity}";

    public static AlphaSignal Signal(string symbol, long sequence)
    {
        var i = (int)(sequence % 3);
        var price = 61_800 + (sequence % 500) * 0.1;
        var direction = i == 1 ? -1 : 1;
        return new AlphaSignal(
            symbol, sequence, 1_723_161_600_000_000_000L + sequence * 250_000_000L, direction, 0.5 + i * 0.07,
            0.01 + i * 0.001, 900 + i * 300, price - direction * 120.5, price + direction * 240.25,
            i == 2 ? "ranging" : "trending", Patterns[i], Drivers[i], Rules[i], price);
    }

    private void PersistBatch()
    {
        if (_written >= _signals)
        {
            _done.TrySetResult(_latencies);
            return;
        }

        var count = (int)Math.Min(_batch, _signals - _written);
        var events = new AlphaSignal[count];
        for (var k = 0; k < count; k++)
        {
            events[k] = Signal(_symbol, _written + k + 1);
        }

        var started = Stopwatch.GetTimestamp();
        var remaining = count;
        PersistAll(events, signal =>
        {
            _written = signal.Sequence;
            if (--remaining == 0)
            {
                _latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                Self.Tell(Next.Instance);
            }
        });
    }

    public sealed class Next
    {
        public static readonly Next Instance = new();
    }
}

/// <summary>Replays one entity's events and reports how many it read.</summary>
internal sealed class SignalReader : ReceivePersistentActor
{
    private long _events;

    public SignalReader(string persistenceId, TaskCompletionSource<long> done)
    {
        PersistenceId = persistenceId;
        Recover<AlphaSignal>(_ => _events++);
        Recover<RecoveryCompleted>(_ => done.TrySetResult(_events));
    }

    public override string PersistenceId { get; }
}

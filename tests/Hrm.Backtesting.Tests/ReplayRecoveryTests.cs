using System.Text.Json;
using Hrm.Actors.Symbol;
using Hrm.Backtesting;
using Hrm.Protocol.Serialization;
using Hrm.Testing;
using Microsoft.Data.Sqlite;

namespace Hrm.Backtesting.Tests;

/// <summary>
/// Real ETHUSDT captures of 2024-08-09 (spot, USD-M, COIN-M) with 1h history, replayed through the embedded cluster:
/// the same input gives byte-identical signals, and a run stopped in the middle and resumed over the same SQLite
/// journal ends with exactly the signals of an uninterrupted run.
/// </summary>
public sealed class ReplayRecoveryTests : IClassFixture<ReplayRecoveryTests.Uninterrupted>
{
    private readonly Uninterrupted _reference;

    public ReplayRecoveryTests(Uninterrupted reference) => _reference = reference;

    [Fact]
    public void The_reference_run_reports_the_signals_of_the_replayed_window_with_contiguous_sequences()
    {
        var rows = _reference.Csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.NotEmpty(rows);
        var sequences = rows.Select(r => long.Parse(r.Split(',')[1])).ToList();
        // Signals of the history warm-up are journaled but not reported: the report starts right after them.
        var first = _reference.Summary.WarmupSignalsExcluded + 1;
        Assert.Equal(Enumerable.Range((int)first, rows.Count).Select(i => (long)i), sequences);
        Assert.All(rows, r => Assert.StartsWith("2024-08-", r.Split(',')[3]));
        Assert.True(_reference.Summary.Completed);
    }

    [Fact]
    public void Journal_and_snapshot_rows_are_written_by_the_hrm_serializer()
    {
        using var db = new SqliteConnection($"Data Source={Path.Combine(_reference.Output, "hrm.db")};Mode=ReadOnly");
        db.Open();
        var journal = Rows(db, "SELECT identifier, manifest, COUNT(*) FROM journal WHERE persistence_id = 'symbol-ETHUSDT' GROUP BY 1, 2");
        var snapshots = Rows(db, "SELECT serializer_id, manifest, COUNT(*) FROM snapshot WHERE persistence_id = 'symbol-ETHUSDT' GROUP BY 1, 2");

        var signals = _reference.Csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1 + _reference.Summary.WarmupSignalsExcluded;
        Assert.Equal([(HrmSerializer.SerializerId, "sa", (long)signals)], journal);
        Assert.Equal([(HrmSerializer.SerializerId, "sn", 1L)], snapshots);
    }

    private static List<(long, string, long)> Rows(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<(long, string, long)>();
        while (reader.Read())
        {
            rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2)));
        }

        return rows;
    }

    [Fact]
    public async Task Two_replays_of_the_same_data_give_byte_identical_signals()
    {
        var output = SharedData.NewTempDirectory("determinism");
        var again = await Uninterrupted.RunAsync(Options(output));

        Assert.Equal(_reference.Csv, again.Csv);
        Assert.Equal(
            await File.ReadAllTextAsync(Path.Combine(_reference.Output, "metrics.json")),
            await File.ReadAllTextAsync(Path.Combine(output, "metrics.json")));
    }

    [Fact]
    public async Task The_capture_is_scored_on_book_mids_with_every_baseline_and_the_micro_layer_judged()
    {
        using var metrics = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_reference.Output, "metrics.json")));
        var root = metrics.RootElement;
        var baselines = root.GetProperty("baselines");
        Assert.Equal(
            ["buy_and_hold", "macro_alone", "meso_alone", "micro_alone", "naive_average", "random_sign_placebo", "tsmom", "vol_target_long"],
            baselines.EnumerateObject().Select(p => p.Name));
        // Forecasts are judged at the micro horizons on the mids; the climatology is prequential.
        var forecasts = root.GetProperty("overall").GetProperty("forecasts");
        Assert.Equal(["1s", "10s", "60s"], forecasts.EnumerateObject().Select(p => p.Name));
        Assert.True(baselines.GetProperty("micro_alone").GetProperty("forecasts").GetProperty("10s").GetProperty("points").GetInt32() > 0);
        Assert.StartsWith("prequential", root.GetProperty("capture").GetProperty("climatology").GetString());
        // The tick capture gives the micro layer something to say: it trades alone, and its calls are judged.
        Assert.True(baselines.GetProperty("micro_alone").GetProperty("trades").GetInt32() > 0);
        var micro = root.GetProperty("overall").GetProperty("micro");
        Assert.True(micro.GetProperty("micro_calls_judged").GetInt32() > 0);
        Assert.Equal(JsonValueKind.Number, micro.GetProperty("execution_alpha_bps").ValueKind);
        Assert.Equal(1, baselines.GetProperty("buy_and_hold").GetProperty("trades").GetInt32());
        // The window scored is the capture, not the candle history that warmed the layers up.
        Assert.StartsWith("2024-08-0", root.GetProperty("capture").GetProperty("from").GetString());
        Assert.Equal(5, root.GetProperty("capture").GetProperty("fee_bps").GetDouble());
    }

    [Fact]
    public async Task A_replay_stopped_midway_and_resumed_over_the_same_journal_ends_with_the_same_signals()
    {
        var output = SharedData.NewTempDirectory("recovery");
        // Frequent snapshots, so the stop falls between a snapshot and later journaled signals.
        var options = Options(output) with { Symbol = new SymbolSettings { SnapshotEveryEvents = 20_000 } };
        var halfway = _reference.Summary.EventsReplayed / 2;
        using var stop = new CancellationTokenSource();

        var first = await BacktestRunner.RunAsync(options, new StopAt(halfway, stop), stop.Token);
        Assert.False(first.Completed);
        var partial = await File.ReadAllTextAsync(Path.Combine(output, "signals.csv"));

        var resumed = await BacktestRunner.RunAsync(options with { Resume = true });
        var csv = await File.ReadAllTextAsync(Path.Combine(output, "signals.csv"));

        Assert.True(resumed.Completed);
        Assert.True(resumed.EventsReplayed < _reference.Summary.EventsReplayed, "the resumed run must start from the stored offset, not from zero");
        Assert.True(partial.Length < csv.Length, "the stop must fall before the end of the signal stream");
        Assert.Equal(_reference.Csv, csv);
    }

    internal static BacktestOptions Options(string output) => new()
    {
        DataDirectory = SharedData.Window2024,
        HistoryDirectory = SharedData.History,
        Symbols = ["ETHUSDT"],
        OutDirectory = output,
    };

    /// <summary>Cancels the replay once the driver has sent <c>at</c> events (reported synchronously).</summary>
    private sealed class StopAt(long at, CancellationTokenSource stop) : IProgress<long>
    {
        public void Report(long value)
        {
            if (value >= at)
            {
                stop.Cancel();
            }
        }
    }

    public sealed class Uninterrupted : IAsyncLifetime
    {
        public string Csv { get; private set; } = "";
        public string Output { get; } = SharedData.NewTempDirectory("reference");
        public BacktestSummary Summary { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var run = await RunAsync(Options(Output));
            Csv = run.Csv;
            Summary = run.Summary;
        }

        public Task DisposeAsync() => Task.CompletedTask;

        public static async Task<(string Csv, BacktestSummary Summary)> RunAsync(BacktestOptions options)
        {
            var summary = await BacktestRunner.RunAsync(options);
            return (await File.ReadAllTextAsync(Path.Combine(options.OutDirectory, "signals.csv")), summary);
        }
    }
}

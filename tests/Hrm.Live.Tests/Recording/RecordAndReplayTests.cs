using System.IO.Compression;
using System.Text;
using Akka.Actor;
using Akka.Streams;
using Hrm.Backtesting;
using Hrm.Live.Binance;
using Hrm.Live.Recording;
using Hrm.Live.Tests.Binance;
using Hrm.Protocol.Market;
using Hrm.Testing;

namespace Hrm.Live.Tests.Recording;

/// <summary>
/// What <c>hrm record</c> runs (a connector, <see cref="Recorder"/>, <see cref="CaptureFiles"/>, <see cref="RecordLog"/>)
/// against the loopback venue serving a real capture: the recording holds the capture's messages in the capture's order
/// (REST snapshot included, where it was), and a backtest over it gives byte for byte the signals of a backtest over the
/// original. Futures messages all carry the exchange's time; spot book tickers do not (their stamps follow the
/// receive clock, docs/LIVE.md), so for spot the test holds the recording to the original's lines only.
/// </summary>
public sealed class RecordAndReplayTests : IAsyncLifetime
{
    private ActorSystem _system = null!;

    public Task InitializeAsync()
    {
        _system = ActorSystem.Create("record-tests", "akka.loglevel = WARNING");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _system.Terminate();

    [Theory]
    [InlineData("usdm_btcusdt")]
    [InlineData("cm_btcusd_perp")]
    [InlineData("spot_btcusdt")]
    public async Task A_recording_holds_the_capture_lines_in_order_with_its_record_json(string prefix)
    {
        var capture = RecordedCapture.Load(prefix);
        var outDir = SharedData.NewTempDirectory("record-" + prefix);

        var log = await RecordAllAsync(capture, outDir);

        Assert.Equal(capture.Lines.Select(l => Encoding.UTF8.GetString(l.Json)), ReadJsonLines(outDir, prefix));
        Assert.Equal(capture.Lines.Count, log.Messages);
        Assert.Equal((0, 0), (log.Gaps, log.Reconnects));
        using var record = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Path.Combine(outDir, "record.json")));
        var root = record.RootElement;
        Assert.Equal(capture.Venue.Name(), root.GetProperty("venue").GetString());
        Assert.Equal(capture.Lines.Count, root.GetProperty("messages").GetInt64());
        var streams = root.GetProperty("messages_per_stream").GetProperty(prefix);
        Assert.Equal(1, streams.GetProperty("rest:depth").GetInt64());
        foreach (var stream in capture.Lines.Where(l => l.Stream is not null).GroupBy(l => l.Stream!))
        {
            Assert.Equal(stream.Count(), streams.GetProperty(stream.Key).GetInt64());
        }

        Assert.Equal(0, root.GetProperty("gaps").GetInt32());
        Assert.Equal(1, root.GetProperty("connections").GetInt32());
    }

    [Theory]
    [InlineData("usdm_btcusdt")]
    [InlineData("cm_btcusd_perp")]
    public async Task A_backtest_over_the_recording_gives_the_signals_of_a_backtest_over_the_original(string prefix)
    {
        var capture = RecordedCapture.Load(prefix);
        var root = SharedData.NewTempDirectory("replay-" + prefix);
        var original = Directory.CreateDirectory(Path.Combine(root, "original")).FullName;
        foreach (var file in capture.Capture.Files) File.Copy(file, Path.Combine(original, Path.GetFileName(file)));
        var recorded = Path.Combine(root, "recorded");
        await RecordAllAsync(capture, recorded);

        var fromOriginal = await BacktestAsync(original, Path.Combine(root, "out-original"));
        var fromRecording = await BacktestAsync(recorded, Path.Combine(root, "out-recorded"));

        Assert.True(fromOriginal.Length > 100, $"the original's backtest wrote {fromOriginal.Length} bytes of signals");
        Assert.Equal(fromOriginal, fromRecording);
    }

    /// <summary>Records the capture's venue until every line of the capture has arrived, as <c>hrm record</c> does.</summary>
    private async Task<RecordLog> RecordAllAsync(RecordedCapture capture, string outDir)
    {
        await using var venue = await LoopbackBinance.StartAsync(capture, new LoopbackScript(capture.Lines.Count, HoldAtSnapshot: true));
        var connector = new BinanceConnector(venue.Settings, [capture.Instrument]);
        var log = new RecordLog();
        using var files = new CaptureFiles(outDir);
        using var stop = new CancellationTokenSource();
        var recording = Recorder.RunAsync(connector, files, log, TimeSpan.FromMinutes(2), _system.Materializer(), stop.Token);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (log.Messages < capture.Lines.Count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        await stop.CancelAsync();
        await recording.WaitAsync(TimeSpan.FromSeconds(30));
        files.Dispose();
        await using (var json = File.Create(Path.Combine(outDir, "record.json")))
        {
            log.WriteJson(json, capture.Venue.Name(), ["BTCUSDT"], 0, 0, files.Written);
        }

        Assert.True(log.Messages == capture.Lines.Count, $"recorded {log.Messages} of {capture.Lines.Count} messages");
        return log;
    }

    private static List<string> ReadJsonLines(string directory, string prefix)
    {
        var lines = new List<string>();
        foreach (var file in Directory.GetFiles(directory, prefix + "_*.gz").Order(StringComparer.Ordinal))
        {
            using var reader = new StreamReader(new GZipStream(File.OpenRead(file), CompressionMode.Decompress));
            while (reader.ReadLine() is { } line)
            {
                lines.Add(line[(line.IndexOf(' ') + 1)..]);
            }
        }

        return lines;
    }

    private static async Task<byte[]> BacktestAsync(string data, string outDir)
    {
        await BacktestRunner.RunAsync(new BacktestOptions
        {
            DataDirectory = data,
            HistoryDirectory = SharedData.History,
            Symbols = ["BTCUSDT"],
            OutDirectory = outDir,
        });
        return await File.ReadAllBytesAsync(Path.Combine(outDir, "signals.csv"));
    }
}

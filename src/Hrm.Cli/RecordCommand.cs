using System.CommandLine;
using Akka.Actor;
using Akka.Streams;
using Hrm.Live;
using Hrm.Live.Binance;
using Hrm.Live.Recording;
using Hrm.Protocol;
using Hrm.Protocol.Market;

namespace Hrm.Cli;

/// <summary>
/// <c>hrm record</c>: connects to one venue's live streams for a while and writes what arrives in the capture format
/// the readers read (<c>hrm backtest --data &lt;out&gt;</c> replays it), with <c>record.json</c> saying what was seen.
/// </summary>
public static class RecordCommand
{
    public static Command Create()
    {
        var venue = new Option<string>("--venue") { Description = "binance-spot, binance-usdm, binance-coinm or deribit", Required = true };
        var symbols = new Option<string>("--symbols")
        {
            Description = "Comma-separated canonical symbols (BTCUSDT,ETHUSDT) on Binance; Deribit instrument names (BTC-27DEC26-100000-C) on deribit",
            Required = true,
        };
        var output = new Option<string>("--out") { Description = "Directory the capture files and record.json are written to", Required = true };
        var duration = new Option<string>("--duration") { Description = "How long to record: a number with s, m, h or d (10m)", Required = true };
        var wsUrl = new Option<string?>("--ws-url") { Description = "Websocket base URL (default: the venue's real one; a path may follow the host)" };
        var restUrl = new Option<string?>("--rest-url") { Description = "REST base URL for depth snapshots (Binance; default: the venue's real one)" };
        var command = new Command("record", "Record a venue's live market data in the capture format hrm backtest reads, with record.json")
        {
            venue, symbols, output, duration, wsUrl, restUrl,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            if (!VenueNames.TryParse(parse.GetValue(venue), out var v) || !(VenueNames.PrimaryPreference.Contains(v) || v == Venue.Deribit))
            {
                return Fail($"--venue must be binance-spot, binance-usdm, binance-coinm or deribit (got '{parse.GetValue(venue)}').");
            }

            if (!DurationText.TryParse(parse.GetValue(duration)!, out var span))
            {
                return Fail($"--duration must be a positive number with s, m, h or d, e.g. 10m (got '{parse.GetValue(duration)}').");
            }

            var names = parse.GetValue(symbols)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (names.Length == 0)
            {
                return Fail("--symbols names no symbol; give e.g. BTCUSDT,ETHUSDT.");
            }

            if ((BadUrl(parse.GetValue(wsUrl), "--ws-url", "ws", "wss") ?? BadUrl(parse.GetValue(restUrl), "--rest-url", "http", "https")) is { } badUrl)
            {
                return Fail(badUrl);
            }

            var connectors = Connectors(v, parse.GetValue(wsUrl), parse.GetValue(restUrl));
            var outDir = parse.GetValue(output)!;
            return await RecordAsync(connectors.Create(v, v == Venue.Deribit ? names : [.. names.Select(n => n.ToUpperInvariant())]),
                v, names, outDir, span, cancellation);
        });
        return command;
    }

    private static LiveConnectors Connectors(Venue venue, string? ws, string? rest)
    {
        if (venue == Venue.Deribit)
        {
            return new LiveConnectors(deribit: ws is null ? null : new Uri(ws));
        }

        var real = BinanceVenueSettings.Default(venue);
        var settings = real with { WebSocketBase = ws ?? real.WebSocketBase, RestBase = rest ?? real.RestBase };
        return new LiveConnectors(binance: new Dictionary<Venue, BinanceVenueSettings> { [venue] = settings });
    }

    private static async Task<int> RecordAsync(
        ILiveConnector connector, Venue venue, IReadOnlyList<string> symbols, string outDir, TimeSpan duration, CancellationToken cancellation)
    {
        Directory.CreateDirectory(outDir);
        var log = new RecordLog();
        var started = NowNanos();
        Console.Error.WriteLine($"recording {venue.Name()} {string.Join(",", symbols)} to {outDir} for {duration}");
        var system = ActorSystem.Create("hrm-record", "akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING");
        try
        {
            using var files = new CaptureFiles(outDir);
            await Recorder.RunAsync(connector, files, log, duration, system.Materializer(), cancellation);
            files.Dispose();
            await using (var json = File.Create(Path.Combine(outDir, "record.json")))
            {
                log.WriteJson(json, venue.Name(), symbols, started, NowNanos(), files.Written);
            }

            Console.Out.WriteLine(
                $"{log.Messages} messages, {log.Gaps} gaps, {log.Resyncs} resyncs, {log.Reconnects} reconnects; {files.Written.Count} files and record.json in {outDir}");
            if (log.Messages == 0)
            {
                Console.Error.WriteLine("hrm record: nothing arrived; check the venue's URL (--ws-url) and that the symbols trade there (record.json has the connections' close reasons).");
                return 1;
            }

            return 0;
        }
        catch (IOException error)
        {
            return Fail($"cannot write to '{outDir}': {error.Message}", 1);
        }
        finally
        {
            await system.Terminate();
        }
    }

    private static string? BadUrl(string? url, string option, params string[] schemes) =>
        url is null || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && schemes.Contains(uri.Scheme)) ? null
        : $"{option} must be an absolute {string.Join(" or ", schemes)} URL (got '{url}').";

    private static long NowNanos() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;

    private static int Fail(string message, int code = 2)
    {
        Console.Error.WriteLine($"hrm record: {message}");
        return code;
    }
}

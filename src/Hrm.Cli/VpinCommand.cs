using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Hrm.MarketData;
using Hrm.MarketData.Binance;
using Hrm.Protocol.Market;
using Hrm.Signals.Micro;

namespace Hrm.Cli;

/// <summary>
/// <c>hrm vpin</c>: the batch VPIN (<see cref="VpinCalculator"/>, PINstimation's algorithm) over a capture's trades, or
/// over a CSV of <c>timestamp,price,volume</c> (e.g. the reference <c>data_hfdata.csv</c>), printed as a summary.
/// </summary>
public static class VpinCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "Capture directory (searched recursively) or a CSV with columns timestamp (epoch s), price, volume" };
        var symbol = new Option<string?>("--symbol") { Description = "Canonical symbol, e.g. BTCUSDT (required with a capture directory)" };
        var venue = new Option<string?>("--venue") { Description = "spot, usdm or coinm (default: the first of usdm, spot, coinm that has the symbol)" };
        var buckets = new Option<string>("--buckets") { Description = "Buckets per day: bucket volume = total volume / days / buckets", DefaultValueFactory = _ => "50" };
        var bucketVolume = new Option<string?>("--bucket-volume") { Description = "Bucket volume in base units (overrides --buckets)" };
        var barSeconds = new Option<string>("--bar-seconds") { Description = "Time-bar length for bulk volume classification", DefaultValueFactory = _ => "300" };
        var window = new Option<string>("--window") { Description = "L, buckets per VPIN value", DefaultValueFactory = _ => "50" };
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON" };

        var command = new Command("vpin", "VPIN (Easley, López de Prado & O'Hara) with bulk volume classification over recorded trades")
        {
            data,
            symbol,
            venue,
            buckets,
            bucketVolume,
            barSeconds,
            window,
            json,
        };
        command.SetAction(parse =>
        {
            try
            {
                var options = new VpinOptions(
                    BarSeconds: FlowInput.PositiveLong(parse.GetValue(barSeconds)!, "--bar-seconds"),
                    Buckets: FlowInput.PositiveInt(parse.GetValue(buckets)!, "--buckets"),
                    Window: FlowInput.PositiveInt(parse.GetValue(window)!, "--window"),
                    BucketVolume: parse.GetValue(bucketVolume) is { } v ? FlowInput.PositiveDouble(v, "--bucket-volume") : null);
                var (trades, source, sym, ven) = ReadTrades(FlowInput.Required(parse.GetValue(data), "--data"), parse.GetValue(symbol), parse.GetValue(venue));
                var result = VpinCalculator.Compute(trades, options);
                Console.Out.WriteLine(parse.GetValue(json) ? ToJson(result, source, sym, ven, trades.Count) : ToText(result, source, sym, ven, trades.Count));
                return 0;
            }
            catch (FlowInputException error)
            {
                Console.Error.WriteLine($"hrm vpin: {error.Message}");
                return 2;
            }
        });
        return command;
    }

    private static (List<VpinTrade> Trades, string Source, string? Symbol, string? Venue) ReadTrades(string data, string? symbol, string? venue)
    {
        if (File.Exists(data))
        {
            return (ReadCsv(data), Path.GetFullPath(data), symbol, venue);
        }

        var captures = FlowInput.SelectCaptures(data, symbol, venue);
        var trades = new List<VpinTrade>();
        foreach (var capture in captures)
        {
            foreach (var e in new BinanceCaptureReader(capture))
            {
                if (e is TradeTick t)
                {
                    trades.Add(new VpinTrade(t.TsEvent, Fixed.ToDouble(t.Price), Fixed.ToDouble(t.Qty)));
                }
            }
        }

        if (trades.Count == 0)
        {
            throw new FlowInputException($"no trades for {captures[0].Symbol} on {captures[0].Venue.Name()} in '{data}'.");
        }

        return (trades, string.Join(";", captures.Select(c => c.Name)), captures[0].Symbol, captures[0].Venue.Name());
    }

    /// <summary>A CSV whose first three columns are timestamp (Unix seconds, fractional), price and volume.</summary>
    private static List<VpinTrade> ReadCsv(string path)
    {
        var trades = new List<VpinTrade>();
        using var reader = new StreamReader(path);
        var header = reader.ReadLine() ?? throw new FlowInputException($"'{path}' is empty.");
        var names = header.Split(',').Select(h => h.Trim().ToLowerInvariant()).ToArray();
        if (names.Length < 3 || !names[0].StartsWith("timestamp", StringComparison.Ordinal) || names[1] != "price" || names[2] != "volume")
        {
            throw new FlowInputException($"'{path}' must start with the columns timestamp,price,volume (found '{header}').");
        }

        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var f = line.Split(',');
            if (f.Length < 3
                || !decimal.TryParse(f[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                || !double.TryParse(f[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var price)
                || !double.TryParse(f[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var volume)
                || !double.IsFinite(price) || !(volume >= 0) || double.IsInfinity(volume))
            {
                throw new FlowInputException($"'{path}' line {lineNumber} is not timestamp,price,volume: '{line}'.");
            }

            trades.Add(new VpinTrade((long)(seconds * 1_000_000_000m), price, volume));
        }

        if (trades.Count == 0)
        {
            throw new FlowInputException($"'{path}' has no trades.");
        }

        return trades;
    }

    private static string ToJson(VpinResult r, string source, string? symbol, string? venue, int trades)
    {
        var s = r.Summary;
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("source", source);
            w.WriteString("symbol", symbol);
            w.WriteString("venue", venue);
            w.WriteNumber("trades", trades);
            w.WriteNumber("bar_seconds", r.Options.BarSeconds);
            w.WriteNumber("buckets_per_day", r.Options.Buckets);
            w.WriteNumber("window", r.Options.Window);
            w.WriteNumber("days", r.Days);
            w.WriteNumber("total_volume", r.TotalVolume);
            w.WriteNumber("bucket_volume", r.BucketVolume);
            FlowInput.WriteNumber(w, "sigma_dp", r.SigmaDp);
            w.WriteNumber("bars", r.Bars);
            w.WriteNumber("buckets", r.Buckets.Count);
            w.WriteNumber("vpin_values", s.Count);
            w.WriteNumber("na", s.Missing);
            FlowInput.WriteNumber(w, "min", s.Min);
            FlowInput.WriteNumber(w, "q1", s.FirstQuartile);
            FlowInput.WriteNumber(w, "median", s.Median);
            FlowInput.WriteNumber(w, "mean", s.Mean);
            FlowInput.WriteNumber(w, "q3", s.ThirdQuartile);
            FlowInput.WriteNumber(w, "max", s.Max);
            FlowInput.WriteNumber(w, "last", r.Buckets.Count > 0 ? r.Buckets[^1].Vpin : double.NaN);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string ToText(VpinResult r, string source, string? symbol, string? venue, int trades)
    {
        var s = r.Summary;
        var i = CultureInfo.InvariantCulture;
        return string.Create(i, $"""
            VPIN of {symbol ?? Path.GetFileName(source)}{(venue is null ? "" : " on " + venue)}: {trades} trades, {r.Days} days, {r.Bars} bars of {r.Options.BarSeconds} s, sigma(dP) {r.SigmaDp:G6}
            bucket volume {r.BucketVolume:F6} ({r.Buckets.Count} buckets), window L = {r.Options.Window}
                Min.  1st Qu.   Median     Mean  3rd Qu.     Max.   NA's
            {s.Min,8:F6} {s.FirstQuartile,8:F6} {s.Median,8:F6} {s.Mean,8:F6} {s.ThirdQuartile,8:F6} {s.Max,8:F6} {s.Missing,6}
            """);
    }
}

/// <summary>Bad input to <c>hrm vpin</c> or <c>hrm ofi</c>: reported as one line on stderr, exit code 2.</summary>
public sealed class FlowInputException(string message) : Exception(message);

/// <summary>Argument parsing and capture selection shared by <c>hrm vpin</c> and <c>hrm ofi</c>.</summary>
internal static class FlowInput
{
    public static string Required(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new FlowInputException($"{name} is required.") : value;

    public static int PositiveInt(string text, string name) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0
            ? v
            : throw new FlowInputException($"{name} must be a positive integer (got '{text}').");

    public static long PositiveLong(string text, string name) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0
            ? v
            : throw new FlowInputException($"{name} must be a positive integer (got '{text}').");

    public static double PositiveDouble(string text, string name) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 && double.IsFinite(v)
            ? v
            : throw new FlowInputException($"{name} must be a positive number (got '{text}').");

    public static Venue? ParseVenue(string? text) =>
        text is null ? null
        : VenueNames.TryParse(text, out var venue) && VenueNames.PrimaryPreference.Contains(venue) ? venue
        : throw new FlowInputException($"--venue must be spot, usdm or coinm (got '{text}').");

    /// <summary>
    /// The captures of <paramref name="symbol"/> on one venue: <paramref name="venue"/> if given, else the first of
    /// USD-M, spot, COIN-M that has the symbol. Several captures (e.g. two windows) are all returned.
    /// </summary>
    public static IReadOnlyList<Capture> SelectCaptures(string directory, string? symbol, string? venue)
    {
        var wanted = ParseVenue(venue);
        if (!Directory.Exists(directory))
        {
            throw new FlowInputException($"data '{directory}' does not exist.");
        }

        if (string.IsNullOrWhiteSpace(symbol))
        {
            throw new FlowInputException("--symbol is required with a capture directory.");
        }

        var canonical = Symbols.Canonical(symbol);
        var all = CaptureCatalog.Discover(directory);
        if (all.Count == 0)
        {
            throw new FlowInputException($"no Binance captures under '{directory}'.");
        }

        var ofSymbol = all.Where(c => c.Symbol == canonical).ToList();
        if (ofSymbol.Count == 0)
        {
            var available = string.Join(", ", all.Select(c => c.Symbol).Distinct().Order(StringComparer.Ordinal));
            throw new FlowInputException($"{canonical} is not in the data (available: {available}).");
        }

        var chosen = wanted ?? VenueNames.PrimaryPreference.First(v => ofSymbol.Any(c => c.Venue == v));
        var selected = ofSymbol.Where(c => c.Venue == chosen).ToList();
        if (selected.Count == 0)
        {
            var venues = string.Join(", ", ofSymbol.Select(c => c.Venue.Name()).Distinct());
            throw new FlowInputException($"{canonical} has no {chosen.Name()} capture (available: {venues}).");
        }

        return selected;
    }

    public static void WriteNumber(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumber(name, value);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}

using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Hrm.Protocol.Market;

namespace Hrm.Signals.Tests;

/// <summary>
/// Minimal reader for the recorded Binance websocket captures in ../shared/data (one message a line:
/// <c>&lt;receive ns&gt; &lt;json&gt;</c>), just enough for the hand-computed real-data tests. Event time = Binance's <c>E</c>
/// (ms), as the data README advises; the snapshot line (no <c>stream</c> key) uses its own <c>E</c>.
/// </summary>
public static class RealData
{
    public static string DataRoot() => Hrm.Testing.SharedData.Root;

    public const string UsdmBtc20240808 = "micro/binance_ws_hftbacktest/2024-08-09_window/usdm_btcusdt_20240808.gz";

    /// <summary>The first <paramref name="count"/> lines (1-based line n is element n − 1), parsed.</summary>
    public static List<MarketEvent> ReadLines(string relative, Venue venue, int count)
    {
        var events = new List<MarketEvent>(count);
        using var stream = new GZipStream(File.OpenRead(Path.Combine(DataRoot(), relative)), CompressionMode.Decompress);
        using var reader = new StreamReader(stream);
        for (var i = 0; i < count; i++)
        {
            var line = reader.ReadLine() ?? throw new EndOfStreamException();
            var space = line.IndexOf(' ');
            var tsInit = long.Parse(line.AsSpan(0, space), CultureInfo.InvariantCulture);
            using var doc = JsonDocument.Parse(line.AsMemory(space + 1));
            events.Add(Parse(doc.RootElement, venue, tsInit));
        }

        return events;
    }

    /// <summary>
    /// Candles from a freqtrade-style CSV (<c>date_unix_ms</c> = open time, then open, high, low, close, volume) whose
    /// open time is in [from, to) (Unix ms); each becomes a <see cref="Bar"/> stamped at its close.
    /// </summary>
    public static List<Bar> ReadCandles(string relative, Venue venue, BarPeriod period, long fromMs, long toMs)
    {
        var bars = new List<Bar>();
        foreach (var f in ReadCsv(relative, fromMs, toMs))
        {
            var close = f.OpenMs * 1_000_000 + period.Nanos();
            bars.Add(new Bar
            {
                Symbol = "BTCUSDT",
                Venue = venue,
                TsEvent = close,
                TsInit = close,
                Period = period,
                Open = f.Values[0],
                High = f.Values[1],
                Low = f.Values[2],
                Close = f.Values[3],
                Volume = f.Values[4],
            });
        }

        return bars;
    }

    /// <summary>Funding settlements (the rate is the <c>open</c> column) in [from, to), stamped at the settlement time.</summary>
    public static List<FundingRate> ReadFunding(string relative, long fromMs, long toMs)
    {
        var rates = new List<FundingRate>();
        foreach (var f in ReadCsv(relative, fromMs, toMs))
            rates.Add(new FundingRate
            {
                Symbol = "BTCUSDT",
                Venue = Venue.BinanceUsdm,
                TsEvent = f.OpenMs * 1_000_000,
                TsInit = f.OpenMs * 1_000_000,
                Rate = f.Values[0],
            });
        return rates;
    }

    private static IEnumerable<(long OpenMs, double[] Values)> ReadCsv(string relative, long fromMs, long toMs)
    {
        using var stream = new GZipStream(File.OpenRead(Path.Combine(DataRoot(), relative)), CompressionMode.Decompress);
        using var reader = new StreamReader(stream);
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            var parts = line.Split(',');
            var ms = long.Parse(parts[0], CultureInfo.InvariantCulture);
            if (ms < fromMs) continue;
            if (ms >= toMs) yield break;
            var values = new double[parts.Length - 2];
            for (var i = 2; i < parts.Length; i++) values[i - 2] = double.Parse(parts[i], CultureInfo.InvariantCulture);
            yield return (ms, values);
        }
    }

    private static MarketEvent Parse(JsonElement root, Venue venue, long tsInit)
    {
        if (!root.TryGetProperty("stream", out var streamName))
        {
            return new DepthSnapshot
            {
                Symbol = "BTCUSDT",
                Venue = venue,
                TsEvent = Ms(root.GetProperty("E")),
                TsInit = tsInit,
                LastUpdateId = root.GetProperty("lastUpdateId").GetInt64(),
                Bids = Levels(root.GetProperty("bids")),
                Asks = Levels(root.GetProperty("asks")),
            };
        }

        var d = root.GetProperty("data");
        var stream = streamName.GetString()!;
        var ts = Ms(d.GetProperty("E"));
        if (stream.Contains("@depth"))
            return new DepthDiff
            {
                Symbol = "BTCUSDT",
                Venue = venue,
                TsEvent = ts,
                TsInit = tsInit,
                FirstUpdateId = d.GetProperty("U").GetInt64(),
                FinalUpdateId = d.GetProperty("u").GetInt64(),
                PrevFinalUpdateId = d.TryGetProperty("pu", out var pu) ? pu.GetInt64() : -1,
                Bids = Levels(d.GetProperty("b")),
                Asks = Levels(d.GetProperty("a")),
            };
        if (stream.EndsWith("@bookTicker", StringComparison.Ordinal))
            return new BookTicker
            {
                Symbol = "BTCUSDT",
                Venue = venue,
                TsEvent = ts,
                TsInit = tsInit,
                UpdateId = d.GetProperty("u").GetInt64(),
                BidPrice = Fx(d.GetProperty("b")),
                BidQty = Fx(d.GetProperty("B")),
                AskPrice = Fx(d.GetProperty("a")),
                AskQty = Fx(d.GetProperty("A")),
            };
        return new TradeTick
        {
            Symbol = "BTCUSDT",
            Venue = venue,
            TsEvent = ts,
            TsInit = tsInit,
            TradeId = d.GetProperty("t").GetInt64(),
            Price = Fx(d.GetProperty("p")),
            Qty = Fx(d.GetProperty("q")),
            BuyerIsMaker = d.GetProperty("m").GetBoolean(),
        };
    }

    private static long Ms(JsonElement e) => e.GetInt64() * 1_000_000;

    public static long Fx(JsonElement e) => Fx(e.GetString()!);

    public static long Fx(string s) => (long)(decimal.Parse(s, CultureInfo.InvariantCulture) * Fixed.Scale);

    private static PriceLevel[] Levels(JsonElement array)
    {
        var levels = new PriceLevel[array.GetArrayLength()];
        var i = 0;
        foreach (var level in array.EnumerateArray()) levels[i++] = new PriceLevel(Fx(level[0]), Fx(level[1]));
        return levels;
    }
}

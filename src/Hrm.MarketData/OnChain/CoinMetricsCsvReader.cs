using System.Collections;
using System.Globalization;
using System.Text;
using Hrm.MarketData.Parsing;
using Hrm.Protocol.Market;

namespace Hrm.MarketData.OnChain;

/// <summary>
/// Reads Coin Metrics community daily CSVs (<c>onchain/coinmetrics_*.csv.gz</c>): a header naming the metrics, a date
/// column called <c>date</c> or <c>time</c> (<c>yyyy-MM-dd</c>; leading index columns, as in the pandas-written BTC inflow
/// file, are ignored). Each non-empty cell of a wanted metric becomes an <see cref="OnChainMetric"/> (venue
/// <see cref="Venue.OnChain"/>, canonical symbol from the file name: <c>_btc_</c> → BTCUSDT, <c>_eth_</c> → ETHUSDT) stamped
/// at the <b>end</b> of its day (date + 1 day, 00:00 UTC): a daily value is only known once the day is over. Empty cells
/// are absent values, not rejects. Bad rows are skipped and counted.
/// </summary>
public sealed class CoinMetricsCsvReader : IMarketEventSource
{
    public const string MissingHeader = "missing-header";
    public const string MissingDateColumn = "missing-date-column";
    public const string UnknownSymbol = "unknown-symbol";
    public const string NegativeValue = "negative-value";
    public const string OutOfOrderRow = "out-of-order-row";

    private readonly IReadOnlyCollection<string> _metrics;

    public CoinMetricsCsvReader(string path, string? symbol = null, IReadOnlyCollection<string>? metrics = null)
    {
        Path = path;
        Symbol = symbol ?? Symbols.InFileName(path);
        _metrics = metrics ?? OnChainMetrics.Used;
    }

    public string Path { get; }

    /// <summary>The canonical symbol, or null when the file name names no known asset.</summary>
    public string? Symbol { get; }

    public string Name => System.IO.Path.GetFileName(Path);

    public RejectCounts Rejects { get; } = new();

    /// <summary>The Coin Metrics files below a directory (<c>coinmetrics_*.csv[.gz]</c>), ordered by path.</summary>
    public static IReadOnlyList<CoinMetricsCsvReader> Discover(string directory) =>
        Directory.EnumerateFiles(directory, "coinmetrics_*.csv*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(p => new CoinMetricsCsvReader(p))
            .Where(r => r.Symbol is not null)
            .ToList();

    public IEnumerator<MarketEvent> GetEnumerator()
    {
        Rejects.Clear();
        if (Symbol is null)
        {
            Rejects.Add(UnknownSymbol);
            yield break;
        }

        using var lines = new LineReader(Path, Rejects);
        if (!lines.TryReadLine(out var headerLine))
        {
            Rejects.Add(MissingHeader);
            yield break;
        }

        var header = Encoding.UTF8.GetString(headerLine).Split(',');
        var dateColumn = Array.FindIndex(header, h => h is "date" or "time");
        if (dateColumn < 0)
        {
            Rejects.Add(MissingDateColumn);
            yield break;
        }

        var wanted = Enumerable.Range(0, header.Length).Where(i => _metrics.Contains(header[i])).ToArray();
        var lastDay = long.MinValue;
        var events = new List<OnChainMetric>(wanted.Length);
        while (lines.TryReadLine(out var line))
        {
            events.Clear();
            var reason = ParseRow(Encoding.UTF8.GetString(line), header, dateColumn, wanted, ref lastDay, events);
            if (reason is not null)
            {
                Rejects.Add(reason);
                continue;
            }

            foreach (var e in events) yield return e;
        }
    }

    private string? ParseRow(string line, string[] header, int dateColumn, int[] wanted, ref long lastDay, List<OnChainMetric> events)
    {
        var cells = line.Split(',');
        if (cells.Length != header.Length) return RejectReasons.MalformedRow;
        if (!DateTime.TryParseExact(cells[dateColumn], "yyyy-MM-dd", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date))
            return RejectReasons.BadTimestamp;
        var day = new DateTimeOffset(date, TimeSpan.Zero).ToUnixTimeMilliseconds() * Timestamps.NanosPerMilli;
        if (day <= lastDay) return OutOfOrderRow;
        var ts = day + Protocol.EventTime.NanosPerDay;
        foreach (var column in wanted)
        {
            var cell = cells[column];
            if (cell.Length == 0) continue;
            if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) return RejectReasons.BadNumber;
            if (!double.IsFinite(value)) return RejectReasons.NonFiniteNumber;
            if (value < 0) return NegativeValue;
            events.Add(new OnChainMetric { Symbol = Symbol!, Venue = Venue.OnChain, TsEvent = ts, TsInit = ts, Metric = header[column], Value = value });
        }

        lastDay = day;
        return null;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

using System.Collections;
using System.Globalization;
using System.Text;
using Hrm.MarketData.Parsing;
using Hrm.Protocol.Market;

namespace Hrm.MarketData.Candles;

/// <summary>
/// Reads one <see cref="CrossExchangeFile"/> into <see cref="Bar"/>s of its venue, stamped at their close (open + period,
/// TsInit = TsEvent). Rows must be in increasing open time; bad rows (wrong column count, unparsable or non-finite
/// numbers, negative prices or volume, high below low, repeated or earlier open times) are skipped and counted.
/// </summary>
public sealed class CrossExchangeCsvReader(CrossExchangeFile file) : IMarketEventSource
{
    public const string OutOfOrderRow = "out-of-order-row";
    public const string InconsistentOhlc = "inconsistent-ohlc";

    public CrossExchangeFile File { get; } = file;

    public string Name => System.IO.Path.GetFileName(File.Path);

    public RejectCounts Rejects { get; } = new();

    public IEnumerator<MarketEvent> GetEnumerator()
    {
        Rejects.Clear();
        var lastOpen = long.MinValue;
        var columns = File.Format == CrossExchangeFormat.BinanceUsKlines ? 6 : 7;
        using var lines = new LineReader(File.Path, Rejects);
        while (lines.TryReadLine(out var raw))
        {
            var line = Encoding.UTF8.GetString(raw);
            if (File.Format == CrossExchangeFormat.BinanceUsKlines && line.StartsWith("open_time", StringComparison.Ordinal)) continue;
            var bar = ParseRow(line, columns, ref lastOpen, out var reason);
            if (bar is null) Rejects.Add(reason!);
            else yield return bar;
        }
    }

    private Bar? ParseRow(string line, int columns, ref long lastOpen, out string? reason)
    {
        var cells = line.Split(',');
        reason = RejectReasons.MalformedRow;
        if (cells.Length != columns) return null;

        reason = RejectReasons.BadTimestamp;
        long openNanos;
        if (File.Format == CrossExchangeFormat.BinanceUsKlines)
        {
            if (!DateTimeOffset.TryParseExact(cells[0], "yyyy-MM-dd HH:mm:sszzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
                return null;
            openNanos = t.ToUnixTimeMilliseconds() * Timestamps.NanosPerMilli;
        }
        else
        {
            if (!long.TryParse(cells[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > long.MaxValue / 1_000_000_000)
                return null;
            openNanos = seconds * 1_000_000_000;
        }

        Span<double> v = stackalloc double[5];
        for (var i = 0; i < 5; i++)
        {
            reason = RejectReasons.BadNumber;
            if (!double.TryParse(cells[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out v[i])) return null;
            reason = RejectReasons.NonFiniteNumber;
            if (!double.IsFinite(v[i])) return null;
            reason = i == 4 ? RejectReasons.NegativeQty : RejectReasons.NegativePrice;
            if (v[i] < 0 || (i < 4 && v[i] == 0)) return null;
        }

        reason = InconsistentOhlc;
        if (v[1] < v[2] || v[1] < Math.Max(v[0], v[3]) || v[2] > Math.Min(v[0], v[3])) return null;
        reason = OutOfOrderRow;
        if (openNanos <= lastOpen) return null;

        reason = null;
        lastOpen = openNanos;
        var close = openNanos + File.Period.Nanos();
        return new Bar
        {
            Symbol = File.Symbol,
            Venue = File.Venue,
            TsEvent = close,
            TsInit = close,
            Period = File.Period,
            Open = v[0],
            High = v[1],
            Low = v[2],
            Close = v[3],
            Volume = v[4],
        };
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

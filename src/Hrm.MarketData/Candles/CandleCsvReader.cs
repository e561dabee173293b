using System.Buffers.Text;
using System.Collections;
using System.Globalization;
using Hrm.MarketData.Parsing;
using Hrm.Protocol.Market;

namespace Hrm.MarketData.Candles;

/// <summary>
/// Reads <c>date_unix_ms,date_utc,open,high,low,close,volume</c> files. Candle rows become <see cref="Bar"/>s stamped
/// at their close (open + period; TsInit = TsEvent); funding rows become <see cref="FundingRate"/>s (rate = open
/// column) stamped at the settlement time. Bad rows are skipped and counted; mark files yield nothing.
/// </summary>
public sealed class CandleCsvReader(CandleFile file) : IMarketEventSource
{
    public const string UnsupportedFile = "unsupported-file";
    public const string OutOfOrderRow = "out-of-order-row";

    private const int Columns = 7;

    public CandleFile File { get; } = file;

    public string Name => System.IO.Path.GetFileName(File.Path);

    public RejectCounts Rejects { get; } = new();

    public IEnumerator<MarketEvent> GetEnumerator()
    {
        Rejects.Clear();
        if (File.Kind == CandleKind.Mark)
        {
            Rejects.Add(UnsupportedFile);
            yield break;
        }

        long lastOpen = long.MinValue;
        using var lines = new LineReader(File.Path, Rejects);
        while (true)
        {
            var next = ReadNext(lines, ref lastOpen, out var done);
            if (done) yield break;
            if (next is not null) yield return next;
        }
    }

    private MarketEvent? ReadNext(LineReader lines, ref long lastOpen, out bool done)
    {
        done = !lines.TryReadLine(out var line);
        if (done || line.StartsWith("date_unix_ms"u8)) return null;

        Span<double> values = stackalloc double[Columns - 2];
        var reason = ParseRow(line, out var openMs, values);
        if (reason is null && openMs <= lastOpen) reason = OutOfOrderRow;
        if (reason is not null)
        {
            Rejects.Add(reason);
            return null;
        }

        lastOpen = openMs;
        var ts = openMs * Timestamps.NanosPerMilli;
        if (File.Kind == CandleKind.Funding)
            return new FundingRate { Symbol = File.Symbol, Venue = File.Venue, TsEvent = ts, TsInit = ts, Rate = values[0] };

        var period = File.Period!.Value;
        var close = ts + period.Nanos();
        return new Bar
        {
            Symbol = File.Symbol,
            Venue = File.Venue,
            TsEvent = close,
            TsInit = close,
            Period = period,
            Open = values[0],
            High = values[1],
            Low = values[2],
            Close = values[3],
            Volume = values[4],
        };
    }

    /// <summary>Null if the row is good, else the reject reason.</summary>
    private string? ParseRow(ReadOnlySpan<byte> line, out long openMs, Span<double> values)
    {
        openMs = 0;
        var column = 0;
        while (true)
        {
            var comma = line.IndexOf((byte)',');
            var cell = comma < 0 ? line : line[..comma];
            if (column == 0)
            {
                if (!Utf8Parser.TryParse(cell, out openMs, out var used) || used != cell.Length || openMs < 0)
                    return RejectReasons.BadTimestamp;
            }
            else if (column >= 2 && column < Columns)
            {
                if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                    return RejectReasons.BadNumber;
                if (!double.IsFinite(value)) return RejectReasons.NonFiniteNumber;
                if (value < 0 && File.Kind != CandleKind.Funding)
                    return column == Columns - 1 ? RejectReasons.NegativeQty : RejectReasons.NegativePrice;
                values[column - 2] = value;
            }

            column++;
            if (comma < 0) break;
            line = line[(comma + 1)..];
        }

        return column == Columns ? null : RejectReasons.MalformedRow;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

using System.Collections;
using Hrm.MarketData.Parsing;
using Hrm.Protocol.Market;

namespace Hrm.MarketData.Binance;

/// <summary>
/// Streams one capture's events in file and line order (its own order; TsEvent is not monotonic across streams).
/// Each enumeration starts afresh, and so does <see cref="Rejects"/>.
/// </summary>
public sealed class BinanceCaptureReader(Capture capture) : IMarketEventSource
{
    public Capture Capture { get; } = capture;

    public string Name => Capture.Name;

    public RejectCounts Rejects { get; } = new();

    public IEnumerator<MarketEvent> GetEnumerator()
    {
        Rejects.Clear();
        var parser = new BinanceLineParser(Capture.Venue, Capture.Symbol, Rejects);
        foreach (var file in Capture.Files)
        {
            using var lines = new LineReader(file, Rejects);
            while (true)
            {
                var next = ReadNext(lines, parser, out var done);
                if (done) break;
                if (next is not null) yield return next;
            }
        }
    }

    private static MarketEvent? ReadNext(LineReader lines, BinanceLineParser parser, out bool done)
    {
        done = !lines.TryReadLine(out var line);
        return done ? null : parser.Parse(line);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

using System.Collections;
using Hrm.MarketData.Parsing;
using Hrm.Protocol.Market;

namespace Hrm.MarketData.Deribit;

/// <summary>
/// Streams a Deribit recording's option tickers as the <see cref="OptionQuote"/>s the live connector emits from the same
/// frames, in file and line order (<see cref="Quotes"/>). Book, trade and control frames carry no event here. Each
/// enumeration starts afresh; <see cref="Rejects"/> accumulates over enumerations.
/// </summary>
public sealed class DeribitCaptureReader(DeribitCapture capture) : IMarketEventSource
{
    public DeribitCapture Capture { get; } = capture;

    public string Name => Capture.Name;

    public RejectCounts Rejects { get; } = new();

    public IEnumerator<MarketEvent> GetEnumerator() => Quotes(Frames(), Rejects).GetEnumerator();

    /// <summary>
    /// The option quotes of received frames, as live passes them on: a ticker of an instrument not after its last one
    /// is a repeat and dropped (<see cref="DeribitTickerFilter"/>).
    /// </summary>
    public static IEnumerable<OptionQuote> Quotes(IEnumerable<DeribitFrame> frames, RejectCounts rejects)
    {
        var tickers = new DeribitTickerFilter();
        foreach (var frame in frames)
        {
            if (DeribitMessageParser.Parse(frame.Json, frame.ReceiveNanos, rejects) is DeribitTickerMessage ticker && tickers.IsNew(ticker.Quote))
                yield return ticker.Quote;
        }
    }

    /// <summary>The capture's lines (<c>&lt;receive ns&gt; &lt;frame&gt;</c>) as frames; a line of another shape is counted.</summary>
    private IEnumerable<DeribitFrame> Frames()
    {
        foreach (var file in Capture.Files)
        {
            using var lines = new LineReader(file, Rejects);
            while (true)
            {
                var frame = ReadNext(lines, out var done);
                if (done) break;
                if (frame is not null) yield return frame;
            }
        }
    }

    private DeribitFrame? ReadNext(LineReader lines, out bool done)
    {
        done = !lines.TryReadLine(out var line);
        if (done) return null;
        var space = line.IndexOf((byte)' ');
        if (space > 0 && Timestamps.TryParseToNanos(line[..space], out var receiveNanos)) return new DeribitFrame(receiveNanos, line[(space + 1)..].ToArray());
        Rejects.Add(RejectReasons.MalformedLine);
        return null;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

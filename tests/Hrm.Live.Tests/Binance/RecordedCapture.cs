using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using Hrm.Live.Binance;
using Hrm.MarketData.Binance;
using Hrm.Protocol.Market;
using Hrm.Testing;

namespace Hrm.Live.Tests.Binance;

/// <summary>One recorded message: its receive time and JSON exactly as the recorder wrote them.</summary>
public sealed record RecordedLine(long Nanos, byte[] Json)
{
    /// <summary>The REST snapshot is the one line that is not a combined-stream message.</summary>
    public bool IsSnapshot { get; } = CombinedStreamName.Read(Json) is null;

    public string? Stream { get; } = CombinedStreamName.Read(Json);
}

/// <summary>A real capture of the 2024-08-09 window (<c>spot_btcusdt</c>, …), read once per test run.</summary>
public sealed record RecordedCapture(Venue Venue, string Instrument, IReadOnlyList<RecordedLine> Lines)
{
    private static readonly ConcurrentDictionary<string, RecordedCapture> Cache = new();

    public static RecordedCapture Load(string prefix) => Cache.GetOrAdd(prefix, Read);

    public int SnapshotLine => Lines.Select((l, i) => (l, i)).First(x => x.l.IsSnapshot).i;

    public Capture Capture => CaptureCatalog.Discover(SharedData.Window2024).Single(c => c.Name.EndsWith("/" + Prefix));

    public string Prefix => BinanceUrls.CapturePrefix(Venue, Instrument);

    private static RecordedCapture Read(string prefix)
    {
        var capture = CaptureCatalog.Discover(SharedData.Window2024).Single(c => c.Name.EndsWith("/" + prefix));
        var lines = new List<RecordedLine>();
        foreach (var file in capture.Files)
        {
            using var reader = new StreamReader(new GZipStream(File.OpenRead(file), CompressionMode.Decompress));
            while (reader.ReadLine() is { } line)
            {
                var space = line.IndexOf(' ');
                lines.Add(new RecordedLine(long.Parse(line[..space]), Encoding.UTF8.GetBytes(line[(space + 1)..])));
            }
        }

        return new RecordedCapture(capture.Venue, capture.Instrument, lines);
    }
}

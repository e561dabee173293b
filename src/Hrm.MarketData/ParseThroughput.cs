using System.Diagnostics;
using Hrm.MarketData.Binance;

namespace Hrm.MarketData;

/// <summary>Parse-only throughput of the Binance capture reader (decompress + parse + allocate events, nothing else).</summary>
public static class ParseThroughput
{
    /// <summary>Reads the given capture files (grouped into captures, each read as one stream) and counts events.</summary>
    public static (long Events, TimeSpan Elapsed) ReadAll(IEnumerable<string> files)
    {
        var captures = CaptureCatalog.Group(files, Directory.GetCurrentDirectory());
        var watch = Stopwatch.StartNew();
        long events = 0;
        foreach (var capture in captures)
        {
            foreach (var _ in new BinanceCaptureReader(capture)) events++;
        }

        return (events, watch.Elapsed);
    }
}

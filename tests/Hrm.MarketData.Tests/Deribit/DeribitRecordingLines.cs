using System.IO.Compression;
using System.Text;

namespace Hrm.MarketData.Tests.Deribit;

/// <summary>The recorded real Deribit websocket traffic (cryptofeed's sample) and its lines by number.</summary>
public static class DeribitRecordingLines
{
    public static string Path => System.IO.Path.Combine(TestData.Root, "fixtures", "cryptofeed_sample_data", "DERIBIT.ws.1.0.gz");

    /// <summary>Line <paramref name="number"/> (1-based, as <c>zcat | sed -n Np</c> counts) split into its receive time (ns) and JSON.</summary>
    public static (long ReceiveNanos, byte[] Json) Line(int number)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(Path), CompressionMode.Decompress), Encoding.UTF8);
        for (var i = 1; i < number; i++) reader.ReadLine();
        var line = reader.ReadLine()!;
        var colon = line.IndexOf(": ", StringComparison.Ordinal);
        var seconds = decimal.Parse(line[..colon], System.Globalization.CultureInfo.InvariantCulture);
        return ((long)(seconds * 1_000_000_000m), Encoding.UTF8.GetBytes(line[(colon + 2)..]));
    }
}

using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Hrm.MarketData.Deribit;

/// <summary>
/// Reads the server frames of a websocket recording in cryptofeed's format (<c>fixtures/cryptofeed_sample_data/*.ws.*.gz</c>):
/// a header line <c>wss://… &lt;-&gt; ts</c>, client messages <c>wss://… &lt;- ts: {json}</c> (skipped), server messages
/// <c>ts: {json}</c> with ts in Unix seconds and fractions (to the microsecond). Lines of any other shape are skipped.
/// </summary>
public static class CryptofeedWsRecording
{
    public static IEnumerable<DeribitFrame> ServerFrames(string path)
    {
        using var stream = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            if (colon <= 0 || line.StartsWith("wss://", StringComparison.Ordinal) ||
                !decimal.TryParse(line.AsSpan(0, colon), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds))
                continue;
            yield return new DeribitFrame((long)(seconds * 1_000_000_000m), Encoding.UTF8.GetBytes(line[(colon + 2)..]));
        }
    }
}

using System.IO.Compression;
using Hrm.Protocol;

namespace Hrm.Live.Recording;

/// <summary>
/// Writes raw messages in the capture format the readers read: one <c>&lt;receive ns&gt; &lt;message&gt;</c> line per
/// message into <c>&lt;dir&gt;/&lt;capture&gt;_&lt;yyyymmdd&gt;.gz</c>, a new file per capture and UTC day of receipt
/// (as the recorded captures are named). Files are flushed every <see cref="FlushEvery"/> so a killed recorder loses
/// at most that much; a file is a complete gzip stream once disposed.
/// </summary>
public sealed class CaptureFiles(string directory) : IDisposable
{
    public static readonly TimeSpan FlushEvery = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, (string Day, Stream File, GZipStream Gzip)> _open = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _written = new(StringComparer.Ordinal);
    private long _lastFlushNanos;

    /// <summary>The files written so far, by path.</summary>
    public IReadOnlyCollection<string> Written => _written;

    public void Write(RawMessage message)
    {
        var gzip = Open(message.Capture, Day(message.ReceiveNanos));
        Span<byte> stamp = stackalloc byte[24];
        message.ReceiveNanos.TryFormat(stamp, out var length, default, System.Globalization.CultureInfo.InvariantCulture);
        gzip.Write(stamp[..length]);
        gzip.WriteByte((byte)' ');
        gzip.Write(message.Text);
        gzip.WriteByte((byte)'\n');
        if (message.ReceiveNanos - _lastFlushNanos >= FlushEvery.Ticks * 100)
        {
            Flush();
            _lastFlushNanos = message.ReceiveNanos;
        }
    }

    public void Flush()
    {
        foreach (var (_, _, gzip) in _open.Values)
        {
            gzip.Flush();
        }
    }

    public void Dispose()
    {
        foreach (var (_, file, gzip) in _open.Values)
        {
            gzip.Dispose();
            file.Dispose();
        }

        _open.Clear();
    }

    private GZipStream Open(string capture, string day)
    {
        if (_open.TryGetValue(capture, out var current) && current.Day == day)
        {
            return current.Gzip;
        }

        if (current.Gzip is not null)
        {
            current.Gzip.Dispose();
            current.File.Dispose();
        }

        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{capture}_{day}.gz");
        var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        var gzip = new GZipStream(file, CompressionLevel.Fastest);
        _open[capture] = (day, file, gzip);
        _written.Add(path);
        return gzip;
    }

    private static string Day(long receiveNanos) =>
        DateTimeOffset.FromUnixTimeMilliseconds(receiveNanos / 1_000_000).UtcDateTime.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
}

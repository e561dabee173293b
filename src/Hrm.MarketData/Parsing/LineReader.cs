using System.Buffers;
using System.IO.Compression;

namespace Hrm.MarketData.Parsing;

/// <summary>
/// Reads a (gzipped) text file line by line as UTF-8 byte spans over one pooled buffer: no string per line.
/// Blank lines are skipped. A line longer than <see cref="MaxLineBytes"/> is skipped and counted; an unreadable or
/// corrupt file ends the lines early and is counted (never thrown).
/// </summary>
public sealed class LineReader : IDisposable
{
    public const int MaxLineBytes = 16 << 20;
    private const int InitialBuffer = 1 << 20;

    private readonly Stream? _stream;
    private readonly RejectCounts _rejects;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
    private int _start;
    private int _end;
    private bool _eof;
    private bool _skipping;

    public LineReader(string path, RejectCounts rejects)
    {
        _rejects = rejects;
        try
        {
            Stream file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            _stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
                ? new BufferedStream(new GZipStream(file, CompressionMode.Decompress), 1 << 16)
                : file;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            rejects.Add(RejectReasons.UnreadableFile);
            _eof = true;
        }
    }

    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            var pending = _buffer.AsSpan(_start, _end - _start);
            var newline = pending.IndexOf((byte)'\n');
            if (newline >= 0)
            {
                _start += newline + 1;
                if (_skipping)
                {
                    _skipping = false;
                    continue;
                }

                line = TrimCr(pending[..newline]);
                if (line.IsEmpty) continue;
                return true;
            }

            if (_eof)
            {
                _start = _end;
                line = _skipping ? default : TrimCr(pending);
                _skipping = false;
                if (line.IsEmpty) return false;
                return true;
            }

            Fill();
        }
    }

    private static ReadOnlySpan<byte> TrimCr(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;

    private void Fill()
    {
        if (_skipping)
        {
            _start = _end = 0;
        }
        else if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxLineBytes)
            {
                _rejects.Add(RejectReasons.OversizedLine);
                _skipping = true;
                _start = _end = 0;
            }
            else
            {
                var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
                Buffer.BlockCopy(_buffer, 0, larger, 0, _end);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = larger;
            }
        }

        try
        {
            var read = _stream!.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0) _eof = true;
            _end += read;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            _rejects.Add(RejectReasons.UnreadableFile);
            _eof = true;
        }
    }

    public void Dispose()
    {
        _stream?.Dispose();
        if (_buffer.Length > 0) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        _start = _end = 0;
    }
}

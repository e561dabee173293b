using System.IO.Compression;
using System.Text;
using Hrm.MarketData.Parsing;

namespace Hrm.MarketData.Tests.Parsing;

public sealed class LineReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hrm-lines-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static List<string> ReadAll(string path, RejectCounts rejects)
    {
        var lines = new List<string>();
        using var reader = new LineReader(path, rejects);
        while (reader.TryReadLine(out var line)) lines.Add(Encoding.UTF8.GetString(line));
        return lines;
    }

    [Fact]
    public void Reads_gzip_lines_skipping_blanks_and_crlf()
    {
        var path = Path.Combine(_dir, "a.gz");
        using (var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest))
            gz.Write("one\r\n\ntwo\nthree"u8);
        var rejects = new RejectCounts();
        Assert.Equal(["one", "two", "three"], ReadAll(path, rejects));
        Assert.Equal(0, rejects.Total);
    }

    [Fact]
    public void Lines_longer_than_the_initial_buffer_are_read_whole()
    {
        var path = Path.Combine(_dir, "long.txt");
        var longLine = new string('x', 3 << 20);
        File.WriteAllText(path, "a\n" + longLine + "\nb\n");
        var lines = ReadAll(path, new RejectCounts());
        Assert.Equal(3, lines.Count);
        Assert.Equal(longLine.Length, lines[1].Length);
    }

    [Fact]
    public void Missing_and_corrupt_files_are_counted_not_thrown()
    {
        var rejects = new RejectCounts();
        Assert.Empty(ReadAll(Path.Combine(_dir, "missing.gz"), rejects));
        var corrupt = Path.Combine(_dir, "corrupt.gz");
        File.WriteAllBytes(corrupt, "this is not gzip at all"u8.ToArray());
        Assert.Empty(ReadAll(corrupt, rejects));
        Assert.Equal(2, rejects[RejectReasons.UnreadableFile]);
    }
}

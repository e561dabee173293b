using System.IO.Compression;
using System.Text;
using Hrm.MarketData.Deribit;
using Hrm.MarketData.Parsing;
using Hrm.Protocol.Market;

namespace Hrm.MarketData.Tests.Deribit;

public sealed class DeribitCaptureReaderTests
{
    /// <summary>The recorded frames rewritten as the connector's capture lines (<c>&lt;receive ns&gt; &lt;frame&gt;</c>), in a scratch directory.</summary>
    private static string WriteCapture()
    {
        var dir = Hrm.Testing.SharedData.NewTempDirectory("deribit-capture");
        Directory.CreateDirectory(Path.Combine(dir, "live"));
        using var file = new GZipStream(File.Create(Path.Combine(dir, "live", "deribit_btc_20210722.gz")), CompressionLevel.Fastest);
        foreach (var frame in CryptofeedWsRecording.ServerFrames(DeribitRecordingLines.Path))
        {
            file.Write(Encoding.UTF8.GetBytes(frame.ReceiveNanos + " "));
            file.Write(frame.Json);
            file.WriteByte((byte)'\n');
        }

        File.WriteAllText(Path.Combine(dir, "live", "spot_btcusdt_20210722.gz"), ""); // a Binance capture name is not ours
        return dir;
    }

    [Fact]
    public void A_recording_is_discovered_and_read_as_the_option_quotes_of_its_tickers()
    {
        var dir = WriteCapture();
        try
        {
            var capture = Assert.Single(DeribitCaptureCatalog.Discover(dir));
            Assert.Equal("live/deribit_btc", capture.Name);
            Assert.Equal("BTCUSDT", capture.Symbol);
            var reader = new DeribitCaptureReader(capture);
            var quotes = reader.Cast<OptionQuote>().ToList();
            Assert.Equal(0, reader.Rejects.Total);
            Assert.Equal(89, quotes.Count); // every ticker of the recording; none repeats
            Assert.Equal(69, quotes.Count(q => q.Symbol == "BTCUSDT"));
            Assert.Equal(20, quotes.Count(q => q.Symbol == "ETHUSDT"));
            var first = quotes[0];
            Assert.Equal("ETH-30JUL21-2800-C", first.Instrument);
            Assert.Equal(1_626_993_723_632_000_000, first.TsEvent);
            Assert.Equal(1_626_993_723_804_855_000, first.TsInit);
            var live = DeribitCaptureReader.Quotes(CryptofeedWsRecording.ServerFrames(DeribitRecordingLines.Path), new RejectCounts());
            Assert.Equal(live, quotes);
            Assert.Equal(quotes, reader.Cast<OptionQuote>()); // each enumeration starts afresh
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void A_repeated_ticker_is_passed_once()
    {
        var frames = CryptofeedWsRecording.ServerFrames(DeribitRecordingLines.Path).ToList();
        var doubled = frames.SelectMany(f => new[] { f, f });
        Assert.Equal(DeribitCaptureReader.Quotes(frames, new RejectCounts()), DeribitCaptureReader.Quotes(doubled, new RejectCounts()));
    }
}

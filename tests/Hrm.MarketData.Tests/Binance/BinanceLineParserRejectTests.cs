using System.Text;
using Hrm.MarketData.Binance;
using Hrm.MarketData.Parsing;
using Hrm.Protocol.Market;

namespace Hrm.MarketData.Tests.Binance;

/// <summary>Every bad-input path is skipped and counted under its reason (inline bytes: structure only, not market data).</summary>
public class BinanceLineParserRejectTests
{
    private const string Ts = "1723161254087891268 ";

    [Theory]
    [InlineData("no-space-at-all", RejectReasons.MalformedLine)]
    [InlineData(" {}", RejectReasons.MalformedLine)]
    [InlineData("17231612540878912 {}", RejectReasons.BadTimestamp)]
    [InlineData("17231612540878912x8 {}", RejectReasons.BadTimestamp)]
    [InlineData(Ts + "{\"stream\":\"btcusdt@trade\",\"data\":{", RejectReasons.MalformedJson)]
    [InlineData(Ts + "[1,2]", RejectReasons.MalformedJson)]
    [InlineData(Ts + "{} trailing", RejectReasons.MalformedJson)]
    [InlineData(Ts + "{\"stream\":\"btcusdt@kline_1m\",\"data\":{\"E\":1}}", RejectReasons.UnknownStream)]
    [InlineData(Ts + "{\"stream\":\"nostreamname\",\"data\":{\"E\":1}}", RejectReasons.UnknownStream)]
    [InlineData(Ts + "{\"result\":null,\"id\":1}", RejectReasons.UnknownMessage)]
    [InlineData(Ts + "{\"stream\":\"x@depth@0ms\",\"data\":{\"E\":1,\"U\":1,\"u\":2,\"pu\":0,\"b\":[[\"-1.0\",\"1.0\"]],\"a\":[]}}", RejectReasons.NegativePrice)]
    [InlineData(Ts + "{\"stream\":\"x@depth@0ms\",\"data\":{\"E\":1,\"U\":1,\"u\":2,\"pu\":0,\"b\":[[\"1.0\",\"-1.0\"]],\"a\":[]}}", RejectReasons.NegativeQty)]
    [InlineData(Ts + "{\"stream\":\"x@depth@0ms\",\"data\":{\"E\":1,\"U\":1,\"u\":2,\"pu\":0,\"b\":[],\"a\":[[\"NaN\",\"1.0\"]]}}", RejectReasons.NonFiniteNumber)]
    [InlineData(Ts + "{\"stream\":\"x@depth@0ms\",\"data\":{\"E\":1,\"U\":1,\"u\":2,\"pu\":0,\"b\":[],\"a\":[[\"abc\",\"1.0\"]]}}", RejectReasons.BadNumber)]
    [InlineData(Ts + "{\"stream\":\"x@depth@0ms\",\"data\":{\"E\":1,\"U\":1,\"u\":\"2\",\"pu\":0,\"b\":[],\"a\":[]}}", RejectReasons.BadNumber)]
    [InlineData(Ts + "{\"stream\":\"x@depth@0ms\",\"data\":{\"E\":1,\"U\":1,\"pu\":0,\"b\":[],\"a\":[]}}", RejectReasons.MissingField)]
    [InlineData(Ts + "{\"stream\":\"x@trade\",\"data\":{\"E\":1,\"t\":1,\"p\":\"1.0\",\"q\":\"-0.5\",\"m\":true}}", RejectReasons.NegativeQty)]
    [InlineData(Ts + "{\"stream\":\"x@trade\",\"data\":{\"E\":1,\"t\":1,\"p\":\"1.0\",\"q\":\"0.5\",\"m\":\"yes\"}}", RejectReasons.MalformedJson)]
    [InlineData(Ts + "{\"stream\":\"x@bookTicker\",\"data\":{\"u\":1,\"b\":\"-5\",\"B\":\"1\",\"a\":\"6\",\"A\":\"1\"}}", RejectReasons.NegativePrice)]
    [InlineData(Ts + "{\"stream\":\"x@markPrice@1s\",\"data\":{\"E\":1,\"p\":\"1\",\"i\":\"1\",\"r\":\"NaN\",\"T\":1}}", RejectReasons.NonFiniteNumber)]
    public void Bad_line_is_skipped_and_counted(string line, string reason)
    {
        var rejects = new RejectCounts();
        var parser = new BinanceLineParser(Venue.BinanceUsdm, "BTCUSDT", rejects);
        Assert.Null(parser.Parse(Encoding.UTF8.GetBytes(line)));
        Assert.Equal(1, rejects[reason]);
        Assert.Equal(1, rejects.Total);
    }

    [Fact]
    public void Reader_counts_bad_lines_in_a_file_and_keeps_going()
    {
        var dir = Directory.CreateTempSubdirectory("hrm-capture-").FullName;
        try
        {
            var path = Path.Combine(dir, "usdm_btcusdt_20240808.gz");
            using (var gz = new System.IO.Compression.GZipStream(File.Create(path), System.IO.Compression.CompressionLevel.Fastest))
            {
                gz.Write("garbage\n"u8);
                gz.Write(Encoding.UTF8.GetBytes(Ts + "{\"stream\":\"btcusdt@aggTrade\",\"data\":{}}\n"));
                gz.Write(Encoding.UTF8.GetBytes(Ts + "{\"stream\":\"btcusdt@trade\",\"data\":{\"E\":1,\"T\":1,\"t\":7,\"p\":\"2\",\"q\":\"3\",\"m\":false}}\n"));
            }

            var capture = Assert.Single(CaptureCatalog.Discover(dir));
            var reader = new BinanceCaptureReader(capture);
            var events = reader.ToList();
            Assert.Single(events);
            Assert.Equal(1, reader.Rejects[RejectReasons.MalformedLine]);
            Assert.Equal(1, reader.Rejects[RejectReasons.UnknownStream]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

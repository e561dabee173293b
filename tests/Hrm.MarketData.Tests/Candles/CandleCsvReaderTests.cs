using System.IO.Compression;
using System.Text;
using Hrm.MarketData.Candles;
using Hrm.MarketData.Parsing;
using Hrm.Protocol.Market;

namespace Hrm.MarketData.Tests.Candles;

public class CandleCsvReaderTests
{
    private static readonly string MacroDir = Path.Combine(TestData.Root, "macro_meso", "binance_freqtrade_roshan");

    private static CandleFile File(string dir, string name) => CandleFile.TryParse(Path.Combine(dir, name))!;

    [Fact]
    public void Spot_1h_first_row_is_a_bar_stamped_at_its_close()
    {
        // First row by hand: 1514764800000,2018-01-01T00:00:00Z,13715.65,13715.65,13400.01,13529.01,443.356199
        var reader = new CandleCsvReader(File(MacroDir, "BTC_USDT-spot-1h.csv.gz"));
        var bar = Assert.IsType<Bar>(reader.First());
        Assert.Equal("BTCUSDT", bar.Symbol);
        Assert.Equal(Venue.BinanceSpot, bar.Venue);
        Assert.Equal(BarPeriod.H1, bar.Period);
        Assert.Equal((1514764800000L + 3_600_000) * 1_000_000, bar.TsEvent);
        Assert.Equal(bar.TsEvent, bar.TsInit);
        Assert.Equal(1514764800000L * 1_000_000, bar.OpenTime);
        Assert.Equal((13715.65, 13715.65, 13400.01, 13529.01, 443.356199), (bar.Open, bar.High, bar.Low, bar.Close, bar.Volume));
    }

    [Fact]
    public void Perp_5m_first_row()
    {
        // 1735603200000,2024-12-31T00:00:00Z,92759.3,92819.7,92680.3,92755.5,547.689
        var dir = Path.Combine(TestData.Root, "meso", "binance_freqtrade_harthor_5m");
        var bar = Assert.IsType<Bar>(new CandleCsvReader(File(dir, "BTC_USDT_USDT-perp-5m.csv.gz")).First());
        Assert.Equal(Venue.BinanceUsdm, bar.Venue);
        Assert.Equal(BarPeriod.M5, bar.Period);
        Assert.Equal((1735603200000L + 300_000) * 1_000_000, bar.TsEvent);
        Assert.Equal(92759.3, bar.Open);
        Assert.Equal(547.689, bar.Volume);
    }

    [Fact]
    public void Funding_rows_carry_the_rate_from_the_open_column_at_settlement_time()
    {
        // 1568102400000,2019-09-10T08:00:00Z,0.0001,0.0,0.0,0.0,0.0
        var funding = Assert.IsType<FundingRate>(new CandleCsvReader(File(MacroDir, "BTC_USDT_USDT-funding_rate.csv.gz")).First());
        Assert.Equal("BTCUSDT", funding.Symbol);
        Assert.Equal(Venue.BinanceUsdm, funding.Venue);
        Assert.Equal(1568102400000L * 1_000_000, funding.TsEvent);
        Assert.Equal(0.0001, funding.Rate);
    }

    [Theory]
    [InlineData("BTC_USDT-spot-1h.csv.gz", CandleKind.Spot, Venue.BinanceSpot, BarPeriod.H1)]
    [InlineData("BTC_USDT_USDT-perp-4h.csv.gz", CandleKind.Perp, Venue.BinanceUsdm, BarPeriod.H4)]
    [InlineData("ETH_USDT-spot-15m.csv.gz", CandleKind.Spot, Venue.BinanceSpot, BarPeriod.M15)]
    [InlineData("BTC_USDT_USDT-mark-1h.csv.gz", CandleKind.Mark, Venue.BinanceUsdm, BarPeriod.H1)]
    [InlineData("DOGE_USDT_USDT-funding_rate-8h.csv.gz", CandleKind.Funding, Venue.BinanceUsdm, null)]
    public void File_names_give_kind_venue_and_period(string name, CandleKind kind, Venue venue, BarPeriod? period)
    {
        var file = CandleFile.TryParse(name)!;
        Assert.Equal((kind, venue, period), (file.Kind, file.Venue, file.Period));
    }

    [Fact]
    public void Mark_files_are_left_out_of_discovery_and_yield_nothing()
    {
        Assert.DoesNotContain(CandleFile.Discover(MacroDir), f => f.Kind == CandleKind.Mark);
        var reader = new CandleCsvReader(File(MacroDir, "BTC_USDT_USDT-mark-1h.csv.gz"));
        Assert.Empty(reader);
        Assert.Equal(1, reader.Rejects[CandleCsvReader.UnsupportedFile]);
    }

    [Fact]
    public void All_real_candle_and_funding_files_read_without_rejects()
    {
        var files = CandleFile.Discover(Path.Combine(TestData.Root, "macro_meso"))
            .Concat(CandleFile.Discover(Path.Combine(TestData.Root, "meso", "binance_freqtrade_harthor_5m"))).ToList();
        Assert.True(files.Count >= 30);
        foreach (var file in files)
        {
            var reader = new CandleCsvReader(file);
            Assert.True(reader.Count() > 100, file.Path);
            Assert.True(reader.Rejects.Total == 0, $"{file.Path}: {reader.Rejects}");
        }
    }

    [Fact]
    public void Bad_rows_are_skipped_and_counted_by_reason()
    {
        var dir = Directory.CreateTempSubdirectory("hrm-csv-").FullName;
        try
        {
            var path = Path.Combine(dir, "BTC_USDT-spot-1h.csv.gz");
            var rows = string.Join('\n',
                "date_unix_ms,date_utc,open,high,low,close,volume",
                "1000,x,1,2,0.5,1.5,10",
                "2000,x,1,2,0.5,1.5",
                "3000,x,1,2,0.5,abc,10",
                "4000,x,NaN,2,0.5,1.5,10",
                "5000,x,-1,2,0.5,1.5,10",
                "6000,x,1,2,0.5,1.5,-10",
                "x000,x,1,2,0.5,1.5,10",
                "1000,x,1,2,0.5,1.5,10",
                "7000,x,1,2,0.5,1.5,10");
            using (var gz = new GZipStream(System.IO.File.Create(path), CompressionLevel.Fastest))
                gz.Write(Encoding.ASCII.GetBytes(rows));

            var reader = new CandleCsvReader(CandleFile.TryParse(path)!);
            Assert.Equal(2, reader.Count());
            Assert.Equal(1, reader.Rejects[RejectReasons.MalformedRow]);
            Assert.Equal(1, reader.Rejects[RejectReasons.BadNumber]);
            Assert.Equal(1, reader.Rejects[RejectReasons.NonFiniteNumber]);
            Assert.Equal(1, reader.Rejects[RejectReasons.NegativePrice]);
            Assert.Equal(1, reader.Rejects[RejectReasons.NegativeQty]);
            Assert.Equal(1, reader.Rejects[RejectReasons.BadTimestamp]);
            Assert.Equal(1, reader.Rejects[CandleCsvReader.OutOfOrderRow]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

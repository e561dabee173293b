using Hrm.MarketData.Candles;
using Hrm.Protocol.Market;

namespace Hrm.MarketData.Tests.Candles;

public sealed class CrossExchangeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hrm-xex-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private CrossExchangeFile Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return CrossExchangeFile.TryParse(path)!;
    }

    [Fact]
    public void File_names_give_venue_quote_period_and_the_canonical_symbol()
    {
        var us = CrossExchangeFile.TryParse("/x/binanceus_BTCUSDC_1m_20230301_20230321.csv.gz")!;
        Assert.Equal(("BTCUSDT", Venue.BinanceUs, "USDC", BarPeriod.M1), (us.Symbol, us.Venue, us.Quote, us.Period));
        var kraken = CrossExchangeFile.TryParse("/x/kraken_XBTUSD_60.csv.gz")!;
        Assert.Equal(("BTCUSDT", Venue.Kraken, "USD", BarPeriod.H1), (kraken.Symbol, kraken.Venue, kraken.Quote, kraken.Period));
        Assert.Null(CrossExchangeFile.TryParse("/x/binanceus_metadata_range_1m_20230301_20230321.csv"));
        Assert.Null(CrossExchangeFile.TryParse("/x/kraken_XBTUSD_7.csv.gz"));
    }

    [Fact]
    public void Quote_variants_sum_volume_and_take_prices_from_the_usd_book()
    {
        var usd = Write("kraken_XBTUSD_60.csv", "1672531200,100,110,90,105,2.5,10\n1672534800,105,106,104,105,1,3\n");
        var usdc = Write("kraken_XBTUSDC_60.csv", "1672531200,113,120,100,114,0.5,2\n1672538400,114,115,113,114,4,1\n");
        var bars = new CrossExchangeBars([usdc, usd]).Cast<Bar>().ToList();
        Assert.Equal(3, bars.Count);
        // 00:00–01:00: USD book prices, volume 2.5 + 0.5 = 3, stamped at the close 01:00
        Assert.Equal((1672534800L * 1_000_000_000, 105.0, 3.0), (bars[0].TsEvent, bars[0].Close, bars[0].Volume));
        // 02:00–03:00 only traded on USDC: its prices
        Assert.Equal((114.0, 4.0), (bars[2].Close, bars[2].Volume));
        Assert.All(bars, b => Assert.Equal(Venue.Kraken, b.Venue));
    }

    [Fact]
    public void Binance_us_klines_parse_and_bad_rows_are_counted()
    {
        var file = Write("binanceus_BTCUSDT_1m_20230301_20230301.csv",
            "open_time,open,high,low,close,volume\n" +
            "2023-03-01 00:00:00+00:00,23140.48,23150.77,23128.52,23142.31,2.131777\n" +
            "2023-03-01 00:00:00+00:00,23140.48,23150.77,23128.52,23142.31,1\n" +
            "2023-03-01 00:02:00+00:00,23140.48,23100,23128.52,23142.31,1\n" +
            "2023-03-01 00:03:00+00:00,23140.48,23150.77,23128.52,23142.31,-1\n" +
            "2023-03-01 00:04:00+00:00,0,23150.77,23128.52,23142.31,1\n" +
            "2023-03-01 00:05:00+00:00,x,23150.77,23128.52,23142.31,1\n" +
            "2023-03-01 00:06:00+00:00,Infinity,23150.77,23128.52,23142.31,1\n" +
            "2023-03-01 25:07:00+00:00,23140.48,23150.77,23128.52,23142.31,1\n" +
            "2023-03-01 00:08:00+00:00,23140.48,23150.77,23128.52\n" +
            "2023-03-01 00:09:00+00:00,23140.48,23150.77,23128.52,23142.31,0.0\n");
        var reader = new CrossExchangeCsvReader(file);
        var bars = reader.Cast<Bar>().ToList();
        Assert.Equal(2, bars.Count);
        Assert.Equal(DateTimeOffset.Parse("2023-03-01T00:01:00Z").ToUnixTimeMilliseconds() * 1_000_000, bars[0].TsEvent);
        Assert.Equal(1, reader.Rejects[CrossExchangeCsvReader.OutOfOrderRow]);
        Assert.Equal(1, reader.Rejects[CrossExchangeCsvReader.InconsistentOhlc]);
        Assert.Equal(1, reader.Rejects["negative-qty"]);
        Assert.Equal(1, reader.Rejects["negative-price"]);
        Assert.Equal(1, reader.Rejects["bad-number"]);
        Assert.Equal(1, reader.Rejects["non-finite-number"]);
        Assert.Equal(1, reader.Rejects["bad-timestamp"]);
        Assert.Equal(1, reader.Rejects["malformed-row"]);
    }

    [Fact]
    public void Real_files_read_without_rejects()
    {
        var sources = CrossExchangeBars.Discover(Path.Combine(TestData.Root, "meso", "cross_exchange_2023Q1_iaqf"));
        Assert.Equal(
            ["binance-us BTCUSDT 1m (USD+USDT+USDC)", "kraken BTCUSDT 1m (USDC)", "kraken BTCUSDT 5m (USD+USDT+USDC)", "kraken BTCUSDT 1h (USD+USDT+USDC)"],
            sources.Select(s => s.Name));
        foreach (var s in sources)
        {
            Assert.NotEmpty(s);
            Assert.Equal(0, s.Rejects.Total);
        }
    }
}

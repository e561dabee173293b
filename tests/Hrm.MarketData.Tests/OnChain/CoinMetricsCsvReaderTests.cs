using Hrm.MarketData.OnChain;
using Hrm.Protocol.Market;

namespace Hrm.MarketData.Tests.OnChain;

public sealed class CoinMetricsCsvReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hrm-cm-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Metrics_are_stamped_at_the_end_of_their_day_and_empty_cells_are_absent()
    {
        var path = Write("coinmetrics_btc_test.csv", ",Unnamed: 0,time,CapMrktCurUSD,FlowInExUSD,HashRate\n0,0,2020-01-01,100.5,,7\n1,1,2020-01-02,101,2.5,7\n");
        var events = new CoinMetricsCsvReader(path).Cast<OnChainMetric>().ToList();
        var day2 = DateTimeOffset.Parse("2020-01-02T00:00:00Z").ToUnixTimeMilliseconds() * 1_000_000;
        Assert.Equal(3, events.Count); // HashRate is not used; the empty inflow of 01-01 is absent
        Assert.All(events, e => Assert.Equal("BTCUSDT", e.Symbol));
        Assert.All(events, e => Assert.Equal(Venue.OnChain, e.Venue));
        Assert.Equal(("CapMrktCurUSD", day2, 100.5), (events[0].Metric, events[0].TsEvent, events[0].Value)); // 01-01 known at 01-02 00:00
        Assert.Equal(("FlowInExUSD", day2 + 86_400_000_000_000, 2.5), (events[2].Metric, events[2].TsEvent, events[2].Value));
    }

    [Fact]
    public void Bad_rows_are_counted_by_reason()
    {
        var path = Write("coinmetrics_eth_bad.csv",
            "time,CapMrktCurUSD\n2020-01-01,1\n2020-01-01,2\n2020-13-01,1\n2020-01-03,abc\n2020-01-04,-5\n2020-01-05,NaN\n2020-01-06,1,2\n2020-01-07,3\n");
        var reader = new CoinMetricsCsvReader(path);
        var events = reader.Cast<OnChainMetric>().ToList();
        Assert.Equal([1.0, 3.0], events.Select(e => e.Value));
        Assert.Equal("ETHUSDT", events[0].Symbol);
        Assert.Equal(1, reader.Rejects[CoinMetricsCsvReader.OutOfOrderRow]);
        Assert.Equal(1, reader.Rejects["bad-timestamp"]);
        Assert.Equal(1, reader.Rejects["bad-number"]);
        Assert.Equal(1, reader.Rejects[CoinMetricsCsvReader.NegativeValue]);
        Assert.Equal(1, reader.Rejects["non-finite-number"]);
        Assert.Equal(1, reader.Rejects["malformed-row"]);
    }

    [Fact]
    public void File_level_failures_yield_nothing_and_say_why()
    {
        var noDate = new CoinMetricsCsvReader(Write("coinmetrics_btc_nodate.csv", "day,CapMrktCurUSD\n2020-01-01,1\n"));
        Assert.Empty(noDate);
        Assert.Equal(1, noDate.Rejects[CoinMetricsCsvReader.MissingDateColumn]);
        var unknown = new CoinMetricsCsvReader(Write("coinmetrics_doge.csv", "time,CapMrktCurUSD\n2020-01-01,1\n"));
        Assert.Empty(unknown);
        Assert.Equal(1, unknown.Rejects[CoinMetricsCsvReader.UnknownSymbol]);
        var empty = new CoinMetricsCsvReader(Write("coinmetrics_btc_empty.csv", ""));
        Assert.Empty(empty);
        Assert.Equal(1, empty.Rejects[CoinMetricsCsvReader.MissingHeader]);
        var missing = new CoinMetricsCsvReader(Path.Combine(_dir, "coinmetrics_btc_missing.csv"));
        Assert.Empty(missing);
        Assert.Equal(1, missing.Rejects["unreadable-file"]);
    }

    [Fact]
    public void Real_files_read_without_rejects()
    {
        var readers = CoinMetricsCsvReader.Discover(Path.Combine(TestData.Root, "onchain"));
        Assert.Equal(3, readers.Count);
        var counts = readers.Select(r => (r.Name, r.Symbol, Count: r.Count(), r.Rejects.Total)).ToList();
        Assert.All(counts, c => Assert.Equal(0, c.Total));
        Assert.Equal("ETHUSDT", counts.Single(c => c.Name.Contains("_eth_")).Symbol);
        // the 2009–2019 file's last row (2019-11-01) has only price/ROI/volatility columns: no used metric that day
        var last = readers[0].Cast<OnChainMetric>().Last();
        Assert.Equal(DateTimeOffset.Parse("2019-11-01T00:00:00Z").ToUnixTimeMilliseconds() * 1_000_000, last.TsEvent);
    }
}

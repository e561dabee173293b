using Hrm.MarketData.Bitstamp;

namespace Hrm.MarketData.Tests.Bitstamp;

/// <summary>L3 order files are found by their header, wherever they are and whatever they are called.</summary>
public sealed class L3CatalogTests
{
    [Fact]
    public void Over_the_whole_shared_data_tree_only_the_obanalytics_orders_file_is_found()
    {
        // 90 *.csv* files in the tree (candles, on-chain, options, fixtures, references): one has the L3 header.
        var found = L3Catalog.Discover(TestData.Root);

        var reader = Assert.Single(found);
        Assert.Equal(Path.Combine(TestData.Root, "micro", "bitstamp_l3_obanalytics_2015-05-01", "orders.csv.gz"), reader.Path);
        Assert.Equal("BTCUSDT", reader.Symbol);
    }

    [Fact]
    public void Binance_captures_are_not_L3_files()
    {
        Assert.Empty(L3Catalog.Discover(TestData.Path2024));
    }

    [Fact]
    public void A_file_is_an_L3_file_by_its_header_not_its_name()
    {
        var dir = Directory.CreateTempSubdirectory("hrm-l3-catalog-").FullName;
        var row = "65595247,1430438404518,1430438404000,236.47,200000000,created,bid"; // line 2 of the real file
        File.WriteAllLines(Path.Combine(dir, "bitstamp_day.csv"), [BitstampL3Reader.Header, row]);
        File.WriteAllLines(Path.Combine(dir, "orders.csv"), ["id,timestamp,price,volume", row]);
        File.WriteAllText(Path.Combine(dir, "empty.csv"), "");

        var reader = Assert.Single(L3Catalog.Discover(dir));

        Assert.Equal("bitstamp_day.csv", reader.Name);
    }
}

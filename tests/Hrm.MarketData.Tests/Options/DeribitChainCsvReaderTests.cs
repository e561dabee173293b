using Hrm.MarketData.Options;
using Hrm.Protocol.Market;

namespace Hrm.MarketData.Tests.Options;

public sealed class DeribitChainCsvReaderTests : IDisposable
{
    private const string Header = ",expiration_timestamp,option_type,instrument_name,strike,underlying_price,timestamp,open_interest,mark_iv,greeks";
    private const string Greeks = "\"{'vega': 5.49167, 'theta': -26.07217, 'gamma': 0.00037, 'delta': -0.43897}\"";
    private readonly string _dir = Directory.CreateTempSubdirectory("hrm-opt-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private DeribitChainCsvReader Reader(params string[] rows)
    {
        var path = Path.Combine(_dir, "deribit_btc_option_chain_test.csv");
        File.WriteAllLines(path, [Header, .. rows]);
        return new DeribitChainCsvReader(path);
    }

    [Fact]
    public void A_row_becomes_an_option_quote_with_greeks_from_the_dict_and_rows_are_sorted_by_time()
    {
        var reader = Reader(
            $"0,1590134400000,put,BTC-22MAY20-9250-P,9250.0,9352.58,1589434896486,139.3,76.87,{Greeks}",
            $"1,1590134400000,call,BTC-22MAY20-12000-C,12000.0,9352.41,1589434890000,110.6,112.49,\"{{'delta': 0.08013, 'gamma': 0.0001, 'vega': 2.07}}\"");
        var quotes = reader.Cast<OptionQuote>().ToList();
        Assert.Equal(0, reader.Rejects.Total);
        Assert.Equal("BTC-22MAY20-12000-C", quotes[0].Instrument); // earlier timestamp first
        var put = quotes[1];
        Assert.Equal(("BTCUSDT", Venue.Deribit, false), (put.Symbol, put.Venue, put.IsCall));
        Assert.Equal(1589434896486L * 1_000_000, put.TsEvent);
        Assert.Equal(1590134400000L * 1_000_000, put.Expiry);
        Assert.Equal((9250.0, 9352.58, 139.3, 76.87), (put.Strike, put.UnderlyingPrice, put.OpenInterest, put.MarkIv));
        Assert.Equal((-0.43897, 0.00037, 5.49167), (put.Delta, put.Gamma, put.Vega));
    }

    [Fact]
    public void Bad_rows_are_counted_by_reason()
    {
        var reader = Reader(
            $"0,1590134400000,straddle,BTC-X,9250.0,9352.58,1589434896486,139.3,76.87,{Greeks}",
            $"1,1590134400000,put,BTC-X,abc,9352.58,1589434896486,139.3,76.87,{Greeks}",
            $"2,1590134400000,put,BTC-X,9250.0,9352.58,1589434896486,-1,76.87,{Greeks}",
            $"3,1590134400000,put,BTC-X,-9250.0,9352.58,1589434896486,1,76.87,{Greeks}",
            "4,1590134400000,put,BTC-X,9250.0,9352.58,1589434896486,1,76.87,\"{'vega': 1.0, 'delta': -0.4}\"",
            $"5,x,put,BTC-X,9250.0,9352.58,1589434896486,1,76.87,{Greeks}",
            $"6,1590134400000,put,BTC-X,9250.0,9352.58,1589434896486,1,NaN,{Greeks}",
            "7,1590134400000,put,BTC-X,9250.0,9352.58,1589434896486,1,76.87,\"{'unclosed",
            $"8,1589434896486,put,BTC-X,9250.0,9352.58,1589434896486,1,76.87,{Greeks}",
            $"9,1590134400000,put,-X,9250.0,9352.58,1589434896486,1,76.87,{Greeks}",
            $"10,1590134400000,put,BTC-X,9250.0,9352.58,1589434896486,1,76.87,{Greeks}");
        Assert.Single(reader);
        Assert.Equal(1, reader.Rejects[DeribitChainCsvReader.BadOptionType]);
        Assert.Equal(1, reader.Rejects["bad-number"]);
        Assert.Equal(1, reader.Rejects["negative-qty"]);
        Assert.Equal(1, reader.Rejects["negative-price"]);
        Assert.Equal(1, reader.Rejects[DeribitChainCsvReader.MissingGreeks]);
        Assert.Equal(1, reader.Rejects["bad-timestamp"]);
        Assert.Equal(1, reader.Rejects["non-finite-number"]);
        Assert.Equal(1, reader.Rejects["malformed-row"]);
        Assert.Equal(1, reader.Rejects[DeribitChainCsvReader.ExpiredOption]);
        Assert.Equal(1, reader.Rejects[DeribitChainCsvReader.UnknownSymbol]);
    }

    [Fact]
    public void A_header_without_the_needed_columns_is_refused()
    {
        var path = Path.Combine(_dir, "deribit_btc_option_chain_short.csv");
        File.WriteAllLines(path, ["strike,mark_iv", "1,2"]);
        var reader = new DeribitChainCsvReader(path);
        Assert.Empty(reader);
        Assert.Equal(1, reader.Rejects[DeribitChainCsvReader.MissingColumn]);
    }

    [Fact]
    public void Real_chains_read_without_rejects()
    {
        var readers = DeribitChainCsvReader.Discover(Path.Combine(TestData.Root, "options"));
        Assert.Equal([310, 326], readers.Select(r => r.Count()));
        Assert.All(readers, r => Assert.Equal(0, r.Rejects.Total));
    }
}

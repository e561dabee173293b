namespace Hrm.MarketData.Tests.Parsing;

public class SymbolsTests
{
    [Theory]
    [InlineData("btcusdt", "BTCUSDT")]
    [InlineData("btcusd_perp", "BTCUSDT")]
    [InlineData("ethusd_perp", "ETHUSDT")]
    [InlineData("ethusdt", "ETHUSDT")]
    [InlineData("BTC_USDT", "BTCUSDT")]
    [InlineData("BTC_USDT_USDT", "BTCUSDT")]
    [InlineData("DOGE_USDT_USDT", "DOGEUSDT")]
    public void Maps_native_names_to_base_plus_usdt(string native, string canonical)
    {
        Assert.Equal(canonical, Symbols.Canonical(native));
    }

    [Theory]
    [InlineData(Hrm.Protocol.Market.Venue.BinanceSpot, "BTCUSDT", "btcusdt")]
    [InlineData(Hrm.Protocol.Market.Venue.BinanceUsdm, "ETHUSDT", "ethusdt")]
    [InlineData(Hrm.Protocol.Market.Venue.BinanceCoinm, "BTCUSDT", "btcusd_perp")]
    [InlineData(Hrm.Protocol.Market.Venue.BinanceCoinm, "ethusdt", "ethusd_perp")]
    public void Maps_canonical_symbols_to_the_venue_instrument_and_back(Hrm.Protocol.Market.Venue venue, string symbol, string native)
    {
        Assert.Equal(native, Symbols.Native(venue, symbol));
        Assert.Equal(symbol.ToUpperInvariant(), Symbols.Canonical(native));
    }

    [Theory]
    [InlineData("onchain/coinmetrics_btc_2009-2019_minzhi123.csv.gz", "BTCUSDT")]
    [InlineData("coinmetrics_eth_subset_flowinex_2015-2023_siap.csv.gz", "ETHUSDT")]
    [InlineData("deribit_btc_option_chain_2020-05-14.csv.gz", "BTCUSDT")]
    [InlineData("coinmetrics_doge.csv", null)]
    [InlineData("deribit_option_chain_btcusd.csv", null)]
    public void A_file_name_names_btc_or_eth_as_a_word_of_its_own(string path, string? canonical)
    {
        Assert.Equal(canonical, Symbols.InFileName(path));
    }
}

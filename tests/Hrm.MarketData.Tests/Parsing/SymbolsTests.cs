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
}

using Hrm.MarketData.Deribit;

namespace Hrm.MarketData.Tests.Deribit;

public sealed class DeribitOptionTests
{
    [Fact]
    public void Option_names_give_currency_expiry_strike_and_side()
    {
        // 2021-09-24 08:00 UTC = 1632470400 s: the expiration_timestamp get_instruments lists for BTC-24SEP21-*
        Assert.Equal(new DeribitOption("BTC", 1_632_470_400_000_000_000, 8000, false), DeribitOption.TryParse("BTC-24SEP21-8000-P"));
        // one-digit day; 2021-08-06 08:00 UTC = 1628236800 s (BTC-6AUG21-40000-C in DERIBIT.0.gz)
        Assert.Equal(new DeribitOption("BTC", 1_628_236_800_000_000_000, 40000, true), DeribitOption.TryParse("BTC-6AUG21-40000-C"));
        Assert.Equal(2.2, DeribitOption.TryParse("XRP_USDC-30MAY25-2d2-C")!.Strike);
        Assert.Null(DeribitOption.TryParse("BTC-PERPETUAL"));
        Assert.Null(DeribitOption.TryParse("BTC-24SEP21"));
        Assert.Null(DeribitOption.TryParse("BTC-24SEP21-8000-X"));
        Assert.Null(DeribitOption.TryParse("BTC-99SEP21-8000-C"));
    }
}

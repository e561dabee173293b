using Hrm.Backtesting;
using Hrm.Protocol.Market;

namespace Hrm.Backtesting.Tests;

public sealed class QuoteSamplerTests
{
    private const long Ms = 1_000_000;

    [Fact]
    public void The_last_quote_of_each_bucket_becomes_a_mid_with_its_half_spread()
    {
        var sampler = new QuoteSampler(Venue.BinanceUsdm, stepNanos: 100 * Ms);
        var events = new MarketEvent[]
        {
            Quote(10 * Ms, 100.0, 100.2),
            Quote(90 * Ms, 100.1, 100.3), // same 100 ms bucket: replaces the first
            Quote(150 * Ms, 101.0, 101.0), // zero spread is a valid quote
            Quote(160 * Ms, 102.0, 101.0), // crossed: skipped
            Quote(170 * Ms, 0, 101.0), // empty bid: skipped
            Quote(140 * Ms, 99.0, 99.2), // before the last kept quote: skipped
            Quote(250 * Ms, 103.0, 103.5, Venue.BinanceSpot), // another venue: not sampled
        };

        var passed = sampler.Observe(events).ToList();

        Assert.Equal(events, passed);
        var mids = sampler.Mids("BTCUSDT");
        Assert.Equal(2, mids.Count);
        Assert.Equal(90 * Ms, mids[0].TsEvent);
        Assert.Equal(100.2, mids[0].Price, 9);
        Assert.Equal(0.1, mids[0].HalfSpread, 9);
        Assert.Equal(150 * Ms, mids[1].TsEvent);
        Assert.Equal(101.0, mids[1].Price, 9);
        Assert.Equal(0.0, mids[1].HalfSpread, 9);
        Assert.Empty(sampler.Mids("ETHUSDT"));
    }

    private static BookTicker Quote(long ts, double bid, double ask, Venue venue = Venue.BinanceUsdm) => new()
    {
        Symbol = "BTCUSDT",
        Venue = venue,
        TsEvent = ts,
        TsInit = ts,
        UpdateId = ts,
        BidPrice = Fixed.FromDouble(bid),
        BidQty = Fixed.FromDouble(1),
        AskPrice = Fixed.FromDouble(ask),
        AskQty = Fixed.FromDouble(1),
    };
}

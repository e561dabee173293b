using Hrm.Protocol.Market;
using Hrm.Signals.Engine;
using static Hrm.Testing.SyntheticTrades;

namespace Hrm.Signals.Tests.Engine;

/// <summary>
/// The reference price follows the primary venue (USD-M) and falls back to spot only when USD-M has stopped trading
/// for 30 s while spot goes on, as in the 2024-08-09 capture whose USD-M files end at midnight.
/// </summary>
public sealed class PriceVenueTests
{
    [Fact]
    public void The_reference_price_leaves_a_primary_venue_that_went_quiet_and_comes_back_to_it()
    {
        var engine = new SymbolEngine("BTCUSDT", Settings.Default);
        engine.Route(Trade(Venue.BinanceUsdm, T0, 60_000));
        engine.Route(Trade(Venue.BinanceSpot, T0 + Second, 59_990));
        Assert.Equal(Venue.BinanceUsdm, engine.PriceVenue);
        Assert.Equal(60_000, Reference(engine));

        // Spot trades on for 30 s with no USD-M trade: still USD-M at exactly 30 s, spot after.
        engine.Route(Trade(Venue.BinanceSpot, T0 + 30 * Second, 59_980));
        Assert.Equal(Venue.BinanceUsdm, engine.PriceVenue);
        engine.Route(Trade(Venue.BinanceSpot, T0 + 31 * Second, 59_970));
        Assert.Equal(Venue.BinanceSpot, engine.PriceVenue);
        engine.Route(Trade(Venue.BinanceSpot, T0 + 32 * Second, 59_960));
        Assert.Equal(59_960, Reference(engine));

        // USD-M trades again: it is fresh, so it leads.
        engine.Route(Trade(Venue.BinanceUsdm, T0 + 33 * Second, 60_050));
        Assert.Equal(Venue.BinanceUsdm, engine.PriceVenue);
        Assert.Equal(60_050, Reference(engine));
        Assert.Equal(Venue.BinanceUsdm, SymbolEngine.Restore(engine.Export(), Settings.Default).PriceVenue);
    }

    [Fact]
    public void Candle_history_without_trades_reads_the_primary_venue()
    {
        var engine = new SymbolEngine("BTCUSDT", Settings.Default);
        Assert.Equal(Venue.BinanceUsdm, engine.PriceVenue);
    }

    /// <summary>The reference price the open tick closes on.</summary>
    private static double Reference(SymbolEngine engine)
    {
        var price = double.NaN;
        engine.CloseTick(outputs => price = outputs.ReferencePrice);
        return price;
    }

    private static TradeTick Trade(Venue venue, long ts, double price) => At(ts) with { Venue = venue, Price = Fixed.FromDouble(price) };
}

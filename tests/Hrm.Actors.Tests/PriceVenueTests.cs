using Hrm.Actors.Symbol;
using Hrm.Protocol.Market;
using static Hrm.Actors.Tests.SyntheticTrades;

namespace Hrm.Actors.Tests;

/// <summary>
/// The reference price follows the primary venue (USD-M) and falls back to spot only when USD-M has stopped trading
/// for 30 s while spot goes on, as in the 2024-08-09 capture whose USD-M files end at midnight.
/// </summary>
public sealed class PriceVenueTests
{
    [Fact]
    public void The_reference_price_leaves_a_primary_venue_that_went_quiet_and_comes_back_to_it()
    {
        var core = new SymbolCore("BTCUSDT", new SymbolSettings());
        core.Route(Trade(Venue.BinanceUsdm, T0, 60_000));
        core.Route(Trade(Venue.BinanceSpot, T0 + Second, 59_990));
        Assert.Equal(Venue.BinanceUsdm, core.PriceVenue);
        Assert.Equal(60_000, Reference(core));

        // Spot trades on for 30 s with no USD-M trade: still USD-M at exactly 30 s, spot after.
        core.Route(Trade(Venue.BinanceSpot, T0 + 30 * Second, 59_980));
        Assert.Equal(Venue.BinanceUsdm, core.PriceVenue);
        core.Route(Trade(Venue.BinanceSpot, T0 + 31 * Second, 59_970));
        Assert.Equal(Venue.BinanceSpot, core.PriceVenue);
        core.Route(Trade(Venue.BinanceSpot, T0 + 32 * Second, 59_960));
        Assert.Equal(59_960, Reference(core));

        // USD-M trades again: it is fresh, so it leads.
        core.Route(Trade(Venue.BinanceUsdm, T0 + 33 * Second, 60_050));
        Assert.Equal(Venue.BinanceUsdm, core.PriceVenue);
        Assert.Equal(60_050, Reference(core));
        Assert.Equal(Venue.BinanceUsdm, SymbolCore.Restore(core.ExportState()).PriceVenue);
    }

    [Fact]
    public void Candle_history_without_trades_reads_the_primary_venue()
    {
        var core = new SymbolCore("BTCUSDT", new SymbolSettings());
        Assert.Equal(Venue.BinanceUsdm, core.PriceVenue);
    }

    private static double Reference(SymbolCore core) => core.OutputsAtTickEnd().ReferencePrice;

    private static TradeTick Trade(Venue venue, long ts, double price) => At(ts) with { Venue = venue, Price = Fixed.FromDouble(price) };
}

using Hrm.Actors.Symbol;
using Hrm.Protocol.Commands;
using Hrm.Protocol.Market;

namespace Hrm.Actors.Tests;

/// <summary>Which layer each kind of event reaches (synthetic events: routing only).</summary>
public sealed class SymbolCoreRoutingTests
{
    private const long Ts = SyntheticTrades.T0;

    public static TheoryData<MarketEvent, LayerKind> Routes() => new()
    {
        { new BookTicker { Symbol = "BTCUSDT", Venue = Venue.BinanceSpot, TsEvent = Ts, TsInit = Ts, UpdateId = 1, BidPrice = 1, BidQty = 1, AskPrice = 2, AskQty = 1 }, LayerKind.Micro },
        { new L3Order { Symbol = "BTCUSDT", Venue = Venue.Bitstamp, TsEvent = Ts, TsInit = Ts, OrderId = 1, Price = 1, Qty = 1, IsBid = true, Action = L3Action.Created }, LayerKind.Micro },
        { SyntheticTrades.At(Ts), LayerKind.Micro },
        { new FundingRate { Symbol = "BTCUSDT", Venue = Venue.BinanceUsdm, TsEvent = Ts, TsInit = Ts, Rate = 0.0001 }, LayerKind.Macro },
        { new OnChainMetric { Symbol = "BTCUSDT", Venue = Venue.OnChain, TsEvent = Ts, TsInit = Ts, Metric = "CapMVRVCur", Value = 2 }, LayerKind.Macro },
        { new OptionQuote { Symbol = "BTCUSDT", Venue = Venue.Deribit, TsEvent = Ts, TsInit = Ts, Instrument = "BTC-22MAY20-9250-P", Expiry = Ts + 1, Strike = 9250, IsCall = false, MarkIv = 76, Delta = -0.4, Gamma = 0.0004, Vega = 5, OpenInterest = 100, UnderlyingPrice = 9350 }, LayerKind.Macro },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public void Each_event_kind_reaches_its_layer_and_no_other(MarketEvent marketEvent, LayerKind expected)
    {
        var core = new SymbolCore("BTCUSDT", new SymbolSettings());

        core.Route(marketEvent);

        foreach (var kind in SymbolCore.Layers)
        {
            var step = core.TakeStep(kind, 1, captureState: false);
            Assert.Equal(kind == expected ? [marketEvent] : [], step.Events);
        }
    }

    [Fact]
    public void A_primary_venue_1h_bar_reaches_meso_and_macro_once_and_its_4h_roll_up_only_macro()
    {
        var core = new SymbolCore("BTCUSDT", new SymbolSettings());
        // 2024-08-09 00:00 closes an hour, a 4h and a day: the read 1h bar and the 4h/1d bars rolled up from it.
        var hour = new Bar { Symbol = "BTCUSDT", Venue = Venue.BinanceUsdm, TsEvent = Ts, TsInit = Ts, Period = BarPeriod.H1, Open = 1, High = 2, Low = 1, Close = 2, Volume = 3 };

        core.Route(hour);

        Assert.Equal([hour], core.TakeStep(LayerKind.Meso, 1, false).Events);
        var macro = core.TakeStep(LayerKind.Macro, 1, false).Events.Cast<Bar>().ToList();
        Assert.Equal([BarPeriod.H1, BarPeriod.H4, BarPeriod.D1], macro.Select(b => b.Period));
        Assert.All(macro, b => Assert.Equal(3, b.Volume));
        Assert.Empty(core.TakeStep(LayerKind.Micro, 1, false).Events);
    }
}

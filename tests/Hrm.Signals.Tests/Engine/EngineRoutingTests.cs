using Hrm.Protocol.Commands;
using Hrm.Protocol.Market;
using Hrm.Signals.Engine;
using Hrm.Testing;

namespace Hrm.Signals.Tests.Engine;

/// <summary>Which layer each kind of event reaches (synthetic events: routing only).</summary>
public sealed class EngineRoutingTests
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
        var layers = new ScriptedLayers();
        var engine = new SymbolEngine("BTCUSDT", Settings.Default, layers.Factories);

        engine.Route(marketEvent);
        engine.Step();

        Assert.Equal(expected == LayerKind.Macro ? [marketEvent] : [], layers.Macro.Applied);
        Assert.Equal(expected == LayerKind.Meso ? [marketEvent] : [], layers.Meso.Applied);
        Assert.Equal(expected == LayerKind.Micro ? [marketEvent] : [], layers.Micro.Applied);
    }

    [Fact]
    public void A_primary_venue_1h_bar_reaches_meso_and_macro_once_and_its_4h_roll_up_only_macro()
    {
        var layers = new ScriptedLayers();
        var engine = new SymbolEngine("BTCUSDT", Settings.Default, layers.Factories);
        // 2024-08-09 00:00 closes an hour, a 4h and a day: the read 1h bar and the 4h/1d bars rolled up from it.
        var hour = new Bar { Symbol = "BTCUSDT", Venue = Venue.BinanceUsdm, TsEvent = Ts, TsInit = Ts, Period = BarPeriod.H1, Open = 1, High = 2, Low = 1, Close = 2, Volume = 3 };

        engine.Route(hour);
        engine.Step();

        Assert.Equal([hour], layers.Meso.Applied);
        var macro = layers.Macro.Applied.Cast<Bar>().ToList();
        Assert.Equal([BarPeriod.H1, BarPeriod.H4, BarPeriod.D1], macro.Select(b => b.Period));
        Assert.All(macro, b => Assert.Equal(3, b.Volume));
        Assert.Empty(layers.Micro.Applied);
    }
}

/// <summary>The engine settings the entity runs by default (1 s tick, USD-M primary, hand-set integrator).</summary>
internal static class Settings
{
    public static readonly EngineSettings Default = new(SyntheticTrades.Second, Venue.BinanceUsdm);
}

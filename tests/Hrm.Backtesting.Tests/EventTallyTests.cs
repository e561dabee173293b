using Hrm.Backtesting;
using Hrm.Protocol.Market;

namespace Hrm.Backtesting.Tests.Backtest;

/// <summary>The run summary's event counts: every event kind under its own name, none folded into another.</summary>
public sealed class EventTallyTests
{
    [Fact]
    public void Funding_l3_on_chain_and_option_events_are_each_counted_under_their_own_name()
    {
        MarketEvent[] events =
        [
            new FundingRate { Symbol = "BTCUSDT", Venue = Venue.BinanceUsdm, TsEvent = 1, TsInit = 1, Rate = 0.0001 },
            new L3Order { Symbol = "BTCUSD", Venue = Venue.Bitstamp, TsEvent = 2, TsInit = 2, OrderId = 7, Price = 1, Qty = 1, IsBid = true, Action = L3Action.Created },
            new L3Order { Symbol = "BTCUSD", Venue = Venue.Bitstamp, TsEvent = 3, TsInit = 3, OrderId = 7, Price = 1, Qty = 1, IsBid = true, Action = L3Action.Deleted },
            new OnChainMetric { Symbol = "BTCUSDT", Venue = Venue.OnChain, TsEvent = 4, TsInit = 4, Metric = OnChainMetrics.Mvrv, Value = 2.1 },
            new OptionQuote
            {
                Symbol = "BTCUSDT", Venue = Venue.Deribit, TsEvent = 5, TsInit = 5, Instrument = "BTC-29MAY20-9000-C", Expiry = 6, Strike = 9000,
                IsCall = true, MarkIv = 0.7, Delta = 0.5, Gamma = 0.001, Vega = 10, OpenInterest = 100, UnderlyingPrice = 9000,
            },
        ];
        var tally = new EventTally();

        var passed = tally.Count(events).ToList();

        Assert.Equal(events, passed);
        Assert.Equal(5, tally.Total);
        Assert.Equal(
            new Dictionary<string, long> { ["funding_rate"] = 1, ["l3_order"] = 2, ["on_chain_metric"] = 1, ["option_quote"] = 1 },
            tally.ByType());
    }
}

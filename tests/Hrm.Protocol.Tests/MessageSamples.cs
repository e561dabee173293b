using Hrm.Protocol;
using Hrm.Protocol.Commands;
using Hrm.Protocol.Layers;
using Hrm.Protocol.Market;

namespace Hrm.Protocol.Tests;

/// <summary>One populated instance of every message type (values are arbitrary: these test encoding, not markets).</summary>
public static class MessageSamples
{
    private static readonly PriceLevel[] Levels = [new(6_180_030_000_000, 600_000), new(6_180_020_000_000, 0)];

    public static readonly MicroSignal Micro = new(MicroSignalType.Book, 1, 0.4, 30, 0.52, 1.25, "book_imbalance_5");

    public static readonly MesoSignal Meso = new(
        "breakout", 0.75, 0.73, [new PatternLevel(61_800.5, "entry_low"), new PatternLevel(61_850, "entry_high")],
        new PatternLevel(61_700, "invalidation"), [Micro], 1);

    public static readonly MacroSignal Macro = new(Regime.Trending, 0.8, ["trend_tstat"], 0.02, 24);

    public static readonly MicroEvidence Evidence = new("BTCUSDT", 1_723_161_601_000_000_000, [Micro], 0.71, 3.5, false);

    public static IEnumerable<IHrmMessage> All()
    {
        const long ts = 1_723_161_601_273_000_000;
        yield return new DepthDiff { Symbol = "BTCUSDT", Venue = Venue.BinanceUsdm, TsEvent = ts, TsInit = ts + 5, FirstUpdateId = 10, FinalUpdateId = 12, PrevFinalUpdateId = 9, Bids = Levels, Asks = [] };
        yield return new DepthSnapshot { Symbol = "BTCUSDT", Venue = Venue.BinanceSpot, TsEvent = ts, TsInit = ts, LastUpdateId = 50_093_239_218, Bids = Levels, Asks = Levels };
        yield return new BookTicker { Symbol = "ETHUSDT", Venue = Venue.BinanceCoinm, TsEvent = ts, TsInit = ts, UpdateId = 7, BidPrice = 1, BidQty = 2, AskPrice = 3, AskQty = 4 };
        yield return new TradeTick { Symbol = "BTCUSDT", Venue = Venue.BinanceSpot, TsEvent = ts, TsInit = ts, TradeId = 3_735_683_259, Price = 6_183_763_000_000, Qty = 2_000_000, BuyerIsMaker = true };
        yield return new MarkPriceUpdate { Symbol = "BTCUSDT", Venue = Venue.BinanceUsdm, TsEvent = ts, TsInit = ts, MarkPrice = 1, IndexPrice = 2, FundingRate = 0.00002754, NextFundingTime = ts + 1 };
        yield return new Bar { Symbol = "BTCUSDT", Venue = Venue.BinanceUsdm, TsEvent = ts, TsInit = ts, Period = BarPeriod.H4, Open = 1, High = 2, Low = 0.5, Close = 1.5, Volume = 10 };
        yield return new FundingRate { Symbol = "BTCUSDT", Venue = Venue.BinanceUsdm, TsEvent = ts, TsInit = ts, Rate = 0.0001 };
        yield return new L3Order { Symbol = "BTCUSD", Venue = Venue.Bitstamp, TsEvent = ts, TsInit = ts, OrderId = 65_595_247, Price = 23_647_000_000, Qty = 200_000_000, IsBid = true, Action = L3Action.Created };
        yield return new OnChainMetric { Symbol = "BTCUSDT", Venue = Venue.OnChain, TsEvent = ts, TsInit = ts, Metric = "CapMVRVCur", Value = 1.42 };
        yield return new OptionQuote { Symbol = "BTCUSDT", Venue = Venue.Deribit, TsEvent = ts, TsInit = ts, Instrument = "BTC-22MAY20-9250-P", Expiry = ts + 1, Strike = 9250, IsCall = false, MarkIv = 76.87, Delta = -0.4, Gamma = 0.00037, Vega = 5.49, OpenInterest = 139.3, UnderlyingPrice = 9352.58 };
        yield return Macro;
        yield return Meso;
        yield return Micro;
        yield return new AlphaSignal("BTCUSDT", 3, ts, -1, 0.61, 0.012, 900, 61_900, 61_500, "trending", "breakout", ["ofi"], ["consistency_check"], 61_800);
        yield return new MacroContext("BTCUSDT", ts, Macro);
        yield return new MesoContext("BTCUSDT", ts, Meso);
        yield return Evidence;
        yield return new MesoEvidence("BTCUSDT", ts, Meso);
        yield return new FeedBatch("BTCUSDT", 4096, [new FundingRate { Symbol = "BTCUSDT", Venue = Venue.BinanceUsdm, TsEvent = ts, TsInit = ts, Rate = 0.0001 }]);
        yield return new FeedEnd("BTCUSDT", 10);
        yield return new FeedAck("BTCUSDT", 8192);
        yield return new GetFeedOffset("BTCUSDT");
        yield return new GetSymbolStatus("BTCUSDT");
        yield return new SymbolStatus("BTCUSDT", 1, 2, ts, "akka.tcp://hrm@127.0.0.1:4053", true);
        yield return new SymbolSnapshot(100, 3, [1], [2], [3], [4], new FeedSpec("BTCUSDT", "/data/micro"));
        yield return new LearnUntil("BTCUSDT", ts);
        yield return new LayerOutputs("BTCUSDT", ts, 61_800.5, Macro, null, Evidence, Macro, [double.NaN, 0.0125, 1, double.NegativeInfinity]);
        yield return new LeaderContext("BTCUSDT", ts, ts - 10, [new LeaderMacro(ts - 1, Macro)]);
        yield return new GetLeaderContext("BTCUSDT", ts);
        yield return new FollowLeader("ETHUSDT", "BTCUSDT");
        yield return new GetSymbolState("BTCUSDT");
        yield return new SymbolState(new SymbolStatus("BTCUSDT", 1, 2, ts), true, new FeedSpec("BTCUSDT", "/data"), "BTCUSDT", Macro, Meso, Evidence,
            new AlphaSignal("BTCUSDT", 3, ts, 1, 0.5, 0.1, 60, 1, 2, "volatile", "none", [], [], 1.5));
        yield return new RemoveSymbol("BTCUSDT");
        yield return new SymbolRemoved("BTCUSDT", true);
        yield return new AddSymbol("ETHUSDT", new FeedSpec("ETHUSDT", "/data"), "BTCUSDT");
        yield return new SymbolAdded(false, new SymbolState(new SymbolStatus("ETHUSDT", 0, 0, 0), true, null, null, null, null, null, null), "already added");
        yield return new AttachFeed("BTCUSDT@2024-08-09", new FeedSpec("BTCUSDT", "/data/micro/2024-08-09_window", "/data/macro_meso", 30, 1024));
    }
}

using Akka;
using Akka.Actor;
using Akka.Streams.Dsl;
using Akka.TestKit.Xunit2;
using Hrm.Actors.Symbol;
using Hrm.Live;
using Hrm.Protocol.Commands;
using Hrm.Protocol.Market;
using Hrm.Testing;
using static Hrm.Testing.SyntheticTrades;

namespace Hrm.Actors.Tests.Symbol;

/// <summary>
/// A live symbol in a plain actor system, its connector scripted (the socket side is tested against the loopback fake
/// exchange in Hrm.Live.Tests): events reach the layers numbered on from the entity's offset, a book gap invalidates
/// that venue's book before the next event and is journaled, and a new incarnation journals the window it was down.
/// The trades are synthetic vehicles; no market result is drawn from them.
/// </summary>
public sealed class LiveSymbolTests() : TestKit(SymbolActorTests.TestConfig)
{
    private readonly ScriptedLayers _layers = new();

    private IActorRef Entity(ScriptedConnectors connectors, string name) => Sys.ActorOf(
        SymbolActor.Props("BTCUSDT", new SymbolSettings { Live = connectors }, NoCluster.Instance, _layers.Factories), name);

    private SymbolState AwaitOffset(IActorRef entity, long offset)
    {
        SymbolState state = null!;
        AwaitAssert(() =>
        {
            entity.Tell(new GetSymbolState("BTCUSDT"));
            state = ExpectMsg<SymbolState>();
            Assert.Equal(offset, state.Status.FeedOffset);
        }, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50));
        return state;
    }

    private static MarketUpdate Update(MarketEvent e) => new(e.TsInit, e);

    [Fact]
    public void Live_events_reach_the_layers_and_a_book_gap_is_journaled_and_invalidates_that_book_first()
    {
        var connectors = new ScriptedConnectors(
            Update(At(T0, 1)), Update(At(T0 + Second, 2)),
            new BookGap(0, Venue.BinanceUsdm, "btcusdt", 41, 45),
            Update(At(T0 + 2 * Second, 3)));
        var entity = Entity(connectors, "live-1");

        entity.Tell(new AddSymbol("BTCUSDT", FeedSpec.Live("BTCUSDT", [Venue.BinanceUsdm])));
        Assert.True(ExpectMsg<SymbolAdded>().Added);

        // Three trades and the invalidation the gap put before the third.
        var state = AwaitOffset(entity, 4);
        Assert.Equal([Venue.BinanceUsdm], connectors.Asked.Select(a => a.Venue));
        Assert.Equal(["BTCUSDT"], connectors.Asked.Single().Symbols);
        var applied = _layers.Micro.Applied;
        Assert.Equal([typeof(TradeTick), typeof(TradeTick), typeof(BookInvalidated), typeof(TradeTick)], applied.Select(e => e.GetType()));
        Assert.Equal(T0 + 2 * Second, applied[2].TsEvent);

        var gap = Assert.Single(state.Gaps!);
        Assert.Equal(1, state.GapCount);
        Assert.Equal(new FeedGap("BTCUSDT", T0 + Second, T0 + 2 * Second, 2, "binance-usdm btcusdt book gap: last id 41, next 45"), gap);
    }

    [Fact]
    public void A_recovered_live_symbol_journals_the_window_it_did_not_see_and_distrusts_its_books()
    {
        var first = Entity(new ScriptedConnectors(Update(At(T0, 1)), Update(At(T0 + Second, 2))), "live-a");
        first.Tell(new AddSymbol("BTCUSDT", FeedSpec.Live("BTCUSDT", [Venue.BinanceUsdm, Venue.BinanceSpot])));
        ExpectMsg<SymbolAdded>();
        AwaitOffset(first, 2);
        Watch(first);
        first.Tell(PoisonPill.Instance);
        ExpectTerminated(first);
        _layers.Micro.Applied.Clear();

        // The next incarnation (another node after a failover) connects again; the market moved on meanwhile.
        var second = Entity(new ScriptedConnectors(Update(At(T0 + 60 * Second, 3))), "live-b");

        var state = AwaitOffset(second, 3);
        Assert.True(state.Attached);
        Assert.Equal([Venue.BinanceUsdm, Venue.BinanceSpot], state.Feed!.LiveVenues);
        var invalidated = _layers.Micro.Applied.OfType<BookInvalidated>().Select(b => b.Venue).ToList();
        Assert.Equal([Venue.BinanceSpot, Venue.BinanceUsdm], invalidated);
        var gap = Assert.Single(state.Gaps!);
        Assert.Equal(T0 + 60 * Second, gap.ToTsEvent);
        Assert.Contains("restarted", gap.Reason);
    }

    /// <summary>Connectors whose notices are a script, then silence (a live stream never ends by itself).</summary>
    private sealed class ScriptedConnectors(params LiveNotice[] script) : ILiveConnectorFactory
    {
        public List<(Venue Venue, IReadOnlyList<string> Symbols)> Asked { get; } = [];

        public IReadOnlyList<Venue> Venues => [Venue.BinanceSpot, Venue.BinanceUsdm, Venue.BinanceCoinm];

        public ILiveConnector Create(Venue venue, IReadOnlyList<string> symbols)
        {
            Asked.Add((venue, symbols));
            return new Scripted(Asked.Count == 1 ? script : []);
        }

        private sealed class Scripted(LiveNotice[] notices) : ILiveConnector
        {
            public string Name => "scripted";

            public Source<LiveNotice, NotUsed> Notices() => Source.From(notices).Concat(Source.Never<LiveNotice>());
        }
    }
}

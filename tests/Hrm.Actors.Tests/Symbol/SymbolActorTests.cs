using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit.Xunit2;
using Hrm.Actors.Hosting;
using Hrm.Actors.Symbol;
using Hrm.Protocol.Commands;
using Hrm.Protocol.Market;
using Hrm.Testing;
using static Hrm.Testing.SyntheticTrades;

namespace Hrm.Actors.Tests.Symbol;

/// <summary>
/// The symbol entity in a plain actor system with scripted layers, every message serialized on the way
/// (serialize-messages = on): feed offsets, the journaled learning cutoff, and a failing layer that restarts the
/// entity from its snapshot. The trades are synthetic vehicles; no market result is drawn from them.
/// </summary>
public sealed class SymbolActorTests() : TestKit(TestConfig)
{
    internal static readonly Config TestConfig = ConfigurationFactory.ParseString("""
        akka.actor.serialize-messages = on
        akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        """).WithFallback(HrmSerialization.Config);

    private const long PoisonTradeId = 666;

    private readonly ScriptedLayers _layers = new();

    private IActorRef Entity(SymbolSettings? settings = null, string? name = null) =>
        Sys.ActorOf(SymbolActor.Props("BTCUSDT", settings ?? new SymbolSettings(), NoCluster.Instance, _layers.Factories), name);

    [Fact]
    public void A_batch_past_the_entity_offset_is_refused_with_the_offset_to_resume_from()
    {
        var entity = Entity();
        entity.Tell(new FeedBatch("BTCUSDT", 5, [At(T0)]));

        Assert.Equal(0, ExpectMsg<FeedAck>().NextOffset);
        Assert.Empty(_layers.Micro.Applied);
    }

    [Fact]
    public void A_resent_batch_applies_only_the_events_the_entity_has_not_seen()
    {
        var entity = Entity();
        entity.Tell(new FeedBatch("BTCUSDT", 0, [At(T0), At(T0 + 1)]));
        Assert.Equal(2, ExpectMsg<FeedAck>().NextOffset);

        // The feed restarts one event back (e.g. after a lost ack): the overlapping event is dropped.
        var third = At(T0 + 2);
        entity.Tell(new FeedBatch("BTCUSDT", 1, [At(T0 + 1), third]));

        Assert.Equal(3, ExpectMsg<FeedAck>().NextOffset);
        Assert.Equal([T0, T0 + 1, T0 + 2], _layers.Micro.Applied.Cast<TradeTick>().Select(t => t.TradeId));
    }

    [Fact]
    public void A_restarted_entity_freezes_at_the_journaled_cutoff()
    {
        var first = Entity(name: "btc-1");
        first.Tell(new LearnUntil("BTCUSDT", T0 + 2 * Second));
        Assert.Equal(0, ExpectMsg<FeedAck>().NextOffset);
        Watch(first);
        first.Tell(PoisonPill.Instance);
        ExpectTerminated(first);

        // A new incarnation (same persistence id) recovers the cutoff from the journal.
        var second = Entity(name: "btc-2");
        second.Tell(new FeedBatch("BTCUSDT", 0, [At(T0 + 3 * Second)]));
        ExpectMsg<FeedAck>();

        Assert.Equal([false], _layers.Micro.Learning);
        Assert.Equal([false], _layers.Macro.Learning);
    }

    [Fact]
    public void A_failing_layer_restarts_the_entity_from_its_snapshot()
    {
        _layers.MicroFailsOn = e => e is TradeTick { TradeId: PoisonTradeId };
        var entity = Entity(new SymbolSettings { SnapshotEveryEvents = 1 });

        entity.Tell(new FeedBatch("BTCUSDT", 0, [At(T0, 1)]));
        Assert.Equal(1, ExpectMsg<FeedAck>().NextOffset);
        Assert.All(_layers.Made, made => Assert.Null(made.State));

        EventFilter.Exception<InvalidOperationException>().ExpectOne(() =>
            entity.Tell(new FeedBatch("BTCUSDT", 1, [At(T0 + Second, PoisonTradeId)])));

        AwaitAssert(() =>
        {
            entity.Tell(new GetFeedOffset("BTCUSDT"));
            Assert.Equal(1, ExpectMsg<FeedAck>(TimeSpan.FromSeconds(1)).NextOffset);
        });
        var restored = _layers.Made.Skip(3).ToList();
        Assert.Equal(3, restored.Count);
        Assert.All(restored, made => Assert.Equal([(byte)made.Kind, 42], made.State!));
    }
}

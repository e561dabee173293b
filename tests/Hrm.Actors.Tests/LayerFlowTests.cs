using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Hrm.Actors.Hosting;
using Hrm.Actors.Symbol;
using Hrm.Protocol.Commands;
using Hrm.Protocol.Layers;
using Hrm.Protocol.Market;

namespace Hrm.Actors.Tests;

/// <summary>
/// The symbol actor with TestKit probes in place of its three layers: context must flow down and evidence up
/// through it, at decision-tick boundaries, with every message serialized on the way (serialize-messages = on).
/// The trades here are synthetic vehicles for routing; no market result is drawn from them.
/// </summary>
public sealed class LayerFlowTests : TestKit
{

    internal static readonly Config TestConfig = ConfigurationFactory.ParseString("""
        akka.actor.serialize-messages = on
        akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        """).WithFallback(HrmSerialization.Config);

    private readonly TestProbe _macro;
    private readonly TestProbe _meso;
    private readonly TestProbe _micro;
    private readonly IActorRef _symbol;

    public LayerFlowTests() : base(TestConfig)
    {
        _macro = CreateTestProbe("macro");
        _meso = CreateTestProbe("meso");
        _micro = CreateTestProbe("micro");
        _symbol = Sys.ActorOf(SymbolActor.Props("BTCUSDT", new SymbolSettings(), (kind, _, _) => Forwarder.Props(ProbeFor(kind))));
    }

    [Fact]
    public void Micro_evidence_reaches_meso_and_macro_at_the_next_tick()
    {
        _symbol.Tell(new FeedBatch("BTCUSDT", 0, [SyntheticTrades.At(SyntheticTrades.T0), SyntheticTrades.At(SyntheticTrades.T0 + SyntheticTrades.Second + SyntheticTrades.Second / 2)]));

        // Tick [SyntheticTrades.T0, SyntheticTrades.T0+1s) closes when the second trade arrives: only micro has work.
        var first = _micro.ExpectMsg<LayerStep>();
        Assert.Single(first.Events);
        var evidence = new MicroEvidence("BTCUSDT", first.TsEvent, [], 0.8, 2.0, false);
        _micro.Reply(Done(first, LayerKind.Micro, micro: evidence));

        // At the end of the batch every layer is stepped; meso and macro carry the evidence of the closed tick.
        var toMeso = _meso.ExpectMsg<LayerStep>();
        var toMacro = _macro.ExpectMsg<LayerStep>();
        var toMicro = _micro.ExpectMsg<LayerStep>();
        Assert.Equal(0.8, toMeso.Micro!.AggressorRatio);
        Assert.Equal(0.8, toMacro.Micro!.AggressorRatio);
        Assert.Null(toMicro.Micro);
        Assert.Null(toMeso.Macro);

        _meso.Reply(Done(toMeso, LayerKind.Meso));
        _macro.Reply(Done(toMacro, LayerKind.Macro));
        _micro.Reply(Done(toMicro, LayerKind.Micro, micro: evidence));
        Assert.Equal(2, ExpectMsg<FeedAck>().NextOffset);
    }

    [Fact]
    public void A_regime_change_reaches_meso_and_micro_once()
    {
        var evidence = new MicroEvidence("BTCUSDT", SyntheticTrades.T0, [], 0.5, 0, false);
        var trending = new MacroSignal(Regime.Trending, 0.9, ["test"], 0.02, 24);

        _symbol.Tell(new FeedBatch("BTCUSDT", 0, [SyntheticTrades.At(SyntheticTrades.T0)]));
        Answer(_micro, LayerKind.Micro, micro: evidence);
        ExpectMsg<FeedAck>();

        // Closing the first tick sends its evidence up; macro answers with a new regime.
        _symbol.Tell(new FeedBatch("BTCUSDT", 1, [SyntheticTrades.At(SyntheticTrades.T0 + SyntheticTrades.Second)]));
        Answer(_macro, LayerKind.Macro, macro: trending);
        Answer(_meso, LayerKind.Meso);
        Answer(_micro, LayerKind.Micro, micro: evidence);
        ExpectMsg<FeedAck>();

        // The next tick close carries the regime down to meso and micro.
        _symbol.Tell(new FeedBatch("BTCUSDT", 2, [SyntheticTrades.At(SyntheticTrades.T0 + 2 * SyntheticTrades.Second)]));
        Assert.Null(Answer(_macro, LayerKind.Macro, macro: trending).Macro);
        Assert.Equal(Regime.Trending, Answer(_meso, LayerKind.Meso).Macro!.Signal.Regime);
        Assert.Equal(Regime.Trending, Answer(_micro, LayerKind.Micro, micro: evidence).Macro!.Signal.Regime);
        ExpectMsg<FeedAck>();

        // Unchanged on the following tick: the context is not sent again.
        _symbol.Tell(new FeedBatch("BTCUSDT", 3, [SyntheticTrades.At(SyntheticTrades.T0 + 3 * SyntheticTrades.Second)]));
        Answer(_macro, LayerKind.Macro, macro: trending);
        Assert.Null(Answer(_meso, LayerKind.Meso).Macro);
        Assert.Null(Answer(_micro, LayerKind.Micro, micro: evidence).Macro);
        ExpectMsg<FeedAck>();
    }

    [Fact]
    public void A_batch_past_the_entity_offset_is_refused_with_the_offset_to_resume_from()
    {
        _symbol.Tell(new FeedBatch("BTCUSDT", 5, [SyntheticTrades.At(SyntheticTrades.T0)]));

        Assert.Equal(0, ExpectMsg<FeedAck>().NextOffset);
        _micro.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void A_resent_batch_applies_only_the_events_the_entity_has_not_seen()
    {
        _symbol.Tell(new FeedBatch("BTCUSDT", 0, [SyntheticTrades.At(SyntheticTrades.T0), SyntheticTrades.At(SyntheticTrades.T0 + 1)]));
        Answer(_micro, LayerKind.Micro);
        Assert.Equal(2, ExpectMsg<FeedAck>().NextOffset);

        // The feed restarts one event back (e.g. after a lost ack): the overlapping event is dropped.
        var third = SyntheticTrades.At(SyntheticTrades.T0 + 2);
        _symbol.Tell(new FeedBatch("BTCUSDT", 1, [SyntheticTrades.At(SyntheticTrades.T0 + 1), third]));
        var step = Answer(_micro, LayerKind.Micro);

        Assert.Equal([third.TradeId], step.Events.Cast<TradeTick>().Select(t => t.TradeId));
        Assert.Equal(3, ExpectMsg<FeedAck>().NextOffset);
    }

    private static LayerStep Answer(TestProbe probe, LayerKind kind, MacroSignal? macro = null, MicroEvidence? micro = null)
    {
        var step = probe.ExpectMsg<LayerStep>();
        probe.Reply(Done(step, kind, macro, micro));
        return step;
    }

    private TestProbe ProbeFor(LayerKind kind) => kind switch
    {
        LayerKind.Macro => _macro,
        LayerKind.Meso => _meso,
        _ => _micro,
    };

    private static LayerStepDone Done(LayerStep step, LayerKind kind, MacroSignal? macro = null, MicroEvidence? micro = null) =>
        new(step.Symbol, step.StepId, kind, macro, null, micro, null);

    /// <summary>Stands in for a layer child and forwards to a probe, keeping the parent as sender.</summary>
    private sealed class Forwarder : ReceiveActor
    {
        public Forwarder(IActorRef target) => ReceiveAny(message => target.Forward(message));

        public static Props Props(IActorRef target) => Akka.Actor.Props.Create(() => new Forwarder(target));
    }
}

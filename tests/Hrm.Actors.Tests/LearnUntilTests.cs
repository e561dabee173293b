using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Hrm.Actors.Symbol;
using Hrm.Protocol.Commands;
using static Hrm.Actors.Tests.SyntheticTrades;

namespace Hrm.Actors.Tests;

/// <summary>
/// The learning cutoff of a walk-forward test window: learning stops at the first event stamped at or after it, every
/// layer is told before that event, and an entity that restarts freezes at the same event (the cutoff is journaled).
/// </summary>
public sealed class LearnUntilTests() : TestKit(LayerFlowTests.TestConfig)
{
    [Fact]
    public void Learning_stops_at_the_first_event_at_or_after_the_cutoff_and_every_layer_is_told_once()
    {
        var core = new SymbolCore("BTCUSDT", new SymbolSettings());
        core.LearnUntil(T0 + 2 * Second);

        core.Route(At(T0 + Second));
        Assert.False(core.LearningFrozen);
        Assert.All(SymbolCore.Layers, kind => Assert.Null(core.TakeStep(kind, 1, false).Learning));

        core.Route(At(T0 + 2 * Second));
        Assert.True(core.LearningFrozen);
        Assert.All(SymbolCore.Layers, kind => Assert.False(core.TakeStep(kind, 2, false).Learning));

        core.Route(At(T0 + 3 * Second));
        Assert.All(SymbolCore.Layers, kind => Assert.Null(core.TakeStep(kind, 3, false).Learning));
    }

    [Fact]
    public void The_cutoff_survives_a_snapshot_of_the_core()
    {
        var core = new SymbolCore("BTCUSDT", new SymbolSettings());
        core.LearnUntil(T0 + 2 * Second);
        var restored = SymbolCore.Restore(core.ExportState());

        restored.Route(At(T0 + 5 * Second));

        Assert.True(restored.LearningFrozen);
    }

    [Fact]
    public void A_restarted_entity_freezes_at_the_journaled_cutoff()
    {
        var probes = new[] { CreateTestProbe("macro"), CreateTestProbe("meso"), CreateTestProbe("micro") };
        var props = SymbolActor.Props("BTCUSDT", new SymbolSettings(), (kind, _, _) => Props.Create(() => new Forward(probes[(int)kind])));

        var first = Sys.ActorOf(props, "btc-1");
        first.Tell(new LearnUntil("BTCUSDT", T0 + 2 * Second));
        Assert.Equal(0, ExpectMsg<FeedAck>().NextOffset);
        Watch(first);
        first.Tell(PoisonPill.Instance);
        ExpectTerminated(first);

        // A new incarnation (same persistence id) recovers the cutoff from the journal.
        var second = Sys.ActorOf(props, "btc-2");
        second.Tell(new FeedBatch("BTCUSDT", 0, [At(T0 + 3 * Second)]));
        foreach (var kind in SymbolCore.Layers)
        {
            var step = probes[(int)kind].ExpectMsg<LayerStep>();
            Assert.False(step.Learning);
            probes[(int)kind].Reply(new LayerStepDone(step.Symbol, step.StepId, kind, null, null, null, null));
        }

        ExpectMsg<FeedAck>();
    }

    private sealed class Forward : ReceiveActor
    {
        public Forward(IActorRef target) => ReceiveAny(message => target.Forward(message));
    }
}

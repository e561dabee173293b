using System.Collections.Concurrent;
using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Hrm.Actors.Symbol;
using Hrm.Protocol.Commands;
using Hrm.Protocol.Market;

namespace Hrm.Actors.Tests;

/// <summary>A layer that throws makes the entity restart from its last snapshot, never run on with a blank layer.</summary>
public sealed class LayerFailureTests() : TestKit(LayerFlowTests.TestConfig)
{
    private const long PoisonTradeId = 666;

    [Fact]
    public void A_failing_layer_restarts_the_entity_from_its_snapshot()
    {
        var probes = new[] { CreateTestProbe("macro"), CreateTestProbe("meso"), CreateTestProbe("micro") };
        var created = new ConcurrentQueue<(LayerKind Kind, byte[]? State)>();
        var symbol = Sys.ActorOf(SymbolActor.Props("BTCUSDT", new SymbolSettings { SnapshotEveryEvents = 1 }, (kind, _, state) =>
        {
            created.Enqueue((kind, state));
            return Props.Create(() => new FailingForwarder(probes[(int)kind], kind));
        }));

        symbol.Tell(new FeedBatch("BTCUSDT", 0, [SyntheticTrades.At(SyntheticTrades.T0, 1)]));
        Answer(probes, LayerKind.Micro);                  // micro applies the trade
        foreach (var kind in SymbolCore.Layers)
        {
            Answer(probes, kind);                         // every layer hands over its state for the snapshot
        }

        Assert.Equal(1, ExpectMsg<FeedAck>().NextOffset);
        Assert.All(created, c => Assert.Null(c.State));

        EventFilter.Exception<InvalidOperationException>().ExpectOne(() =>
            symbol.Tell(new FeedBatch("BTCUSDT", 1, [SyntheticTrades.At(SyntheticTrades.T0 + 1, PoisonTradeId)])));

        AwaitAssert(() =>
        {
            symbol.Tell(new GetFeedOffset("BTCUSDT"));
            Assert.Equal(1, ExpectMsg<FeedAck>(TimeSpan.FromSeconds(1)).NextOffset);
        });
        var restored = created.Skip(3).ToList();
        Assert.Equal(3, restored.Count);
        Assert.All(restored, c => Assert.Equal([(byte)c.Kind, 42], c.State!));
    }

    /// <summary>The layer's probe answers its next step, with a recognisable state when the step asks for it.</summary>
    private static void Answer(TestProbe[] probes, LayerKind kind)
    {
        var probe = probes[(int)kind];
        var step = probe.ExpectMsg<LayerStep>();
        probe.Reply(new LayerStepDone(step.Symbol, step.StepId, kind, null, null, null, step.CaptureState ? [(byte)kind, 42] : null));
    }

    /// <summary>Forwards steps to the probe as if it were the layer; throws on the poison trade.</summary>
    private sealed class FailingForwarder : ReceiveActor
    {
        public FailingForwarder(IActorRef probe, LayerKind kind) => Receive<LayerStep>(step =>
        {
            if (step.Events.OfType<TradeTick>().Any(t => t.TradeId == PoisonTradeId))
            {
                throw new InvalidOperationException($"{kind} layer failed");
            }

            probe.Forward(step);
        });
    }
}

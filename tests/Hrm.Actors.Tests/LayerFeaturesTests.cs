using System.Collections.Concurrent;
using Akka.Actor;
using Hrm.Actors.Backtest;
using Hrm.Actors.Feed;
using Hrm.Actors.Hosting;
using Hrm.Actors.Layers;
using Hrm.Actors.Symbol;
using Hrm.Protocol.Commands;
using Hrm.Protocol.Layers;
using Hrm.Signals.Layers;

namespace Hrm.Actors.Tests;

/// <summary>
/// The feature vector's plumbing: layers answer with their slice only when asked, the entity asks exactly when it
/// publishes its layer outputs, each published <see cref="LayerOutputs"/> carries the whole vector, and asking changes
/// no signal.
/// </summary>
public sealed class LayerFeaturesTests
{
    private const string Entity = "ETHUSDT@2024-08-09";

    [Fact]
    public void The_core_puts_each_layers_last_slice_in_place_and_nan_for_a_layer_that_has_not_answered()
    {
        var core = new SymbolCore("BTCUSDT", new SymbolSettings());
        core.Route(SyntheticTrades.At(SyntheticTrades.T0));
        Assert.False(core.TakeStep(LayerKind.Micro, 1, captureState: false).Features);
        var step = core.TakeStep(LayerKind.Micro, 2, captureState: false, features: true);
        Assert.True(step.Features);

        var micro = Enumerable.Range(0, FeatureSchema.Micro.Count).Select(i => i + 0.5).ToArray();
        core.Accept(new LayerStepDone("BTCUSDT", 2, LayerKind.Micro, null, null, null, null, micro));
        core.Accept(new LayerStepDone("BTCUSDT", 2, LayerKind.Meso, null, null, null, null)); // answered without features
        var outputs = core.OutputsAtTickEnd();

        var features = Assert.IsType<double[]>(outputs.Features);
        Assert.Equal(FeatureSchema.Count, features.Length);
        var slice = FeatureSchema.Slice(LayerKind.Micro);
        Assert.Equal(micro, features[slice.Offset..slice.End]);
        Assert.All(features[..slice.Offset], v => Assert.True(double.IsNaN(v)));

        // a copy: a later answer does not change a vector already published; the slices survive a snapshot
        core.Accept(new LayerStepDone("BTCUSDT", 3, LayerKind.Micro, null, null, null, null, new double[FeatureSchema.Micro.Count]));
        Assert.Equal(micro, features[slice.Offset..slice.End]);
        var restored = SymbolCore.Restore(core.ExportState());
        Assert.Equal(new double[FeatureSchema.Micro.Count], restored.OutputsAtTickEnd().Features![slice.Offset..slice.End]);
    }

    [Fact]
    public async Task A_replay_records_the_whole_vector_at_every_tick_and_features_change_no_signal()
    {
        var on = await RunAsync(publish: true);
        var off = await RunAsync(publish: false);

        Assert.Equal(off.Csv, on.Csv);
        Assert.NotEmpty(on.Csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1));
        // steps ask for features exactly when the outputs are published
        Assert.NotEmpty(on.Asked);
        Assert.All(on.Asked, Assert.True);
        Assert.NotEmpty(off.Asked);
        Assert.DoesNotContain(true, off.Asked);
        Assert.Empty(off.Outputs);

        Assert.NotEmpty(on.Outputs);
        Assert.All(on.Outputs, o => Assert.Equal(FeatureSchema.Count, o.Features?.Length));
        // by the last tick every layer has spoken: each slice holds values (the capture's book, the 5m/15m pattern,
        // funding and momentum from the history)
        var last = on.Outputs[^1].Features!;
        Assert.False(double.IsNaN(last[FeatureSchema.IndexOf("micro_imbalance_5")]));
        Assert.False(double.IsNaN(last[FeatureSchema.IndexOf("meso_timeframe_minutes")]));
        Assert.False(double.IsNaN(last[FeatureSchema.IndexOf("macro_funding_rate")]));
        Assert.False(double.IsNaN(last[FeatureSchema.IndexOf("macro_mom_4w")]));
        Assert.False(double.IsNaN(last[FeatureSchema.IndexOf("macro_p_high_vol")]));
    }

    private static async Task<(string Csv, IReadOnlyList<LayerOutputs> Outputs, IReadOnlyList<bool> Asked)> RunAsync(bool publish)
    {
        var asked = new ConcurrentQueue<bool>();
        var journal = JournalSettings.SqliteFile(Path.Combine(RepoPaths.NewTempDirectory("features"), "hrm.db"));
        await using var node = await EmbeddedCluster.StartAsync(journal,
            new SymbolSettings { SnapshotEveryEvents = 50_000, PublishLayerOutputs = publish }, Spy(asked));
        var recorder = await LayerOutputsRecording.StartAsync(node.System, o => o.Symbol == Entity);
        await node.Symbols.Ask<FeedAck>(new AttachFeed(Entity, new FeedSpec("ETHUSDT", RepoPaths.Window2024, RepoPaths.History,
            WarmupDays: 120, BatchSize: 2048)), TimeSpan.FromSeconds(30));
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (!(await node.Symbols.Ask<SymbolStatus>(new GetSymbolStatus(Entity), TimeSpan.FromSeconds(30))).FeedEnded)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{Entity}'s feed did not end in 3 minutes");
            await Task.Delay(200);
        }

        var signals = await SignalJournal.ReadAsync(node.System, [Entity]);
        var recorded = await LayerOutputsRecording.CollectAsync(recorder);
        return (SignalCsv.Render(signals), recorded.TryGetValue(Entity, out var outputs) ? outputs : [], [.. asked]);
    }

    /// <summary>The real layer actors behind a spy that notes whether each step asked for features.</summary>
    private static LayerPropsFactory Spy(ConcurrentQueue<bool> asked) =>
        (kind, symbol, state) => Props.Create(() => new StepSpy(LayerActor.Props(kind, symbol, state), asked));

    private sealed class StepSpy : ReceiveActor
    {
        public StepSpy(Props layer, ConcurrentQueue<bool> asked)
        {
            var inner = Context.ActorOf(layer, "layer");
            Receive<LayerStep>(step =>
            {
                if (!step.CaptureState)
                {
                    asked.Enqueue(step.Features);
                }

                inner.Forward(step);
            });
        }
    }
}

using Akka.Actor;
using Hrm.Actors.Feed;
using Hrm.Actors.Hosting;
using Hrm.Actors.Symbol;
using Hrm.Backtesting;
using Hrm.Protocol;
using Hrm.Protocol.Commands;
using Hrm.Protocol.Layers;
using Hrm.Protocol.Market;
using Hrm.Signals.Layers;
using Hrm.Testing;

namespace Hrm.Backtesting.Tests;

/// <summary>
/// The feature vector's plumbing on real data: the entity reads features exactly when it publishes its layer outputs,
/// each published <see cref="LayerOutputs"/> carries the whole vector, and reading changes no signal.
/// </summary>
public sealed class LayerFeaturesTests
{
    private const string Entity = "ETHUSDT@2024-08-09";

    [Fact]
    public async Task A_replay_records_the_whole_vector_at_every_tick_and_features_change_no_signal()
    {
        var on = await RunAsync(publish: true);
        var off = await RunAsync(publish: false);

        Assert.Equal(off.Csv, on.Csv);
        Assert.NotEmpty(on.Csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1));
        // steps read features exactly when the outputs are published: at every step, or never
        Assert.True(on.Steps > 0);
        Assert.Equal(on.Steps, on.FeatureReads);
        Assert.True(off.Steps > 0);
        Assert.Equal(0, off.FeatureReads);
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

    private static async Task<(string Csv, IReadOnlyList<LayerOutputs> Outputs, int Steps, int FeatureReads)> RunAsync(bool publish)
    {
        var spy = new FeatureSpy();
        var journal = JournalSettings.SqliteFile(Path.Combine(SharedData.NewTempDirectory("features"), "hrm.db"));
        await using var node = await EmbeddedCluster.StartAsync(journal,
            new SymbolSettings { SnapshotEveryEvents = 50_000, PublishLayerOutputs = publish }, spy.Factories);
        var recorder = await LayerOutputsRecording.StartAsync(node.System, o => o.Symbol == Entity);
        await node.Symbols.Ask<SymbolAdded>(new AddSymbol(Entity, new FeedSpec("ETHUSDT", SharedData.Window2024, SharedData.History,
            WarmupDays: 120, BatchSize: 2048)), TimeSpan.FromSeconds(30));
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (!(await node.Symbols.Ask<SymbolStatus>(new GetSymbolStatus(Entity), TimeSpan.FromSeconds(30))).FeedEnded)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{Entity}'s feed did not end in 3 minutes");
            await Task.Delay(200);
        }

        var signals = await SignalJournal.ReadAsync(node.System, [Entity]);
        var recorded = await LayerOutputsRecording.CollectAsync(recorder);
        return (SignalCsv.Render(signals), recorded.TryGetValue(Entity, out var outputs) ? outputs : [], spy.Steps, spy.FeatureReads);
    }

    /// <summary>The real layers behind a spy that counts the steps that read an output, and those that read features.</summary>
    private sealed class FeatureSpy
    {
        private int _steps;
        private int _featureReads;

        public int Steps => _steps;

        public int FeatureReads => _featureReads;

        public LayerFactories Factories => new(
            (symbol, state) => new Spied<MacroSignal>(LayerFactories.Default.Macro(symbol, state), this),
            (symbol, state) => new Spied<MesoSignal>(LayerFactories.Default.Meso(symbol, state), this),
            (symbol, state) => new Spied<MicroEvidence>(LayerFactories.Default.Micro(symbol, state), this));

        private sealed class Spied<TOut>(ILayer<TOut> inner, FeatureSpy spy) : ILayer<TOut> where TOut : class, IHrmMessage
        {
            public LayerKind Kind => inner.Kind;

            public void Observe(MacroContext? macro, MesoContext? meso, MicroEvidence? micro, MesoEvidence? mesoEvidence) =>
                inner.Observe(macro, meso, micro, mesoEvidence);

            public void Apply(MarketEvent marketEvent) => inner.Apply(marketEvent);

            public void SetLearning(bool enabled) => inner.SetLearning(enabled);

            public TOut? Output(long tsEvent)
            {
                Interlocked.Increment(ref spy._steps);
                return inner.Output(tsEvent);
            }

            public void WriteFeatures(long tsEvent, Span<double> into)
            {
                Interlocked.Increment(ref spy._featureReads);
                inner.WriteFeatures(tsEvent, into);
            }

            public byte[] ExportState() => inner.ExportState();
        }
    }
}

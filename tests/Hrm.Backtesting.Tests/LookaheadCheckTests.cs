using Akka.Actor;
using Hrm.Actors.Symbol;
using Hrm.Backtesting;
using Hrm.MarketData.Replay;
using Hrm.Protocol.Commands;
using Hrm.Protocol.Layers;
using Hrm.Protocol.Market;
using Hrm.Signals.Layers;
using Hrm.Testing;

namespace Hrm.Backtesting.Tests;

/// <summary>
/// The look-ahead check catches a layer that peeks at its input's future: real ETHUSDT data of 2024-08-09, with the
/// micro layer wrapped so its evidence points the way the price goes in the next 60 s. Cutting the input at
/// midnight takes that future away from the last minute before the cut, so signals stamped before it change.
/// (The passing run on the real layers is the CLI test: <c>hrm lookahead</c> on the same data.)
/// </summary>
public sealed class LookaheadCheckTests
{
    private static readonly long Midnight = (new DateTime(2024, 8, 9, 0, 0, 0, DateTimeKind.Utc).Ticks - DateTime.UnixEpoch.Ticks) * 100;

    [Fact]
    public async Task A_layer_that_reads_the_next_minute_of_its_input_fails_the_check_and_the_changed_signals_are_listed()
    {
        var options = Options(SharedData.NewTempDirectory("lookahead-leak"));

        var report = await LookaheadCheck.RunAsync(options, Midnight, run => run with { Layers = FutureMicro.Layers(run) });

        Assert.False(report.Passed);
        Assert.NotEmpty(report.Changed);
        Assert.All(report.Changed, d => Assert.Equal("ETHUSDT", d.Symbol));
        // Each listed signal is shown as both runs wrote it, and stamped before the cut wherever it exists.
        Assert.All(report.Changed, d => Assert.NotEqual(d.Full, d.Cut));
        Assert.All(
            report.Changed.SelectMany(d => new[] { d.Full, d.Cut }).OfType<string>(),
            row => Assert.True(long.Parse(row.Split(',')[2]) < Midnight, row));
        Assert.Contains("\"changed\"", await File.ReadAllTextAsync(Path.Combine(options.OutDirectory, "lookahead.json")));
    }

    [Fact]
    public void Signals_at_or_after_the_cut_are_not_compared_and_any_field_before_it_counts()
    {
        var before = Signal(1, Midnight - 1_000_000_000L, 0.6);
        var atCut = Signal(2, Midnight, 0.7);

        Assert.True(LookaheadCheck.Compare(Midnight, [before, atCut], [before]).Passed);

        var changed = LookaheadCheck.Compare(Midnight, [before], [before with { Confidence = 0.6000000001 }]);
        Assert.Equal(("ETHUSDT", 1L), (Assert.Single(changed.Changed).Symbol, changed.Changed[0].Sequence));

        var missing = LookaheadCheck.Compare(Midnight, [before], []);
        Assert.Null(Assert.Single(missing.Changed).Cut);
    }

    [Fact]
    public void A_cut_run_reads_no_event_at_or_after_the_cut_from_captures_or_history()
    {
        var sources = RecordedSources.Open((Options("unused") with { Cut = Midnight }).Input);

        var events = sources.Events.ToList();

        Assert.Contains(events, e => e is Bar);
        Assert.Contains(events, e => e is TradeTick);
        Assert.All(events, e => Assert.True(e.TsEvent < Midnight));
        Assert.True(events.Max(e => e.TsEvent) > Midnight - 1_000_000_000L, "everything before the cut is still there");
    }

    private static BacktestOptions Options(string output) => new()
    {
        DataDirectory = SharedData.Window2024,
        HistoryDirectory = SharedData.History,
        Warmup = TimeSpan.FromDays(30),
        Symbols = ["ETHUSDT"],
        OutDirectory = output,
    };

    private static AlphaSignal Signal(long sequence, long ts, double confidence) =>
        new("ETHUSDT", sequence, ts, 1, confidence, 0.1, 300, 2500, 2700, "trending_bull", "breakout", ["ofi"], ["r"], 2600);

    /// <summary>
    /// The leak: a micro layer host that, besides the real layer, holds the run's own input read ahead of time, and
    /// sets every micro signal's direction to where the primary venue's price is 60 s after the step.
    /// </summary>
    private sealed class FutureMicro(ILayer<MicroEvidence> layer, (long[] Times, double[] Prices) future) : ILayer<MicroEvidence>
    {
        private static readonly long Horizon = TimeSpan.FromSeconds(60).Ticks * 100;

        public static LayerFactories Layers(BacktestOptions run)
        {
            var venue = run.Symbol.PrimaryVenue;
            var trades = RecordedSources.Open(run.Input).Events.OfType<TradeTick>().Where(t => t.Venue == venue).ToList();
            var future = (trades.Select(t => t.TsEvent).ToArray(), trades.Select(t => Fixed.ToDouble(t.Price)).ToArray());
            return LayerFactories.Default with { Micro = (symbol, state) => new FutureMicro(LayerFactories.Default.Micro(symbol, state), future) };
        }

        public LayerKind Kind => LayerKind.Micro;

        public void Observe(MacroContext? macro, MesoContext? meso, MicroEvidence? micro, MesoEvidence? mesoEvidence) =>
            layer.Observe(macro, meso, micro, mesoEvidence);

        public void Apply(MarketEvent marketEvent) => layer.Apply(marketEvent);

        public void SetLearning(bool enabled) => layer.SetLearning(enabled);

        public void WriteFeatures(long tsEvent, Span<double> into) => layer.WriteFeatures(tsEvent, into);

        public byte[] ExportState() => layer.ExportState();

        public MicroEvidence? Output(long tsEvent)
        {
            if (layer.Output(tsEvent) is not { } evidence)
            {
                return null;
            }

            var move = PriceAt(tsEvent + Horizon) - PriceAt(tsEvent);
            var ahead = double.IsNaN(move) ? 0 : Math.Sign(move);
            return evidence with
            {
                Signals = [.. evidence.Signals.Select(s => s with { Direction = ahead }),
                    new MicroSignal(MicroSignalType.Flow, ahead, 1, 60, 0.9, 0, "oracle")],
            };
        }

        /// <summary>The last trade price at or before <paramref name="ts"/>; NaN past the end of the input.</summary>
        private double PriceAt(long ts)
        {
            var (times, prices) = future;
            if (times.Length == 0 || ts > times[^1])
            {
                return double.NaN;
            }

            var i = Array.BinarySearch(times, ts);
            i = i >= 0 ? i : ~i - 1;
            return i >= 0 ? prices[i] : double.NaN;
        }
    }
}

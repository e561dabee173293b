using Hrm.Protocol;
using Hrm.Protocol.Commands;
using Hrm.Protocol.Layers;
using Hrm.Protocol.Market;
using Hrm.Signals.Bars;
using Hrm.Signals.Layers;

namespace Hrm.Signals.Tests.Layers;

/// <summary>
/// Features are a pure read: on real data, a layer whose features are read after every step gives byte-identical
/// outputs and state to one whose features are never read, and reading twice gives the same vector.
/// </summary>
public sealed class FeatureDeterminismTests
{
    private const long From = 1735689600000; // 2025-01-01 00:00 UTC (ms)
    private const string Roshan = "macro_meso/binance_freqtrade_roshan/";

    private static byte[] Bytes(IHrmMessage? output) =>
        output is null ? [] : MessagePack.MessagePackSerializer.Serialize(output.GetType(), output);

    /// <summary>Runs the steps on two fresh layers, reading features on one only; returns how many slices had a value.</summary>
    private static int AssertFeaturesChangeNothing(LayerKind kind, IReadOnlyList<(MarketEvent[] Events, Action<ILayer>? Observe)> steps)
    {
        var plain = LayerFactory.Create(kind, "BTCUSDT", null);
        var reading = LayerFactory.Create(kind, "BTCUSDT", null);
        var slice = new double[FeatureSchema.Slice(kind).Count];
        var again = new double[slice.Length];
        var populated = 0;
        foreach (var (events, observe) in steps)
        {
            foreach (var layer in new[] { plain, reading })
            {
                observe?.Invoke(layer);
                foreach (var e in events) layer.Apply(e);
            }

            var ts = events.Length > 0 ? events[^1].TsEvent : 0;
            reading.WriteFeatures(ts, slice);
            reading.WriteFeatures(ts, again);
            Assert.Equal(slice, again);
            if (slice.Any(double.IsFinite)) populated++;
            Assert.Equal(Bytes(plain.Output(ts)), Bytes(reading.Output(ts)));
        }

        Assert.Equal(plain.ExportState(), reading.ExportState());
        return populated;
    }

    [Fact]
    public void Micro_features_on_or_off_leave_outputs_and_state_byte_identical()
    {
        var events = RealData.ReadLines(RealData.UsdmBtc20240808, Venue.BinanceUsdm, 4000);
        var steps = new List<(MarketEvent[], Action<ILayer>?)>();
        for (var i = 0; i < events.Count; i += 50) steps.Add((events.Skip(i).Take(50).ToArray(), null));

        Assert.True(AssertFeaturesChangeNothing(LayerKind.Micro, steps) > 70);
    }

    [Fact]
    public void Meso_features_on_or_off_leave_outputs_and_state_byte_identical()
    {
        var bars = RealData.ReadCandles("meso/binance_freqtrade_harthor_5m/BTC_USDT_USDT-perp-5m.csv.gz", Venue.BinanceUsdm,
            BarPeriod.M5, From, From + 2 * 86_400_000L);
        var consolidator = new BarConsolidator("BTCUSDT");
        var steps = new List<(MarketEvent[], Action<ILayer>?)>();
        var rolled = new List<Bar>();
        var macro = new MacroContext("BTCUSDT", 0, new MacroSignal(Regime.Trending, 0.7, [], 0.85, 24));
        for (var i = 0; i < bars.Count; i++)
        {
            rolled.Clear();
            consolidator.Apply(bars[i], rolled);
            var micro = new MicroEvidence("BTCUSDT", bars[i].TsEvent, [], i % 7 / 7.0, 0, i % 11 == 0);
            var at = i;
            steps.Add(([bars[i], .. rolled], l => l.Observe(at == 100 ? macro : null, null, micro, null)));
        }

        Assert.True(AssertFeaturesChangeNothing(LayerKind.Meso, steps) > 500);
    }

    [Fact]
    public void Macro_features_on_or_off_leave_outputs_and_state_byte_identical()
    {
        // 120 days of BTC perp/spot 1h bars and funding (the Markov model is ready after 90), 4h/1d rolled up
        const long to = From + 120 * 86_400_000L;
        var merged = new List<MarketEvent>();
        merged.AddRange(RealData.ReadFunding(Roshan + "BTC_USDT_USDT-funding_rate.csv.gz", From, to));
        merged.AddRange(RealData.ReadCandles(Roshan + "BTC_USDT-spot-1h.csv.gz", Venue.BinanceSpot, BarPeriod.H1, From, to));
        merged.AddRange(RealData.ReadCandles(Roshan + "BTC_USDT_USDT-perp-1h.csv.gz", Venue.BinanceUsdm, BarPeriod.H1, From, to));
        var consolidator = new BarConsolidator("BTCUSDT");
        var steps = new List<(MarketEvent[], Action<ILayer>?)>();
        var rolled = new List<Bar>();
        var n = 0;
        foreach (var e in merged.OrderBy(e => e.TsEvent))
        {
            rolled.Clear();
            consolidator.Apply(e, rolled);
            var micro = new MicroEvidence("BTCUSDT", e.TsEvent, [], 0.5, 0, ++n % 3 == 0);
            steps.Add((e is Bar ? [.. rolled] : [e, .. rolled], l => l.Observe(null, null, micro, null)));
        }

        Assert.True(AssertFeaturesChangeNothing(LayerKind.Macro, steps) > 1000);
    }
}

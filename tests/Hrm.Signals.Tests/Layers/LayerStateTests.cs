using Hrm.Protocol;
using Hrm.Protocol.Commands;
using Hrm.Protocol.Layers;
using Hrm.Protocol.Market;
using Hrm.Signals.Bars;
using Hrm.Signals.Layers;

namespace Hrm.Signals.Tests.Layers;

/// <summary>
/// Each layer on real data: ExportState → LayerFactory.Create continues with outputs identical to an uninterrupted
/// instance; Output is a pure read (calling it again, or exporting around it, changes nothing).
/// </summary>
public sealed class LayerStateTests
{
    private const long From = 1735689600000; // 2025-01-01 00:00 UTC (ms)
    private const string Roshan = "macro_meso/binance_freqtrade_roshan/";
    private const string Harthor = "meso/binance_freqtrade_harthor_5m/";

    private static byte[] Bytes(IHrmMessage? output) =>
        output is null ? [] : MessagePack.MessagePackSerializer.Serialize(output.GetType(), output);

    /// <summary>Feeds <paramref name="steps"/> to a fresh layer and to one restored from its state at <paramref name="cut"/>.</summary>
    private static void AssertRoundTrip(LayerKind kind, IReadOnlyList<(MarketEvent[] Events, Action<ILayer>? Observe)> steps,
        int cut, out int nonNullOutputs)
    {
        var whole = LayerFactory.Create(kind, "BTCUSDT", null);
        ILayer? resumed = LayerFactory.Create(kind, "BTCUSDT", null);
        nonNullOutputs = 0;
        for (var i = 0; i < steps.Count; i++)
        {
            if (i == cut) resumed = LayerFactory.Create(kind, "BTCUSDT", resumed.ExportState());
            var (events, observe) = steps[i];
            foreach (var layer in new[] { whole, resumed })
            {
                observe?.Invoke(layer);
                foreach (var e in events) layer.Apply(e);
            }

            var ts = events.Length > 0 ? events[^1].TsEvent : 0;
            var a = whole.Output(ts);
            if (a is not null) nonNullOutputs++;
            Assert.Equal(Bytes(a), Bytes(resumed.Output(ts)));
        }

        Assert.Equal(whole.ExportState(), resumed.ExportState());
    }

    private static void AssertPure(ILayer layer, long ts)
    {
        var state = layer.ExportState();
        var first = Bytes(layer.Output(ts));
        var second = Bytes(layer.Output(ts));
        Assert.Equal(first, second);
        Assert.Equal(state, layer.ExportState());
    }

    [Fact]
    public void Micro_round_trips_mid_stream_on_real_ticks_and_output_is_pure()
    {
        var events = RealData.ReadLines(RealData.UsdmBtc20240808, Venue.BinanceUsdm, 4000);
        var steps = new List<(MarketEvent[], Action<ILayer>?)>();
        var macro = new MacroContext("BTCUSDT", 0, new MacroSignal(Regime.Trending, 0.8, [], 0.9, 24));
        for (var i = 0; i < events.Count; i += 50)
        {
            Action<ILayer>? observe = i == 1000 ? l => l.Observe(macro, null, null, null) : null;
            steps.Add((events.Skip(i).Take(50).ToArray(), observe));
        }

        AssertRoundTrip(LayerKind.Micro, steps, cut: 41, out var outputs);
        Assert.True(outputs > 70); // the book syncs at line 55: every later step has evidence

        var layer = LayerFactory.Create(LayerKind.Micro, "BTCUSDT", null);
        foreach (var e in events) layer.Apply(e);
        AssertPure(layer, events[^1].TsEvent);
        AssertPure(layer, events[^1].TsEvent + 30_000_000_000); // a later read evicts nothing from state
    }

    [Fact]
    public void Micro_output_does_not_depend_on_batching()
    {
        var events = RealData.ReadLines(RealData.UsdmBtc20240808, Venue.BinanceUsdm, 2000);
        var one = LayerFactory.Create(LayerKind.Micro, "BTCUSDT", null);
        var many = LayerFactory.Create(LayerKind.Micro, "BTCUSDT", null);
        foreach (var e in events)
        {
            one.Apply(e);
            many.Apply(e);
            many.Output(e.TsEvent); // the host reads after every step
        }

        var ts = events[^1].TsEvent;
        Assert.Equal(Bytes(one.Output(ts)), Bytes(many.Output(ts)));
    }

    [Fact]
    public void Meso_round_trips_on_real_5m_candles_and_output_is_pure()
    {
        // BTC USD-M perp 5m candles, 2025-01-01 00:00 → 2025-01-03 00:00 (576 bars), rolled up to 15m/1h as the
        // symbol actor does
        var bars = RealData.ReadCandles(Harthor + "BTC_USDT_USDT-perp-5m.csv.gz", Venue.BinanceUsdm, BarPeriod.M5,
            From, From + 2 * 86_400_000L);
        Assert.Equal(576, bars.Count);
        var consolidator = new BarConsolidator("BTCUSDT");
        var steps = new List<(MarketEvent[], Action<ILayer>?)>();
        var rolled = new List<Bar>();
        var macro = new MacroContext("BTCUSDT", 0, new MacroSignal(Regime.Trending, 0.7, [], 0.85, 24));
        for (var i = 0; i < bars.Count; i++)
        {
            rolled.Clear();
            consolidator.Apply(bars[i], rolled);
            var micro = new MicroEvidence("BTCUSDT", bars[i].TsEvent, [], i % 7 / 7.0, 0, i % 11 == 0);
            steps.Add(([bars[i], .. rolled], l => l.Observe(i == 100 ? macro : null, null, micro, null)));
        }

        AssertRoundTrip(LayerKind.Meso, steps, cut: 300, out var outputs);
        Assert.True(outputs > 500); // ready after ~26 bars

        var layer = LayerFactory.Create(LayerKind.Meso, "BTCUSDT", null);
        foreach (var b in bars) layer.Apply(b);
        AssertPure(layer, bars[^1].TsEvent);
    }

    [Fact]
    public void Macro_round_trips_on_real_hourly_candles_and_funding_and_output_is_pure()
    {
        // BTC USD-M perp and spot 1h candles and 8-hourly funding, 2025-01-01 → 2025-05-01 (120 days: the Markov regime
        // model needs 540 four-hour bars, 90 days), 4h/1d rolled up from the 1h
        const long to = From + 120 * 86_400_000L;
        var perp = RealData.ReadCandles(Roshan + "BTC_USDT_USDT-perp-1h.csv.gz", Venue.BinanceUsdm, BarPeriod.H1, From, to);
        var spot = RealData.ReadCandles(Roshan + "BTC_USDT-spot-1h.csv.gz", Venue.BinanceSpot, BarPeriod.H1, From, to);
        var funding = RealData.ReadFunding(Roshan + "BTC_USDT_USDT-funding_rate.csv.gz", From, to);
        Assert.Equal(2880, perp.Count);
        Assert.Equal(2880, spot.Count);
        Assert.Equal(360, funding.Count);

        var merged = new List<MarketEvent>();
        merged.AddRange(funding);
        merged.AddRange(spot);
        merged.AddRange(perp);
        // event-time order; at equal times funding first, then spot, then perp (stable sort keeps the insertion order)
        var ordered = merged.OrderBy(e => e.TsEvent).ToList();
        var consolidator = new BarConsolidator("BTCUSDT");
        var steps = new List<(MarketEvent[], Action<ILayer>?)>();
        var rolled = new List<Bar>();
        long exhaustionTs = 0;
        foreach (var e in ordered)
        {
            rolled.Clear();
            consolidator.Apply(e, rolled);
            exhaustionTs += 1;
            var micro = new MicroEvidence("BTCUSDT", e.TsEvent, [], 0.5, 0, exhaustionTs % 3 == 0);
            // as the symbol actor routes: a read bar arrives through the consolidator's output, other events as they are
            steps.Add((e is Bar ? [.. rolled] : [e, .. rolled], l => l.Observe(null, null, micro, null)));
        }

        AssertRoundTrip(LayerKind.Macro, steps, cut: steps.Count * 5 / 6, out var outputs);
        Assert.True(outputs > 1000); // regime ready after 540 four-hour bars (90 days); ~30 days × 51 events follow

        var layer = (MacroLayer)LayerFactory.Create(LayerKind.Macro, "BTCUSDT", null);
        foreach (var (events, _) in steps)
            foreach (var e in events) layer.Apply(e);
        AssertPure(layer, ordered[^1].TsEvent);
        Assert.True(layer.FundingBasis.IsReady);
        var signal = Assert.IsType<MacroSignal>(layer.Output(ordered[^1].TsEvent));
        Assert.InRange(signal.Strength, 0, 1);
        Assert.InRange(signal.RiskBudget, 0, 1);
    }
}

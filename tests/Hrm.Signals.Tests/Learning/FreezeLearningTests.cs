using Hrm.Protocol.Commands;
using Hrm.Protocol.Layers;
using Hrm.Protocol.Market;
using Hrm.Signals.Integration;
using Hrm.Signals.Layers;
using Hrm.Signals.Macro.Regimes;
using Hrm.Signals.Meso;

namespace Hrm.Signals.Tests.Learning;

/// <summary>A frozen layer keeps inferring on new data but learns nothing from it (walk-forward test windows).</summary>
public sealed class FreezeLearningTests
{
    private const string Perp15m = "macro_meso/binance_freqtrade_saam0/BTC_USDT_USDT-perp-15m.csv.gz";
    private const long Second = 1_000_000_000;

    [Fact]
    public void Frozen_meso_neither_opens_nor_resolves_pattern_trials()
    {
        // 2024-01-01 → 2024-01-31: 2976 real 15m bars; learn on the first two weeks, freeze for the rest.
        var bars = RealData.ReadCandles(Perp15m, Venue.BinanceUsdm, BarPeriod.M15, 1_704_067_200_000, 1_706_745_600_000);
        var meso = (MesoLayer)LayerFactory.Create(LayerKind.Meso, "BTCUSDT", null);
        var half = bars.Count / 2;
        foreach (var bar in bars.Take(half))
        {
            meso.Apply(bar);
        }

        var learned = StateCodec.Save(meso.Outcomes);
        Assert.Contains(meso.Outcomes.Estimates.Values, e => e.Observations > 0);

        meso.SetLearning(false);
        var outputs = 0;
        foreach (var bar in bars.Skip(half))
        {
            meso.Apply(bar);
            outputs += meso.Output(bar.TsEvent) is MesoSignal ? 1 : 0;
        }

        Assert.Equal(learned, StateCodec.Save(meso.Outcomes));
        Assert.Equal(bars.Count - half, outputs); // inference goes on
    }

    [Fact]
    public void Frozen_integrator_keeps_its_flow_hit_rates()
    {
        var meso = new MesoSignal(MesoParameters.Breakout, 1.0, 0.73, [], new PatternLevel(99, "x"), [], 1);
        MicroEvidence Up(long ts) => new("BTCUSDT", ts, [new MicroSignal(MicroSignalType.Flow, 1, 0.5, 10, 1.0, 0, "aggressor_ratio")], 0.8, 0, false);
        var integrator = new SignalIntegrator();
        integrator.Decide("BTCUSDT", 1, 0, 100, null, meso, Up(0));
        integrator.SetLearning(false);

        integrator.Decide("BTCUSDT", 1, 10 * Second, 101, null, meso, Up(10 * Second)); // the open call falls due, unscored
        integrator.Decide("BTCUSDT", 1, 30 * Second, 102, null, meso, Up(30 * Second));

        var estimate = integrator.Flow.Estimate(SignalIntegrator.FlowKey("aggressor_ratio", MesoParameters.Breakout), SignalIntegrator.FlowPrior);
        Assert.Equal(0, estimate.Observations);
    }

    [Fact]
    public void Frozen_markov_model_stops_refitting_but_keeps_filtering()
    {
        var bars = RealData.ReadCandles("macro_meso/binance_freqtrade_roshan/BTC_USDT_USDT-perp-4h.csv.gz", Venue.BinanceUsdm,
            BarPeriod.H4, 1_738_368_000_000, 1_756_684_800_000); // 2025-02 → 2025-08: 1272 real 4h bars
        var model = new MarkovRegimeModel();
        foreach (var bar in bars.Take(700))
        {
            model.Update(bar);
        }

        var fits = model.Fits;
        var parameters = model.Parameters;
        model.SetLearning(false);
        var filtered = model.Filtered.ToArray();
        foreach (var bar in bars.Skip(700).Take(200))
        {
            model.Update(bar);
        }

        Assert.True(fits > 0);
        Assert.Equal(fits, model.Fits);                                  // 200 bars would have refit 4 times
        Assert.Equal(parameters!.ToVector(MarkovRegimeModel.Spec), model.Parameters!.ToVector(MarkovRegimeModel.Spec));
        Assert.NotEqual(filtered, model.Filtered.ToArray());             // the filter moved with the data
    }
}

using Hrm.Protocol.Layers;
using Hrm.Protocol.Market;
using Hrm.Signals.Macro;
using Hrm.Signals.Macro.Regimes;
using Xunit.Abstractions;

namespace Hrm.Signals.Tests.Reference;

/// <summary>The Markov-switching regime model on real Binance USD-M BTCUSDT 4h candles (2025-02 → 2025-08).</summary>
public sealed class MarkovRegimeModelTests(ITestOutputHelper output)
{
    private const string Candles = "macro_meso/binance_freqtrade_roshan/BTC_USDT_USDT-perp-4h.csv.gz";

    private static readonly List<Bar> Bars = RealData.ReadCandles(Candles, Venue.BinanceUsdm, BarPeriod.H4, 0, long.MaxValue);

    private static List<RegimeEstimate?> Run(IRegimeModel model, IEnumerable<Bar> bars)
    {
        var estimates = new List<RegimeEstimate?>();
        foreach (var bar in bars)
        {
            model.Update(bar);
            estimates.Add(model.IsReady ? model.Estimate() : null);
        }

        return estimates;
    }

    private static void AssertSame(RegimeEstimate? expected, RegimeEstimate? actual)
    {
        Assert.Equal(expected.HasValue, actual.HasValue);
        if (expected is { } e && actual is { } a)
        {
            Assert.Equal(e.Regime, a.Regime);
            Assert.Equal(e.Strength, a.Strength);
            Assert.Equal(e.Direction, a.Direction);
            Assert.Equal(e.Drivers, a.Drivers);
        }
    }

    [Fact]
    public void Ready_after_the_window_with_valid_estimates_and_distinct_volatility_states()
    {
        Assert.True(Bars.Count > 1000);
        var model = new MarkovRegimeModel();

        var estimates = Run(model, Bars);

        // 541 closes give 540 returns: the first fit
        Assert.All(estimates.Take(MarkovRegimeModel.Window), e => Assert.Null(e));
        Assert.NotNull(estimates[MarkovRegimeModel.Window]);
        var ready = estimates.Skip(MarkovRegimeModel.Window).Select(e => e!.Value).ToList();
        Assert.All(ready, e => Assert.InRange(e.Strength, 0, 1));
        Assert.All(ready, e => Assert.True(e.Regime == Regime.Trending || e.Direction == 0));
        var counts = ready.GroupBy(e => e.Regime).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine(string.Join(", ", counts.Select(c => $"{c.Key.Name()} {c.Value}")) + $"; fits {model.Fits}");
        var p = model.Parameters!;
        output.WriteLine($"last fit: loglik {model.LogLikelihood:F3}, μ {p.Means[0]:F4} {p.Means[1]:F4} σ {p.Sigmas[0]:F4} {p.Sigmas[1]:F4} p00 {p.Transition[0][0]:F3} p11 {p.Transition[1][1]:F3}");
        Assert.True(counts.Count >= 2, "the model should not sit in one regime for four months");
        Assert.Equal(1 + (ready.Count - 1) / MarkovRegimeModel.RefitEvery, model.Fits);
        Assert.True(Math.Max(p.Sigmas[0], p.Sigmas[1]) > 1.3 * Math.Min(p.Sigmas[0], p.Sigmas[1]));
        Assert.Equal(1.0, model.Filtered.Sum(), 12);
    }

    [Fact]
    public void Same_input_gives_the_same_estimates()
    {
        var a = Run(new MarkovRegimeModel(), Bars.Take(800));
        var b = Run(new MarkovRegimeModel(), Bars.Take(800));

        for (var i = 0; i < a.Count; i++)
        {
            AssertSame(a[i], b[i]);
        }
    }

    [Fact]
    public void State_saved_mid_stream_and_restored_continues_identically()
    {
        IRegimeModel model = new MarkovRegimeModel();
        const int cut = 700; // between two refits (first fit at bar 541, the next at 583, 625, 667, 709)
        Run(model, Bars.Take(cut));
        model.ObserveFunding(0.0001);
        var uninterrupted = new MarkovRegimeModel();
        Run(uninterrupted, Bars.Take(cut));
        uninterrupted.ObserveFunding(0.0001);

        var restored = StateCodec.Load<IRegimeModel>(StateCodec.Save(model));

        Assert.IsType<MarkovRegimeModel>(restored);
        var after = Run(restored, Bars.Skip(cut));
        var expected = Run(uninterrupted, Bars.Skip(cut));
        Assert.Equal(Bars.Count - cut, after.Count);
        for (var i = 0; i < after.Count; i++)
        {
            AssertSame(expected[i], after[i]);
        }
    }

    [Fact]
    public void Estimates_up_to_t_do_not_change_when_later_bars_arrive()
    {
        var full = Run(new MarkovRegimeModel(), Bars);
        foreach (var t in new[] { 560, 650, 900 })
        {
            var cut = Run(new MarkovRegimeModel(), Bars.Take(t));
            for (var i = 0; i < t; i++)
            {
                AssertSame(full[i], cut[i]);
            }
        }
    }

    [Fact]
    public void Estimate_is_a_pure_read()
    {
        var model = new MarkovRegimeModel();
        Run(model, Bars.Take(600));
        var before = StateCodec.Save(model);

        var first = model.Estimate();
        var second = model.Estimate();

        AssertSame(first, second);
        Assert.Equal(before, StateCodec.Save(model));
    }

    [Fact]
    public void A_kept_estimate_follows_every_new_bar_and_funding_rate()
    {
        // The model keeps its last estimate between mutations; each must give what a fresh copy of its state computes.
        var model = new MarkovRegimeModel();
        Run(model, Bars.Take(560));
        var regimes = new HashSet<Regime>();
        foreach (var funding in new[] { 0.0005, 0.00005, 0.0005 })
        {
            model.Estimate();
            model.ObserveFunding(funding);
            AssertSame(StateCodec.Load<MarkovRegimeModel>(StateCodec.Save(model)).Estimate(), model.Estimate());
        }

        foreach (var bar in Bars.Skip(560).Take(60))
        {
            model.Estimate();
            model.Update(bar);
            var fresh = StateCodec.Load<MarkovRegimeModel>(StateCodec.Save(model));
            AssertSame(fresh.Estimate(), model.Estimate());
            Assert.Equal(fresh.EstimateWithFeatures().Features, model.EstimateWithFeatures().Features);
            regimes.Add(model.Estimate().Regime);
        }

        Assert.True(regimes.Count >= 2, string.Join(", ", regimes));
    }
}

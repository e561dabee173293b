using Hrm.Signals.Indicators;

namespace Hrm.Signals.Tests.Indicators;

/// <summary>Synthetic inputs (formula checks), expected values worked out by hand in the comments.</summary>
public sealed class IndicatorTests
{
    [Fact]
    public void Ema_is_seeded_with_the_simple_mean_then_smooths_with_two_over_n_plus_one()
    {
        var ema = new Ema(3);
        ema.Update(1);
        ema.Update(2);
        Assert.False(ema.IsReady);
        Assert.True(double.IsNaN(ema.Value));
        ema.Update(3); // seed = (1+2+3)/3 = 2
        Assert.True(ema.IsReady);
        Assert.Equal(2.0, ema.Value, 12);
        ema.Update(4); // alpha = 2/(3+1) = 0.5: 2 + 0.5·(4−2) = 3
        Assert.Equal(3.0, ema.Value, 12);
        ema.Update(5); // 3 + 0.5·(5−3) = 4
        Assert.Equal(4.0, ema.Value, 12);
    }

    [Fact]
    public void Rsi_uses_wilder_smoothing()
    {
        var rsi = new Rsi(3);
        // closes 10, 11, 10.5, 11.5 → changes +1, −0.5, +1
        foreach (var c in new[] { 10, 11, 10.5 }) rsi.Update(c);
        Assert.False(rsi.IsReady);
        rsi.Update(11.5);
        // avgGain = (1 + 0 + 1)/3 = 2/3; avgLoss = 0.5/3 = 1/6; RS = 4; RSI = 100 − 100/5 = 80
        Assert.Equal(80.0, rsi.Value, 10);
        rsi.Update(11); // change −0.5
        // avgGain = (2/3·2 + 0)/3 = 4/9; avgLoss = (1/6·2 + 0.5)/3 = 5/18; RS = 1.6; RSI = 100 − 100/2.6 = 61.538461538…
        Assert.Equal(100.0 - 100.0 / 2.6, rsi.Value, 10);
        Assert.Equal(61.538461538, rsi.Value, 8);
    }

    [Fact]
    public void Rsi_of_a_flat_series_is_50_and_of_a_rising_one_100()
    {
        var flat = new Rsi(2);
        foreach (var c in new[] { 5.0, 5, 5 }) flat.Update(c);
        Assert.Equal(50.0, flat.Value);
        var up = new Rsi(2);
        foreach (var c in new[] { 5.0, 6, 7 }) up.Update(c);
        Assert.Equal(100.0, up.Value);
    }

    [Fact]
    public void Atr_uses_true_range_with_gaps_and_wilder_smoothing()
    {
        var atr = new Atr(2);
        atr.Update(10, 8, 9); // TR1 = h − l = 2
        Assert.False(atr.IsReady);
        atr.Update(11, 9, 10.5); // TR2 = max(2, |11−9| = 2, |9−9| = 0) = 2; ATR = (2+2)/2 = 2
        Assert.Equal(2.0, atr.Value, 12);
        atr.Update(12, 10, 11); // TR3 = max(2, |12−10.5| = 1.5, |10−10.5| = 0.5) = 2; ATR = (2·1 + 2)/2 = 2
        Assert.Equal(2.0, atr.Value, 12);
        atr.Update(14, 13, 13.5); // gap up: TR4 = max(1, |14−11| = 3, |13−11| = 2) = 3; ATR = (2·1 + 3)/2 = 2.5
        Assert.Equal(3.0, atr.LastTrueRange, 12);
        Assert.Equal(2.5, atr.Value, 12);
    }

    [Fact]
    public void Rolling_stats_give_population_and_sample_std()
    {
        var stats = new RollingStats(3);
        foreach (var x in new[] { 2.0, 4, 6 }) stats.Update(x);
        Assert.True(stats.IsReady);
        stats.Update(8); // window [4, 6, 8]
        Assert.Equal(6.0, stats.Mean, 12);
        // Σ(x − 6)² = 4 + 0 + 4 = 8; population var = 8/3; sample var = 8/2 = 4
        Assert.Equal(Math.Sqrt(8.0 / 3.0), stats.PopulationStd, 12);
        Assert.Equal(2.0, stats.SampleStd, 12);
    }

    [Fact]
    public void Rolling_window_indexes_newest_first_and_drops_the_oldest()
    {
        var w = new RollingWindow<int>(3);
        for (var i = 1; i <= 5; i++) w.Add(i);
        Assert.Equal(3, w.Count);
        Assert.Equal(5, w[0]);
        Assert.Equal(4, w[1]);
        Assert.Equal(3, w[2]);
        Assert.Equal(3, w.Oldest);
        Assert.Throws<ArgumentOutOfRangeException>(() => w[3]);
    }

    [Fact]
    public void Event_time_window_sums_over_the_half_open_window_and_reads_purely()
    {
        const long s = 1_000_000_000;
        var w = new EventTimeWindow(10 * s);
        w.Add(1 * s, 5, 0, tag: 11);
        w.Add(5 * s, 3, 1, tag: 12);
        w.Add(5 * s, 2, 0, tag: 13); // same timestamp: merges, tag becomes 13
        Assert.Equal(2, w.Count);
        w.Add(12 * s, 1, 0, tag: 14); // evicts ts ≤ 12 − 10 = 2 s: the entry at 1 s
        var now = w.SumsAt(12 * s); // (2 s, 12 s]: a = 3 + 2 + 1 = 6, b = 1
        Assert.Equal(new WindowSums(6, 1, 2, 13, 14), now);
        var later = w.SumsAt(15 * s); // (5 s, 15 s]: only the entry at 12 s
        Assert.Equal(new WindowSums(1, 0, 1, 14, 14), later);
        Assert.Equal(new WindowSums(6, 1, 2, 13, 14), w.SumsAt(12 * s)); // the read changed nothing
        Assert.Equal(new WindowSums(0, 0, 0, 0, 0), w.SumsAt(30 * s));
    }

    [Fact]
    public void Indicator_state_round_trips_and_continues_identically()
    {
        var rsi = new Rsi(3);
        var atr = new Atr(3);
        var ema = new Ema(3);
        var stats = new RollingStats(4);
        var window = new EventTimeWindow(5);
        double[] xs = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5];
        for (var i = 0; i < 6; i++)
        {
            rsi.Update(xs[i]);
            atr.Update(xs[i] + 1, xs[i] - 1, xs[i]);
            ema.Update(xs[i]);
            stats.Update(xs[i]);
            window.Add(i, (long)xs[i], 1);
        }

        var rsi2 = StateCodec.Load<Rsi>(StateCodec.Save(rsi));
        var atr2 = StateCodec.Load<Atr>(StateCodec.Save(atr));
        var ema2 = StateCodec.Load<Ema>(StateCodec.Save(ema));
        var stats2 = StateCodec.Load<RollingStats>(StateCodec.Save(stats));
        var window2 = StateCodec.Load<EventTimeWindow>(StateCodec.Save(window));
        for (var i = 6; i < xs.Length; i++)
        {
            rsi.Update(xs[i]);
            rsi2.Update(xs[i]);
            atr.Update(xs[i] + 1, xs[i] - 1, xs[i]);
            atr2.Update(xs[i] + 1, xs[i] - 1, xs[i]);
            ema.Update(xs[i]);
            ema2.Update(xs[i]);
            stats.Update(xs[i]);
            stats2.Update(xs[i]);
            window.Add(i, (long)xs[i], 1);
            window2.Add(i, (long)xs[i], 1);
            Assert.Equal(rsi.Value, rsi2.Value);
            Assert.Equal(atr.Value, atr2.Value);
            Assert.Equal(ema.Value, ema2.Value);
            Assert.Equal(stats.SampleStd, stats2.SampleStd);
            Assert.Equal(window.SumsAt(i), window2.SumsAt(i));
        }
    }
}

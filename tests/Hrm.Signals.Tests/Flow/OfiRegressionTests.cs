using System.Globalization;
using Hrm.Protocol.Market;
using Hrm.Signals.Micro;

namespace Hrm.Signals.Tests.Flow;

public sealed class OfiRegressionTests
{
    private const long S = 1_000_000_000;

    private static long Fx(double v) => Fixed.FromDouble(v);

    [Fact]
    public void Hand_computed_series_gives_the_ols_fit()
    {
        // Δ = 1 s, prices on a 1.0 tick grid (gcd of 99, 100, 101, 102 = 1), sizes in base units.
        var ofi = new OfiRegression(S, keepIntervals: true);
        ofi.Update(0, Fx(100), Fx(10), Fx(101), Fx(10));              // n = 0 at t = 0: first interval is (0, 1]
        ofi.Update(S / 2, Fx(100), Fx(14), Fx(101), Fx(10));          // (0,1]: bid size 10 → 14: e = +4; mid 100.5
        ofi.Update(3 * S / 2, Fx(100), Fx(14), Fx(102), Fx(5));       // (1,2]: ask up: e = +q^A_{n−1} = +10; mid 101
        ofi.Update(5 * S / 2, Fx(99), Fx(7), Fx(102), Fx(5));         // (2,3]: bid down: e = −q^B_{n−1} = −14; mid 100.5
        //                                                                (3,4]: nothing: e = 0, ΔP = 0
        ofi.Update(9 * S / 2, Fx(99), Fx(7), Fx(102), Fx(2));         // (4,5]: ask size 5 → 2: e = −(2 − 5) = +3
        ofi.Update(11 * S / 2, Fx(99), Fx(7), Fx(102), Fx(2));        // closes (4,5]
        // x = OFI = [4, 10, −14, 0, 3]; y = ΔP (ticks) = [0, 0.5, −0.5, 0, 0].
        // mean x = 3/5 = 0.6, mean y = 0; Sxx = 321 − 5·0.36 = 319.2; Sxy = 5 + 7 = 12; Syy = 0.5.
        // β = 12/319.2 = 0.0375939850; α = 0 − β·0.6 = −0.0225563910; R² = 12²/(319.2·0.5) = 0.9022556391.
        Assert.Equal(new[] { 4.0, 10, -14, 0, 3 }, ofi.Intervals.Select(i => i.Ofi));
        Assert.Equal(new[] { 0.0, 0.5, -0.5, 0, 0 }, ofi.Intervals.Select(i => i.MidChangeTicks));
        var fit = ofi.Fit();
        Assert.Equal(5, fit.Intervals);
        Assert.Equal(1.0, fit.TickSize);
        Assert.Equal(12 / 319.2, fit.Beta, 12);
        Assert.Equal(-0.6 * 12 / 319.2, fit.Intercept, 12);
        Assert.Equal(144 / 159.6, fit.R2, 12);
    }

    [Fact]
    public void Reference_unit_sequence_gives_the_two_published_intervals()
    {
        // reference/06_ofi_cks2014/derived_ofi_unit_events.csv: interval 1 = events 1–4 (OFI +250, ΔP +0.5 tick),
        // interval 2 = events 5–9 (OFI −125, ΔP −0.5 tick); tick 0.01. Times: event n at n s for n ≤ 4, events 5–9 at
        // 4.5, 5, 6, 7, 8 s, so that Δ = 4 s gives (0, 4] and (4, 8]; a repeat of event 9 at 8.5 s closes (4, 8].
        var path = Path.Combine(Hrm.Testing.SharedData.Root, "reference", "06_ofi_cks2014", "derived_ofi_unit_events.csv");
        var rows = File.ReadAllLines(path).Skip(1).Select(l => l.Split(',')).ToArray();
        long[] times = [0, 1 * S, 2 * S, 3 * S, 4 * S, 9 * S / 2, 5 * S, 6 * S, 7 * S, 8 * S, 17 * S / 2];
        var ofi = new OfiRegression(4 * S, keepIntervals: true);
        for (var i = 0; i < times.Length; i++)
        {
            var r = rows[Math.Min(i, rows.Length - 1)];
            ofi.Update(times[i], Fx(D(r[1])), Fx(D(r[2])), Fx(D(r[3])), Fx(D(r[4])));
        }

        Assert.Equal(Fixed.FromDouble(0.01), ofi.Tick); // gcd of 10.00, 10.01, 10.02
        Assert.Equal(2, ofi.Intervals.Count);
        Assert.Equal(250, ofi.Intervals[0].Ofi, 9);
        Assert.Equal(0.5, ofi.Intervals[0].MidChangeTicks, 9);
        Assert.Equal(-125, ofi.Intervals[1].Ofi, 9);
        Assert.Equal(-0.5, ofi.Intervals[1].MidChangeTicks, 9);
        // Two points: β = (−0.5 − 0.5)/(−125 − 250) = 1/375; α = 0.5 − 250/375 = −1/6; R² = 1.
        var fit = ofi.Fit();
        Assert.Equal(1 / 375.0, fit.Beta, 12);
        Assert.Equal(-1 / 6.0, fit.Intercept, 12);
        Assert.Equal(1.0, fit.R2, 12);
    }

    [Fact]
    public void Events_before_the_first_grid_time_only_set_the_starting_quote_and_the_open_interval_is_not_counted()
    {
        var ofi = new OfiRegression(10 * S, keepIntervals: true);
        ofi.Update(3 * S, Fx(100), Fx(1), Fx(101), Fx(1));
        ofi.Update(7 * S, Fx(100), Fx(5), Fx(101), Fx(1)); // before t = 10 s: no interval yet, e not counted
        ofi.Update(10 * S, Fx(100), Fx(6), Fx(101), Fx(1)); // τ = t_0 belongs to the interval ending at t_0
        ofi.Update(15 * S, Fx(100), Fx(8), Fx(101), Fx(1)); // (10, 20]: e = +2
        Assert.Empty(ofi.Intervals);
        ofi.Update(25 * S, Fx(100), Fx(8), Fx(101), Fx(1)); // closes (10, 20]; (20, 30] stays open
        Assert.Equal(new OfiInterval(20 * S, 2, 0), Assert.Single(ofi.Intervals));
        var restored = StateCodec.Load<OfiRegression>(StateCodec.Save(ofi));
        Assert.Equal(ofi.Fit(), restored.Fit());
    }

    [Fact]
    public void Pooling_two_recordings_equals_one_ols_over_all_their_intervals()
    {
        var random = new Random(11);
        var parts = new[] { new OfiRegression(S, keepIntervals: true), new OfiRegression(S, keepIntervals: true) };
        for (var p = 0; p < 2; p++)
        {
            long bid = 1000, ask = 1001;
            for (var i = 0; i < 300; i++)
            {
                var step = random.Next(-1, 2);
                bid += step;
                ask += step;
                parts[p].Update(p * 10_000 * S + i * S / 3, Fx(bid), Fx(random.Next(1, 9)), Fx(ask), Fx(random.Next(1, 9)));
            }
        }

        var all = parts.SelectMany(r => r.Intervals).ToArray();
        double mx = all.Average(i => i.Ofi), my = all.Average(i => i.MidChangeTicks);
        double sxx = all.Sum(i => (i.Ofi - mx) * (i.Ofi - mx)), sxy = all.Sum(i => (i.Ofi - mx) * (i.MidChangeTicks - my));
        double syy = all.Sum(i => (i.MidChangeTicks - my) * (i.MidChangeTicks - my));
        var pooled = OfiRegression.Pool(parts);
        Assert.Equal(all.Length, pooled.Intervals);
        Assert.Equal(sxy / sxx, pooled.Beta, 12);
        Assert.Equal(my - sxy / sxx * mx, pooled.Intercept, 12);
        Assert.Equal(sxy * sxy / (sxx * syy), pooled.R2, 12);
    }

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);
}

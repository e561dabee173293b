using Hrm.MarketData.Options;
using Hrm.Protocol.Market;
using Hrm.Signals.Macro;
using Xunit.Abstractions;

namespace Hrm.Signals.Tests.Macro;

public sealed class OptionsFlowTests(ITestOutputHelper output)
{
    private const long Day = 86_400L * 1_000_000_000;

    private static OptionQuote Quote(long ts, long expiry, double strike, bool call, double iv, double delta, double gamma, double oi, double spot) => new()
    {
        Symbol = "BTCUSDT",
        Venue = Venue.Deribit,
        TsEvent = ts,
        TsInit = ts,
        Instrument = $"BTC-{strike}-{(call ? "C" : "P")}",
        Expiry = expiry,
        Strike = strike,
        IsCall = call,
        MarkIv = iv,
        Delta = delta,
        Gamma = gamma,
        Vega = 1,
        OpenInterest = oi,
        UnderlyingPrice = spot,
    };

    [Fact]
    public void Gex_sign_convention_and_per_strike_sum_by_hand()
    {
        var expiry = 10 * Day;
        OptionPoint P(double k, bool call, double gamma, double oi) => new(0, expiry, k, call, 80, call ? 0.5 : -0.5, gamma, oi, 10_000);
        var chain = new[] { P(10_000, true, 0.0004, 100), P(10_000, false, 0.0004, 150), P(11_000, true, 0.0002, 50) };
        // call 10k: +0.0004 × 100 × 1 × 10 000² × 0.01 = +0.0004 × 100 × 1e6 = +40 000 USD per 1 %
        // put 10k:  −0.0004 × 150 × 1e6 = −60 000; call 11k: +0.0002 × 50 × 1e6 = +10 000
        Assert.Equal(40_000, OptionsFlow.Gex(chain[0]), 6);
        Assert.Equal(-60_000, OptionsFlow.Gex(chain[1]), 6);
        var r = OptionsFlow.Read(chain, 0);
        Assert.Equal(-10_000, r.TotalGex, 6);
        Assert.Equal([10_000.0, 11_000.0], r.Strikes);
        Assert.Equal(-20_000, r.GexByStrike[0], 6);
        Assert.Equal(10_000, r.GexByStrike[1], 6);
    }

    [Fact]
    public void Iv_is_interpolated_linearly_in_delta()
    {
        // calls at Δ 0.40 (IV 60), 0.20 (IV 70), 0.10 (IV 80): 0.25 lies between 0.20 and 0.40 →
        // 70 + (60 − 70) × (0.25 − 0.20)/(0.40 − 0.20) = 70 − 2.5 = 67.5
        Assert.Equal(67.5, OptionsFlow.IvAtDelta([(0.40, 60), (0.20, 70), (0.10, 80)], 0.25), 12);
        // puts at Δ −0.10 (IV 90), −0.30 (IV 75), −0.50 (IV 65): −0.25 between −0.30 and −0.10 →
        // 75 + (90 − 75) × (−0.25 + 0.30)/(−0.10 + 0.30) = 75 + 3.75 = 78.75
        Assert.Equal(78.75, OptionsFlow.IvAtDelta([(-0.10, 90), (-0.30, 75), (-0.50, 65)], -0.25), 12);
        Assert.True(double.IsNaN(OptionsFlow.IvAtDelta([(0.40, 60), (0.30, 70)], 0.25))); // not bracketed
    }

    [Fact]
    public void Black_scholes_gamma_by_hand()
    {
        // F = K = 10 000, σ = 0.8, T = 0.25: σ√T = 0.4, d1 = 0.2, φ(0.2) = 0.391043; Γ = 0.391043/(10 000 × 0.4) = 9.77607e−5
        Assert.Equal(9.77607e-5, OptionsFlow.BlackScholesGamma(10_000, 10_000, 0.8, 0.25), 9);
    }

    [Fact]
    public void Snapshots_close_on_a_gap_and_skew_sign_changes_are_flips()
    {
        var f = new OptionsFlow();
        var expiry = 40 * Day;
        void Chain(long ts, double putIv, double callIv)
        {
            // three calls and three puts; the 25Δ points fall exactly on listed deltas
            f.Update(Quote(ts, expiry, 12_000, true, callIv, 0.25, 0.0001, 10, 10_000));
            f.Update(Quote(ts, expiry, 11_000, true, callIv + 1, 0.35, 0.0001, 10, 10_000));
            f.Update(Quote(ts, expiry, 13_000, true, callIv + 2, 0.15, 0.0001, 10, 10_000));
            f.Update(Quote(ts, expiry, 8_000, false, putIv, -0.25, 0.0001, 10, 10_000));
            f.Update(Quote(ts, expiry, 9_000, false, putIv - 1, -0.35, 0.0001, 10, 10_000));
            f.Update(Quote(ts, expiry, 7_000, false, putIv + 2, -0.15, 0.0001, 10, 10_000));
        }

        Chain(Day, 70, 65); // skew +5: puts richer
        Assert.Null(f.Last);
        Assert.False(f.Available(Day));
        Chain(2 * Day, 60, 64); // a quote a day later closes the first snapshot
        Assert.Equal(5, f.Last!.Skew25, 12);
        Assert.Equal(0, f.SkewFlip);
        f.Close();
        Assert.Equal(-4, f.Last!.Skew25, 12);
        Assert.Equal(1, f.SkewFlip); // + → −: calls bid over puts = flip up
        Assert.True(f.Available(3 * Day));
        Assert.False(f.Available(3 * Day + 1));
        var copy = StateCodec.Load<OptionsFlow>(StateCodec.Save(f));
        Assert.Equal(f.Last.Skew25, copy.Last!.Skew25);
        Assert.Equal(f.SkewFlip, copy.SkewFlip);
    }

    [Fact]
    public void Real_data_deribit_chains_2020_05_14_and_21()
    {
        var f = new OptionsFlow();
        var dir = Path.Combine(RealData.DataRoot(), "options");
        var readers = DeribitChainCsvReader.Discover(dir);
        Assert.Equal(2, readers.Count);
        var maxGammaError = 0.0;
        foreach (var reader in readers)
        {
            foreach (var q in reader.Cast<OptionQuote>())
            {
                f.Update(q);
                // Deribit's gamma is Black–Scholes gamma on the expiry's forward: our re-pricing must agree. Deribit prints
                // gamma to 5 decimals, so only gammas ≥ 2e−4 (rounding ≤ 2.5 %) are compared
                var years = (q.Expiry - q.TsEvent) / OptionsFlow.YearNanos;
                if (years > 2.0 / 365 && q.Gamma >= 2e-4)
                    maxGammaError = Math.Max(maxGammaError, Math.Abs(OptionsFlow.BlackScholesGamma(q.UnderlyingPrice, q.Strike, q.MarkIv / 100, years) / q.Gamma - 1));
            }

            Assert.Equal(0, reader.Rejects.Total);
        }

        var first = f.Last!; // the first 05-21 row closed the 05-14 snapshot
        f.Close();
        var second = f.Last!;
        foreach (var r in new[] { first, second })
        {
            output.WriteLine($"{DateTimeOffset.FromUnixTimeMilliseconds(r.At / 1_000_000):yyyy-MM-dd HH:mm} options {r.Options} spot {r.Spot:0.00} " +
                $"GEX {r.TotalGex / 1e6:0.000} M USD/1% flip {r.FlipLevel:0} skew25 {r.Skew25:0.00} (put {r.Put25Iv:0.00} call {r.Call25Iv:0.00}, " +
                $"expiry {DateTimeOffset.FromUnixTimeMilliseconds(r.SkewExpiry / 1_000_000):yyyy-MM-dd})");
            var top = r.Strikes.Zip(r.GexByStrike).OrderByDescending(x => Math.Abs(x.Second)).Take(3);
            output.WriteLine("  largest strikes: " + string.Join(", ", top.Select(x => $"{x.First:0}: {x.Second / 1e6:0.000} M")));
        }

        output.WriteLine($"max |BS gamma / Deribit gamma − 1| = {maxGammaError:0.0000}; skew flip {f.SkewFlip}");
        Assert.True(maxGammaError < 0.05);
        Assert.Equal(310, first.Options);
        Assert.Equal(326, second.Options);
        // 05-14 05:44, spot 9 350: dealers net long gamma 3.70 M USD per 1 % (largest 9 500: +0.97 M), flip at ≈ 8 563;
        // 25Δ skew on the 05-15 expiry: put 101.12 − call 92.51 = +8.61 vol points
        Assert.Equal(3.703, first.TotalGex / 1e6, 3);
        Assert.Equal(8563, first.FlipLevel, 0);
        Assert.Equal(8.61, first.Skew25, 2);
        // 05-21 23:22, spot 9 096: still long gamma but only 0.59 M, flip ≈ 8 900 (2 % below spot); skew on the 05-23
        // expiry: 90.97 − 73.75 = +17.23; same sign as a week before → no flip
        Assert.Equal(0.588, second.TotalGex / 1e6, 3);
        Assert.Equal(8900, second.FlipLevel, 0);
        Assert.Equal(17.23, second.Skew25, 2);
        Assert.Equal(0, f.SkewFlip);
    }
}

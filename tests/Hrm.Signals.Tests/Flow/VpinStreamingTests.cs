using Hrm.Protocol.Market;
using Hrm.Signals.Micro;

namespace Hrm.Signals.Tests.Flow;

public sealed class VpinStreamingTests
{
    private const long S = 1_000_000_000;
    private const long M = 60 * S;

    private static long Px(double p) => Fixed.FromDouble(p);

    [Fact]
    public void Sigma_comes_from_past_bars_only()
    {
        // 1-minute bars, σ over the previous 3 bars, classification from 2 bars on; V = 1, L = 1.
        var vpin = new Vpin(bucketVolume: 1, window: 1, barNanos: M, sigmaBars: 3, minSigmaBars: 2);
        // bar 0: 100 → 101 (ΔP +1), 1 unit; bar 1: 100 → 99 (ΔP −1), 1 unit: warm-up, σ has 0 then 1 values.
        vpin.Update(0 * M + 1 * S, Px(100), Px(0.5));
        vpin.Update(0 * M + 2 * S, Px(101), Px(0.5));
        vpin.Update(1 * M + 1 * S, Px(100), Px(0.5));
        vpin.Update(1 * M + 2 * S, Px(99), Px(0.5));
        // bar 2: 100 → 102 (ΔP +2), 1 unit.
        vpin.Update(2 * M + 1 * S, Px(100), Px(0.5));
        vpin.Update(2 * M + 2 * S, Px(102), Px(0.5));
        Assert.Equal(2, vpin.WarmupVolume, 12);
        Assert.False(vpin.IsReady); // bar 2 is still open

        vpin.AdvanceTo(3 * M); // bar 2 closes: σ = sample std of {+1, −1} = √2, the bar itself not included
        // buy share Φ(2/√2) = Φ(√2) = 0.92135; OI = |2Φ(√2) − 1| · 1 = erf(1) = 0.8427007929497149; VPIN = OI/(1·1).
        // (With bar 2 in its own σ, σ = √(((1/3)² + (5/3)² + (4/3)²)/2) = 1.5275 and VPIN would be 0.8097.)
        Assert.True(vpin.IsReady);
        Assert.Equal(0.8427007929497149, vpin.Current, 14);
        Assert.Equal(1, vpin.Buckets);

        // Idempotent, and a later trade cannot change a classified bar.
        vpin.AdvanceTo(3 * M);
        vpin.Update(3 * M + 1, Px(50), Px(0.25));
        Assert.Equal(0.8427007929497149, vpin.Current, 14);
    }

    [Fact]
    public void Empty_bars_count_as_zero_changes_in_sigma()
    {
        var vpin = new Vpin(bucketVolume: 1, window: 1, barNanos: M, sigmaBars: 3, minSigmaBars: 2);
        vpin.Update(1, Px(100), Px(0.1));
        vpin.Update(2, Px(101), Px(0.1)); // bar 0: ΔP +1 (warm-up)
        vpin.Update(3 * M + 1, Px(101), Px(0.1)); // bars 1 and 2 empty: σ window {+1, 0, 0}
        Assert.Equal(Math.Sqrt(1.0 / 3), vpin.Sigma, 14); // mean 1/3; ((2/3)² + 2(1/3)²)/2 = 1/3
    }

    [Fact]
    public void State_round_trips_mid_stream()
    {
        var a = new Vpin(bucketVolume: 0.7, window: 5, barNanos: 10 * S, sigmaBars: 20, minSigmaBars: 3);
        var random = new Random(7);
        var price = 1000.0;
        for (var i = 0; i < 4000; i++)
        {
            price += random.NextDouble() - 0.5;
            a.Update(i * S / 4, Px(price), Px(random.NextDouble() * 0.2));
            if (i == 2000)
            {
                var b = StateCodec.Load<Vpin>(StateCodec.Save(a));
                Assert.Equal(a.Current, b.Current);
                for (var j = i + 1; j < 4000; j++)
                {
                    var p = 1000 + (j % 17);
                    a.Update(j * S / 4, Px(p), Px(0.05));
                    b.Update(j * S / 4, Px(p), Px(0.05));
                }

                Assert.True(a.IsReady);
                Assert.Equal(a.Current, b.Current);
                Assert.Equal(a.Buckets, b.Buckets);
                return;
            }
        }
    }

    [Fact]
    public void Real_usdm_trades_give_a_vpin_in_range()
    {
        // 2024-08-09 USD-M BTCUSDT: about 5.7 minutes of trades. 10-second bars, σ over 30 bars, buckets of 1 BTC.
        var capture = Hrm.MarketData.Binance.CaptureCatalog.Discover(Hrm.Testing.SharedData.Window2024)
            .Single(c => c.Venue == Venue.BinanceUsdm && c.Symbol == "BTCUSDT");
        var vpin = new Vpin(bucketVolume: 1.0, window: 50, barNanos: 10 * S, sigmaBars: 30, minSigmaBars: 5);
        var trades = 0;
        foreach (var e in new Hrm.MarketData.Binance.BinanceCaptureReader(capture))
        {
            if (e is TradeTick t)
            {
                vpin.Update(t);
                trades++;
            }
        }

        Assert.True(trades > 10_000);
        Assert.True(vpin.IsReady, $"{vpin.Buckets} buckets");
        Assert.InRange(vpin.Current, 0.0, 1.0);
    }
}

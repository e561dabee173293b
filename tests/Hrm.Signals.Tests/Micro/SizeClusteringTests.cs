using Hrm.Signals.Micro;
using static Hrm.Signals.Tests.Micro.MicroTestEvents;

namespace Hrm.Signals.Tests.Micro;

public sealed class SizeClusteringTests
{
    [Fact]
    public void Buckets_are_quarter_octaves_of_the_fixed_point_size()
    {
        // 0.001 BTC = 100 000 units: 4·log2(1e5) = 66.44 → 66; 0.01 = 1e6: 79.73 → 79; 0.5 = 5e7: 102.30 → 102
        Assert.Equal(66, SizeClustering.BucketOf(Fx(0.001)));
        Assert.Equal(79, SizeClustering.BucketOf(Fx(0.01)));
        Assert.Equal(102, SizeClustering.BucketOf(Fx(0.5)));
        Assert.Equal(0, SizeClustering.BucketOf(0));
    }

    [Fact]
    public void Recent_concentration_in_one_size_against_the_baseline()
    {
        var c = new SizeClustering(30 * S, 600 * S);
        // Baseline: 0..99 s, one trade a second alternating 0.001 and 0.01, sides alternating.
        for (var t = 0; t < 100; t++) c.Update(t * S, Fx(t % 2 == 0 ? 0.001 : 0.01), t % 3 == 0);
        // Recent: 400..411 s twelve buys of 0.5 (an algo slicing), 412..419 s eight 0.001 (4 buys, 4 sells).
        for (var t = 400; t < 412; t++) c.Update(t * S, Fx(0.5), true);
        for (var t = 412; t < 420; t++) c.Update(t * S, Fx(0.001), t % 2 == 0);

        var r = c.At(420 * S);
        // recent (390, 420]: 20 trades, mode bucket 102 with 12 → share 0.6; baseline (−180, 390]: 100 trades, none in 102
        Assert.Equal(102, r.Bucket);
        Assert.Equal(20, r.RecentTrades);
        Assert.Equal(0.6, r.RecentShare, 12);
        Assert.Equal(100, r.BaselineTrades);
        Assert.Equal(0.0, r.BaselineShare, 12);
        Assert.Equal(0.6, r.Excess, 12); // (0.6 − 0)/(1 − 0)
        Assert.Equal((12L, 0L), (r.ModalBuys, r.ModalSells));

        // A pure read at a later time: (420, 450] is empty.
        Assert.Equal(0, c.At(450 * S).RecentTrades);
        var restored = StateCodec.Load<SizeClustering>(StateCodec.Save(c));
        Assert.Equal(r, restored.At(420 * S));
    }
}

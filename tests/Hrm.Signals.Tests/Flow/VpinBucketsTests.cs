using Hrm.Signals.Micro;

namespace Hrm.Signals.Tests.Flow;

/// <summary>The bucket and order-imbalance arithmetic, fed with already classified volume (buy share 0, ½, 1, …).</summary>
public sealed class VpinBucketsTests
{
    [Fact]
    public void Hand_computed_buckets_split_overflowing_volume_and_average_the_last_L_imbalances()
    {
        // V = 10, L = 2. Pieces (volume, buy share):
        //  (6, 1)   → bucket 1: B 6, S 0, filled 6
        //  (7, 0)   → 4 completes bucket 1: B 6, S 4, OI 2; the other 3 open bucket 2: S 3
        //  (4, ½)   → bucket 2: B 2, S 5, filled 7
        //  (3, 1)   → bucket 2: B 5, S 5, full, OI 0 → VPIN_2 = (2 + 0)/(2·10) = 0.1
        //  (10, .8) → bucket 3: B 8, S 2, OI 6       → VPIN_3 = (0 + 6)/(2·10) = 0.3
        var buckets = new VpinBuckets(10, window: 2);
        var done = new List<VpinBucket>();
        buckets.Add(6, 1.0, tag: 1, done);
        buckets.Add(7, 0.0, tag: 2, done);
        buckets.Add(4, 0.5, tag: 3, done);
        buckets.Add(3, 1.0, tag: 4, done);
        Assert.Equal(0.1, buckets.Current, 15);
        buckets.Add(10, 0.8, tag: 5, done);

        Assert.Equal(3, done.Count);
        Assert.Equal(new VpinBucket(1, 1, 6, 4, 2, double.NaN), done[0]);
        Assert.Equal((2L, 2L, 5.0, 5.0, 0.0), (done[1].Index, done[1].FirstTag, done[1].Buy, done[1].Sell, done[1].OrderImbalance));
        Assert.Equal(0.1, done[1].Vpin, 15);
        Assert.Equal(5, done[2].FirstTag);
        Assert.Equal(8, done[2].Buy, 12);
        Assert.Equal(2, done[2].Sell, 12);
        Assert.Equal(0.3, done[2].Vpin, 12);
        Assert.Equal(0.3, buckets.Current, 12);
        Assert.True(buckets.IsReady);
    }

    [Fact]
    public void A_floating_point_residue_does_not_open_a_bucket()
    {
        // 0.1 + 0.2 = 0.30000000000000004 in double: three such pieces into a bucket of 0.9 leave a residue of ~1e-16.
        var buckets = new VpinBuckets(0.9, window: 1);
        buckets.Add(0.1 + 0.2, 1, 0);
        buckets.Add(0.1 + 0.2, 1, 0);
        buckets.Add(0.1 + 0.2, 1, 0);
        Assert.Equal(1, buckets.Completed);
        Assert.Equal(0, buckets.OpenVolume);
        Assert.Null(buckets.FlushPartial());
    }

    [Fact]
    public void A_partial_last_bucket_is_flushed_with_the_full_denominator()
    {
        // V = 4, L = 1: 6 buys → bucket 1 full (OI 4, VPIN 1); 2 left → flushed OI 2, VPIN 2/(1·4) = 0.5.
        var buckets = new VpinBuckets(4, window: 1);
        buckets.Add(6, 1, 0);
        var last = buckets.FlushPartial();
        Assert.NotNull(last);
        Assert.Equal(2, last.Value.Index);
        Assert.Equal(0.5, last.Value.Vpin);
    }

    /// <summary>
    /// n prints of volume V/n per bucket, each side a fair coin (fixed seed): E|B − S|/V = E|2K − n|/n with
    /// K ~ Binomial(n, ½): n = 1 → 1; n = 2 → (½·2)/2 = 0.5; n = 4 → (2·4 + 8·2 + 6·0)/16/4 = 0.375.
    /// The mean of the VPIN series estimates it. With N = 200 000 buckets the per-bucket OI/V has standard deviation
    /// 0 (n = 1), 0.5 (n = 2: values 0 or 1) and √(0.25 − 0.375²) = 0.331 (n = 4), so the standard error of the mean is
    /// at most 0.5/√N = 0.0011; the series mean (overlapping windows of 50) has the same standard error up to edge
    /// terms. The tolerance 0.006 is above 5 standard errors.
    /// </summary>
    [Theory]
    [InlineData(1, 1.0)]
    [InlineData(2, 0.5)]
    [InlineData(4, 0.375)]
    public void Random_sides_give_the_binomial_expectation(int printsPerBucket, double expected)
    {
        const int bucketCount = 200_000;
        var random = new Random(20_240_809);
        var buckets = new VpinBuckets(1.0, window: 50);
        var done = new List<VpinBucket>(bucketCount);
        for (var i = 0; i < bucketCount * printsPerBucket; i++)
        {
            buckets.Add(1.0 / printsPerBucket, random.Next(2), i, done);
        }

        Assert.Equal(bucketCount, done.Count);
        Assert.Equal(49, done.Count(b => double.IsNaN(b.Vpin)));
        var mean = done.Where(b => !double.IsNaN(b.Vpin)).Average(b => b.Vpin);
        Assert.InRange(mean, expected - 0.006, expected + 0.006);
        if (printsPerBucket == 1)
        {
            Assert.All(done.Skip(49), b => Assert.Equal(1.0, b.Vpin, 12));
        }
    }
}

using Hrm.Protocol.Market;

namespace Hrm.Signals.Micro;

/// <summary>One trade for the batch VPIN: event time (Unix ns), price and volume.</summary>
public readonly record struct VpinTrade(long TsNanos, double Price, double Volume);

/// <summary>Parameters of the batch VPIN (defaults: PINstimation 0.2.0 <c>vpin(data, timebarsize = 300)</c>).</summary>
/// <param name="BarSeconds">Time-bar length; bars are aligned to UTC midnight of the first trade's day.</param>
/// <param name="Buckets">Buckets per day: VBS = total volume / days / buckets.</param>
/// <param name="Window">L, the number of buckets each VPIN value averages over.</param>
/// <param name="BucketVolume">Overrides VBS when set.</param>
public sealed record VpinOptions(long BarSeconds = 300, int Buckets = 50, int Window = 50, double? BucketVolume = null);

/// <summary>R's <c>summary()</c> of the VPIN series: quantiles of type 7 over the defined values, and the NA count.</summary>
public sealed record VpinSummary(double Min, double FirstQuartile, double Median, double Mean, double ThirdQuartile, double Max, int Count, int Missing)
{
    public static VpinSummary Of(IEnumerable<double> series)
    {
        var values = new List<double>();
        var missing = 0;
        foreach (var v in series)
        {
            if (double.IsNaN(v))
            {
                missing++;
            }
            else
            {
                values.Add(v);
            }
        }

        if (values.Count == 0)
        {
            return new VpinSummary(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 0, missing);
        }

        values.Sort();
        var mean = 0.0;
        foreach (var v in values)
        {
            mean += v;
        }

        mean /= values.Count;
        return new VpinSummary(values[0], Quantile(values, 0.25), Quantile(values, 0.5), mean, Quantile(values, 0.75), values[^1], values.Count, missing);
    }

    /// <summary>Hyndman–Fan type 7 (R's default): h = (n − 1)p, linear between the order statistics around h.</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double p)
    {
        var h = (sorted.Count - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}

/// <summary>The batch VPIN: every bucket, the parameters actually used, and the summary.</summary>
public sealed record VpinResult(
    IReadOnlyList<VpinBucket> Buckets,
    double BucketVolume,
    int Days,
    double SigmaDp,
    int Bars,
    VpinOptions Options,
    double TotalVolume)
{
    public VpinSummary Summary { get; } = VpinSummary.Of(Buckets.Select(b => b.Vpin));
}

/// <summary>
/// Batch VPIN (Easley, López de Prado &amp; O'Hara 2012), exactly as PINstimation 0.2.0 <c>vpin()</c> computes it
/// (spec: <c>reference/05_vpin_pinstimation_hfdata/EXPECTED.md</c>):
/// time bars of <c>BarSeconds</c> aligned to UTC midnight, the grid completed with empty bars and kept on trade dates
/// only; per bar ΔP = last − first price within the bar; VBS = total volume / days / buckets; σ = sample deviation of
/// ΔP over all kept bars, empty ones included; each bar's volume poured in order into buckets of VBS with buy share
/// Φ(ΔP/σ) (<see cref="VpinBuckets"/>); the last, partial bucket is kept; VPIN_τ = Σ_{L} OI / (L · VBS), NaN for τ &lt; L.
/// </summary>
public static class VpinCalculator
{
    public const long NanosPerDay = 86_400 * Protocol.EventTime.NanosPerSecond;

    public static VpinResult Compute(IReadOnlyList<VpinTrade> trades, VpinOptions? options = null)
    {
        options ??= new VpinOptions();
        if (options.BarSeconds <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.BarSeconds, "bar length must be positive");
        }

        if (trades.Count == 0)
        {
            throw new ArgumentException("no trades", nameof(trades));
        }

        var sorted = IsSorted(trades) ? trades : trades.OrderBy(t => t.TsNanos).ToArray();
        var barNanos = options.BarSeconds * Protocol.EventTime.NanosPerSecond;
        var origin = Math.DivRem(sorted[0].TsNanos, NanosPerDay, out var rest) * NanosPerDay - (rest < 0 ? NanosPerDay : 0);
        long BarOf(long ts) => Math.DivRem(ts - origin, barNanos, out var r) - (r < 0 ? 1 : 0);

        // The complete bar grid from the first to the last trade's bar; empty bars keep ΔP = 0 and volume 0.
        var firstBar = BarOf(sorted[0].TsNanos);
        var barCount = checked((int)(BarOf(sorted[^1].TsNanos) - firstBar + 1));
        var dp = new double[barCount];
        var volume = new double[barCount];
        var tradeDays = new HashSet<long>();
        var totalVolume = 0.0;
        var i = 0;
        while (i < sorted.Count)
        {
            var bar = BarOf(sorted[i].TsNanos);
            var first = sorted[i].Price;
            var last = first;
            var v = 0.0;
            for (; i < sorted.Count && BarOf(sorted[i].TsNanos) == bar; i++)
            {
                last = sorted[i].Price;
                v += sorted[i].Volume;
                tradeDays.Add(DayOf(sorted[i].TsNanos));
            }

            dp[bar - firstBar] = last - first;
            volume[bar - firstBar] = v;
            totalVolume += v;
        }

        // Keep only bars whose UTC date is a trade date.
        var kept = new List<int>(barCount);
        for (var b = 0; b < barCount; b++)
        {
            if (tradeDays.Contains(DayOf(origin + (firstBar + b) * barNanos)))
            {
                kept.Add(b);
            }
        }

        var days = tradeDays.Count;
        var bucketVolume = options.BucketVolume ?? totalVolume / days / options.Buckets;
        var sigma = SampleStd(kept.Select(b => dp[b]).ToArray());

        var buckets = new VpinBuckets(bucketVolume, options.Window);
        var output = new List<VpinBucket>(checked((int)Math.Min(int.MaxValue, totalVolume / bucketVolume + 2)));
        foreach (var b in kept)
        {
            if (volume[b] > 0)
            {
                buckets.Add(volume[b], VpinMath.BuyFraction(dp[b], sigma), origin + (firstBar + b) * barNanos, output);
            }
        }

        if (buckets.FlushPartial() is { } partial)
        {
            output.Add(partial);
        }

        return new VpinResult(output, bucketVolume, days, sigma, kept.Count, options, totalVolume);
    }

    private static long DayOf(long ts) => Math.DivRem(ts, NanosPerDay, out var r) - (r < 0 ? 1 : 0);

    private static bool IsSorted(IReadOnlyList<VpinTrade> trades)
    {
        for (var i = 1; i < trades.Count; i++)
        {
            if (trades[i].TsNanos < trades[i - 1].TsNanos)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Two-pass sample standard deviation (÷ n − 1); 0 for fewer than two values.</summary>
    private static double SampleStd(double[] values)
    {
        if (values.Length < 2)
        {
            return 0;
        }

        var mean = values.Average();
        var ss = 0.0;
        foreach (var v in values)
        {
            ss += (v - mean) * (v - mean);
        }

        return Math.Sqrt(ss / (values.Length - 1));
    }
}

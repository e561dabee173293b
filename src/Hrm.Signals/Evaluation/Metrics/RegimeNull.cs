using Hrm.Protocol;
using Hrm.Protocol.Layers;
using Hrm.Signals.Numerics;

namespace Hrm.Signals.Evaluation.Metrics;

/// <summary>
/// The random-walk chance p0 of each regime claim on one call's window: the probability that
/// <see cref="MacroJudge.Judge"/> says "right" for that claim when the returns are a driftless iid random walk
/// (<see cref="RegimeNull"/> says which). NaN where the claim cannot be judged on the window.
/// </summary>
public readonly record struct RegimeNullRates(
    double Trending,
    double TrendingUp,
    double TrendingDown,
    double MeanReverting,
    double Volatile,
    double Accumulation)
{
    /// <summary>p0 of the claim (regime, direction): trending uses the direction's sign (any sign when 0).</summary>
    public double For(Regime regime, int direction) => regime switch
    {
        Regime.Trending => direction > 0 ? TrendingUp : direction < 0 ? TrendingDown : Trending,
        Regime.MeanReverting => MeanReverting,
        Regime.Volatile => Volatile,
        Regime.Accumulation => Accumulation,
        _ => double.NaN,
    };
}

/// <summary>
/// Judged calls scored against their own nulls: n calls, right of them, Σp0 and Σp0(1 − p0). Tallies of several
/// series add, so a pooled value is the metric over all judged calls.
/// </summary>
public readonly record struct RegimeSkill(int Calls, int Right, double NullSum, double NullVariance)
{
    /// <summary>right / n; null without calls.</summary>
    public double? Accuracy => Calls == 0 ? null : (double)Right / Calls;

    /// <summary>Mean p0 = Σp0 / n: the accuracy the same claims score by chance; null without calls.</summary>
    public double? NullAccuracy => Calls == 0 ? null : NullSum / Calls;

    /// <summary>accuracy − mean p0.</summary>
    public double? SkillOverNull => Accuracy - NullAccuracy;

    /// <summary>(right − Σp0) / √Σp0(1 − p0), the calls taken as independent Bernoulli(p0); null when the variance is 0.</summary>
    public double? SkillZ => NullVariance > 0 ? (Right - NullSum) / Math.Sqrt(NullVariance) : null;

    public RegimeSkill Add(bool right, double p0) =>
        new(Calls + 1, Right + (right ? 1 : 0), NullSum + p0, NullVariance + p0 * (1 - p0));

    public static RegimeSkill operator +(RegimeSkill a, RegimeSkill b) =>
        new(a.Calls + b.Calls, a.Right + b.Right, a.NullSum + b.NullSum, a.NullVariance + b.NullVariance);
}

/// <summary>Skill over the null of all judged calls and per regime claimed (always all four regimes).</summary>
public sealed record RegimeNullResult(RegimeSkill Overall, IReadOnlyDictionary<Regime, RegimeSkill> ByClaim)
{
    public static RegimeNullResult Empty { get; } = new(default, Enum.GetValues<Regime>().ToDictionary(r => r, _ => default(RegimeSkill)));

    /// <summary>The tallies of both, added claim by claim.</summary>
    public RegimeNullResult Merge(RegimeNullResult other)
    {
        var byClaim = new Dictionary<Regime, RegimeSkill>(ByClaim);
        foreach (var (regime, skill) in other.ByClaim)
        {
            byClaim[regime] = byClaim.GetValueOrDefault(regime) + skill;
        }

        return new RegimeNullResult(Overall + other.Overall, byClaim);
    }
}

/// <summary>
/// The null of <see cref="MacroJudge.RegimeAccuracy"/>. For a judged call with window returns r₁..rₙ (points a..b of
/// <see cref="MacroJudge.Judge"/>) and trailing windows of m₁..m_k returns, the neighbourhood is the log returns
/// from the start of the earliest trailing window to b, demeaned (driftless). Each of K draws resamples them iid with
/// replacement into a window of n and trailing windows of m₁..m_k returns, rebuilds the window's prices
/// P_i = P_a·Π(1 + g_j), g = e^r − 1 (ER is on prices, as the judge computes it), and applies the judge's test.
/// p0 = right draws / draws on which the claim is defined (0 when none is). Why this null: the draws keep the
/// neighbourhood's fat-tailed marginal (which moves ER's chance a lot: a Gaussian null would understate it) and
/// remove all serial dependence and volatility clustering, which is exactly what the four claims assert; every
/// statistic is scale-free, so the neighbourhood's volatility level does not matter. The RNG (SplitMix64) is seeded
/// from the call's time and horizon only, so every claim on the same window sees the same draws and a run is
/// byte-identical to the next. docs/EVALUATION.md has the measured nulls.
/// </summary>
public static class RegimeNull
{
    /// <summary>K: with 200 draws a call's p0 has a standard error ≤ 0.035; the mean over thousands of calls far less.</summary>
    public const int DefaultDraws = 200;


    /// <summary>
    /// Judges every call (<see cref="MacroJudge.Judge"/>) and tallies the judged ones with their p0, overall and
    /// by the regime claimed. Skipped calls are in neither tally.
    /// </summary>
    public static RegimeNullResult Evaluate(
        IReadOnlyList<RegimeCall> calls, IReadOnlyList<PricePoint> prices, RegimeCheckOptions? options = null, int draws = DefaultDraws)
    {
        options ??= new RegimeCheckOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(draws, 1);
        PriceWindows.RequireSorted(prices);
        var returns = AllLogReturns(prices);
        var overall = default(RegimeSkill);
        var byClaim = new Dictionary<Regime, RegimeSkill>(RegimeNullResult.Empty.ByClaim);
        foreach (var call in calls)
        {
            if (MacroJudge.Judge(call, prices, options) is not { } right)
            {
                continue;
            }

            var needs = call.Regime switch
            {
                Regime.Trending => Needs.Efficiency,
                Regime.MeanReverting => Needs.VarianceRatio,
                _ => Needs.Volatility,
            };
            var p0 = Rates(call, prices, returns, options, draws, needs)?.For(call.Regime, call.Direction) ?? double.NaN;
            p0 = double.IsFinite(p0) ? p0 : 0;
            overall = overall.Add(right, p0);
            byClaim[call.Regime] = byClaim.GetValueOrDefault(call.Regime).Add(right, p0);
        }

        return new RegimeNullResult(overall, byClaim);
    }

    /// <summary>
    /// p0 of every claim on the call's window; null when the window cannot be judged. Takes the series' returns
    /// afresh: for many calls on one series use <see cref="Evaluate"/>.
    /// </summary>
    public static RegimeNullRates? Rates(RegimeCall call, IReadOnlyList<PricePoint> prices, RegimeCheckOptions? options = null, int draws = DefaultDraws)
    {
        PriceWindows.RequireSorted(prices);
        return Rates(call, prices, AllLogReturns(prices), options ?? new RegimeCheckOptions(), draws, Needs.All);
    }

    /// <summary>
    /// p0 of every claim for a window of <paramref name="windowReturns"/> returns and trailing windows of
    /// <paramref name="trailingReturns"/> returns, all drawn iid from <paramref name="pool"/> (log returns, demeaned
    /// here), with <paramref name="draws"/> draws from the given seed.
    /// </summary>
    public static RegimeNullRates Rates(
        ReadOnlySpan<double> pool, int windowReturns, IReadOnlyList<int> trailingReturns, RegimeCheckOptions options, int draws, ulong seed) =>
        Simulate(pool, windowReturns, trailingReturns, options, draws, seed, Needs.All);

    [Flags]
    private enum Needs
    {
        Efficiency = 1,
        VarianceRatio = 2,
        Volatility = 4,
        All = Efficiency | VarianceRatio | Volatility,
    }

    private static RegimeNullRates? Rates(
        RegimeCall call, IReadOnlyList<PricePoint> prices, double[] returns, RegimeCheckOptions options, int draws, Needs needs)
    {
        var h = call.HorizonSeconds * EventTime.NanosPerSecond;
        if (PriceWindows.Window(prices, call.TsEvent, call.TsEvent + h) is not { } w)
        {
            return null;
        }

        var trailing = PriceWindows.TrailingWindows(prices, call.TsEvent, h, options);
        var start = trailing.Count == 0 ? w.A : Math.Min(w.A, trailing.Min(t => t.A));
        var lengths = trailing.Select(t => t.B - t.A).ToArray();
        return Simulate(returns.AsSpan(start, w.B - start), w.B - w.A, lengths, options, draws, Seed(call), needs);
    }

    /// <summary>returns[i] = ln(P_{i+1} / P_i), computed once per series.</summary>
    private static double[] AllLogReturns(IReadOnlyList<PricePoint> prices) => PriceWindows.LogReturns(prices, 0, prices.Count - 1);

    private static RegimeNullRates Simulate(
        ReadOnlySpan<double> pool, int n, IReadOnlyList<int> trailingReturns, RegimeCheckOptions options, int draws, ulong seed, Needs needs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(draws, 1);
        if (pool.IsEmpty)
        {
            throw new ArgumentException("the pool of returns is empty", nameof(pool));
        }

        // Demeaned: the null is driftless whatever the neighbourhood's trend. A constant pool stays exactly flat, as
        // the judge sees a flat window (its rounding residue would otherwise make noise look like moves).
        var mean = 0.0;
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (var x in pool)
        {
            mean += x;
            lo = Math.Min(lo, x);
            hi = Math.Max(hi, x);
        }

        mean /= pool.Length;
        var r = new double[pool.Length];
        var g = new double[pool.Length];
        var r2 = new double[pool.Length];
        for (var j = 0; j < pool.Length; j++)
        {
            r[j] = hi > lo ? pool[j] - mean : 0;
            g[j] = Math.Exp(r[j]) - 1;
            r2[j] = r[j] * r[j];
        }

        var q = options.VarianceRatioLag;
        var threshold = options.EfficiencyThreshold;
        var window = new double[n];
        var lengths = trailingReturns.ToArray();
        var vols = new double[lengths.Length];
        var picked = new int[lengths.Length];
        var withVr = needs.HasFlag(Needs.VarianceRatio) && q >= 2 && n >= q + 1;
        var withVol = needs.HasFlag(Needs.Volatility) && n >= 2 && trailingReturns.Count > 0;
        var rng = new SplitMix64(seed);

        // The trailing vols come from a bank of iid window vols per window length, drawn once: each draw takes
        // distinct bank entries, i.e. iid vols, so every draw's verdict has exactly the null's distribution, at a
        // sixth of the cost of six fresh windows a draw (draws share entries, which only adds Monte Carlo noise).
        var distinct = withVol ? lengths.Distinct().ToArray() : [];
        var bankOf = lengths.Select(l => Array.IndexOf(distinct, l)).ToArray();
        var bankSize = Math.Max(draws, 4 * lengths.Length);
        var banks = new double[distinct.Length][];
        for (var b = 0; b < distinct.Length; b++)
        {
            banks[b] = new double[bankSize];
            for (var e = 0; e < bankSize; e++)
            {
                double s = 0, ss = 0;
                for (var i = 0; i < distinct[b]; i++)
                {
                    var j = rng.Index(r.Length);
                    s += r[j];
                    ss += r2[j];
                }

                banks[b][e] = Std(s, ss, distinct[b]);
            }
        }

        int up = 0, down = 0, trend = 0, mr = 0, mrDefined = 0, vol = 0, acc = 0, volDefined = 0;
        for (var d = 0; d < draws; d++)
        {
            double m = 1, path = 0, ws = 0, wss = 0;
            for (var i = 0; i < n; i++)
            {
                var j = rng.Index(r.Length);
                path += m * Math.Abs(g[j]);
                m *= 1 + g[j];
                window[i] = r[j];
                ws += r[j];
                wss += r2[j];
            }

            var er = path > 0 ? Math.Abs(m - 1) / path : 0;
            if (er >= threshold)
            {
                trend++;
                up += m > 1 ? 1 : 0;
                down += m < 1 ? 1 : 0;
            }

            if (withVr && Stats.VarianceRatio(window, q) is { } vr)
            {
                mrDefined++;
                mr += vr < 1 ? 1 : 0;
            }

            if (withVol)
            {
                for (var k = 0; k < lengths.Length; k++)
                {
                    int e;
                    bool taken;
                    do
                    {
                        e = rng.Index(bankSize);
                        taken = false;
                        for (var k2 = 0; k2 < k; k2++)
                        {
                            taken |= picked[k2] == e && bankOf[k2] == bankOf[k];
                        }
                    }
                    while (taken);

                    picked[k] = e;

                    // Insertion keeps vols[0..k] sorted: the median needs no sort call per draw.
                    var vk = banks[bankOf[k]][e];
                    var at = k;
                    for (; at > 0 && vols[at - 1] > vk; at--)
                    {
                        vols[at] = vols[at - 1];
                    }

                    vols[at] = vk;
                }

                var mid = vols.Length / 2;
                var median = vols.Length % 2 == 1 ? vols[mid] : (vols[mid - 1] + vols[mid]) / 2;
                var v = Std(ws, wss, n);
                volDefined++;
                vol += v > median ? 1 : 0;
                acc += v <= median && er < threshold ? 1 : 0;
            }
        }

        var any = needs.HasFlag(Needs.Efficiency) || needs.HasFlag(Needs.Volatility);
        return new RegimeNullRates(
            any ? (double)trend / draws : double.NaN,
            any ? (double)up / draws : double.NaN,
            any ? (double)down / draws : double.NaN,
            Share(mr, mrDefined),
            Share(vol, volDefined),
            Share(acc, volDefined));
    }

    private static double Share(int right, int defined) => defined == 0 ? double.NaN : (double)right / defined;

    /// <summary>Population std from Σx and Σx² (clamped at 0 against rounding).</summary>
    private static double Std(double sum, double sumSquares, int n)
    {
        var mean = sum / n;
        return Math.Sqrt(Math.Max(0, sumSquares / n - mean * mean));
    }

    /// <summary>A seed from the call's time and horizon (not its claim: every claim on a window shares the draws).</summary>
    private static ulong Seed(RegimeCall call) =>
        SplitMix64.Mix(unchecked((ulong)call.TsEvent) ^ SplitMix64.Mix(unchecked((ulong)call.HorizonSeconds) + 0x9E3779B97F4A7C15UL));
}

using Hrm.Protocol;
namespace Hrm.Signals.Evaluation.Metrics;

/// <summary>A macro call: the regime claimed at <see cref="TsEvent"/> (seed names: trending, mean_reverting,
/// volatile, accumulation), its direction (−1, 0, 1; used for trending) and the horizon it claims to hold for.</summary>
public readonly record struct RegimeCall(long TsEvent, string Regime, int Direction, long HorizonSeconds);

/// <summary>A meso pattern that fired: direction, the target and invalidation prices it implies, the holding time,
/// its P(success | pattern, regime) and the regime it was conditioned on.</summary>
public readonly record struct PatternCall(
    long TsEvent,
    string Pattern,
    string Regime,
    int Direction,
    double Target,
    double Invalidation,
    long HoldingSeconds,
    double Probability);

/// <summary>
/// A resolved pattern call: success = target touched before invalidation and before the holding time ran out.
/// <paramref name="Entry"/> is the price the path was resolved from (the last at or before the call; NaN when unknown).
/// </summary>
public readonly record struct PatternOutcome(PatternCall Call, bool Success, double Entry = double.NaN);

/// <summary>A micro signal: direction, how long it claims to last, and its toxicity measure (VPIN or |OFI|; NaN when none).</summary>
public readonly record struct MicroCall(long TsEvent, int Direction, long DurationSeconds, double Toxicity);

/// <summary>Thresholds of the ex-post regime checks (defaults: the heuristic regime model's own thresholds).</summary>
/// <param name="EfficiencyThreshold">Efficiency ratio at or above which a window counts as trending.</param>
/// <param name="VarianceRatioLag">q of the variance ratio VR(q).</param>
/// <param name="TrailingWindows">How many preceding windows of the call's horizon form the volatility reference.</param>
public sealed record RegimeCheckOptions(double EfficiencyThreshold = 0.3, int VarianceRatioLag = 4, int TrailingWindows = 6);

/// <summary>Share of judged calls whose claim held ex post; calls that could not be judged are counted, not guessed.</summary>
public sealed record AccuracyResult(double? Value, int Judged, int Skipped);

/// <summary>Median lag in hours (detection − ex-post change point; negative = early) over judged regime changes.</summary>
public sealed record TimingResult(double? MedianLagHours, IReadOnlyList<double> LagsHours);

/// <summary>Micro metrics over the judged calls.</summary>
public sealed record MicroResult(double? FlowToxicityScore, double? ExecutionAlphaBps, double? SignalLatencyMs, double? LatencyHitRate, int Judged);

/// <summary>
/// Per-layer metrics judged from observable ex-post outcomes on the price series, without regime or pattern labels
/// (docs/EVALUATION.md says why). Prices must be sorted by event time; times are Unix nanoseconds.
/// </summary>
public static class LayerMetrics
{

    // ---------------------------------------------------------------- macro

    /// <summary>
    /// macro.regime_accuracy: the share of calls whose claim the prices over [t, t + horizon] bear out. trending:
    /// efficiency ratio ≥ threshold and the move's sign = the call's direction (any sign when direction 0);
    /// mean_reverting: VR(q) &lt; 1; volatile: realised vol above the median of the trailing windows' vols;
    /// accumulation: realised vol at or below that median and efficiency ratio below the threshold. A call is skipped
    /// when its window runs past the data, is too short, or (volatile/accumulation) has no trailing window.
    /// </summary>
    public static AccuracyResult RegimeAccuracy(IReadOnlyList<RegimeCall> calls, IReadOnlyList<PricePoint> prices, RegimeCheckOptions? options = null)
    {
        options ??= new RegimeCheckOptions();
        Stats.RequireSorted(prices);
        int judged = 0, right = 0, skipped = 0;
        foreach (var call in calls)
        {
            var verdict = Judge(call, prices, options);
            if (verdict is null)
            {
                skipped++;
                continue;
            }

            judged++;
            right += verdict.Value ? 1 : 0;
        }

        return new AccuracyResult(judged == 0 ? null : (double)right / judged, judged, skipped);
    }

    /// <summary>The seed's four regime names, in the order the constant baseline tries them.</summary>
    public static IReadOnlyList<string> RegimeNames { get; } = ["trending", "mean_reverting", "volatile", "accumulation"];

    /// <summary>
    /// The naive baseline of <see cref="RegimeAccuracy"/>: the accuracy each constant claim would have had at the
    /// same times and horizons (trending with any direction). The best of them is what always calling one regime
    /// achieves in hindsight, the bar a regime model has to clear.
    /// </summary>
    public static IReadOnlyDictionary<string, AccuracyResult> ConstantRegimeAccuracy(
        IReadOnlyList<RegimeCall> calls, IReadOnlyList<PricePoint> prices, RegimeCheckOptions? options = null) =>
        RegimeNames.ToDictionary(
            name => name,
            name => RegimeAccuracy(calls.Select(c => c with { Regime = name, Direction = 0 }).ToArray(), prices, options),
            StringComparer.Ordinal);

    /// <summary>Whether the prices bear the call out; null when it cannot be judged.</summary>
    public static bool? Judge(RegimeCall call, IReadOnlyList<PricePoint> prices, RegimeCheckOptions options)
    {
        var h = call.HorizonSeconds * EventTime.NanosPerSecond;
        var w = Window(prices, call.TsEvent, call.TsEvent + h);
        if (w is null)
        {
            return null;
        }

        var (a, b) = w.Value;
        var er = EfficiencyRatio(prices, a, b);
        switch (call.Regime)
        {
            case "trending":
                var sign = Math.Sign(prices[b].Price - prices[a].Price);
                return er >= options.EfficiencyThreshold && (call.Direction == 0 || sign == Math.Sign(call.Direction));
            case "mean_reverting":
                return VarianceRatio(LogReturns(prices, a, b), options.VarianceRatioLag) is { } vr ? vr < 1 : null;
            case "volatile":
            case "accumulation":
                if (Stats.SampleStd(LogReturns(prices, a, b)) is null)
                {
                    return null;
                }

                var vol = PopulationStd(LogReturns(prices, a, b));
                var trailing = TrailingWindows(prices, call.TsEvent, h, options).Select(tw => PopulationStd(LogReturns(prices, tw.A, tw.B))).ToArray();
                if (Stats.Median(trailing) is not { } median)
                {
                    return null;
                }

                return call.Regime == "volatile" ? vol > median : vol <= median && er < options.EfficiencyThreshold;
            default:
                return null;
        }
    }

    /// <summary>Kaufman efficiency ratio |P_b − P_a| / Σ|ΔP| over points a..b (0 when the path is flat).</summary>
    public static double EfficiencyRatio(IReadOnlyList<PricePoint> prices, int a, int b)
    {
        var path = 0.0;
        for (var i = a + 1; i <= b; i++)
        {
            path += Math.Abs(prices[i].Price - prices[i - 1].Price);
        }

        return path > 0 ? Math.Abs(prices[b].Price - prices[a].Price) / path : 0;
    }

    /// <summary>
    /// VR(q) = Var(overlapping q-sums of log returns) / (q · Var(log returns)), population variances (Lo–MacKinlay's
    /// plain statistic, as the regime model computes it). Null with fewer than q + 1 returns or zero variance.
    /// </summary>
    public static double? VarianceRatio(IReadOnlyList<double> returns, int q)
    {
        if (q < 2 || returns.Count < q + 1)
        {
            return null;
        }

        var v1 = PopulationVariance(returns);
        if (!(v1 > 0))
        {
            return null;
        }

        var sums = new double[returns.Count - q + 1];
        for (var i = 0; i < sums.Length; i++)
        {
            for (var j = 0; j < q; j++)
            {
                sums[i] += returns[i + j];
            }
        }

        return PopulationVariance(sums) / (q * v1);
    }

    /// <summary>
    /// macro.transition_timing: for each change of claimed regime between consecutive calls (detected at the later
    /// call's time t), the ex-post change point τ* is the price index in [t − search, t + search] that maximises the
    /// Gaussian log-likelihood ratio of a change in mean and variance of the log returns, with
    /// <paramref name="segmentReturns"/> returns on each side: 2L·ln σ̂²_all − L·ln σ̂²_before − L·ln σ̂²_after (MLE
    /// variances). Lag = (t − τ*) in hours: positive = late, negative = early. The metric is the median lag.
    /// </summary>
    public static TimingResult TransitionTiming(IReadOnlyList<RegimeCall> calls, IReadOnlyList<PricePoint> prices, long searchSeconds, int segmentReturns)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(segmentReturns, 2);
        Stats.RequireSorted(prices);
        var lags = new List<double>();
        var ordered = calls.OrderBy(c => c.TsEvent).ToArray();
        for (var i = 1; i < ordered.Length; i++)
        {
            if (string.Equals(ordered[i].Regime, ordered[i - 1].Regime, StringComparison.Ordinal))
            {
                continue;
            }

            var t = ordered[i].TsEvent;
            var best = double.NegativeInfinity;
            var bestTs = (long?)null;
            for (var m = segmentReturns; m + segmentReturns < prices.Count; m++)
            {
                if (Math.Abs(prices[m].TsEvent - t) > searchSeconds * EventTime.NanosPerSecond)
                {
                    continue;
                }

                var before = LogReturns(prices, m - segmentReturns, m);
                var after = LogReturns(prices, m, m + segmentReturns);
                var all = before.Concat(after).ToArray();
                var stat = 2 * segmentReturns * Math.Log(Floor(PopulationVariance(all)))
                    - segmentReturns * Math.Log(Floor(PopulationVariance(before)))
                    - segmentReturns * Math.Log(Floor(PopulationVariance(after)));
                if (stat > best)
                {
                    best = stat;
                    bestTs = prices[m].TsEvent;
                }
            }

            if (bestTs is { } tau)
            {
                lags.Add((t - tau) / 3600.0 / EventTime.NanosPerSecond);
            }
        }

        return new TimingResult(Stats.Median(lags), lags);
    }

    // ---------------------------------------------------------------- meso

    /// <summary>
    /// Resolves pattern calls on the prices strictly after the call: the first price at or beyond the target →
    /// success; at or beyond the invalidation → failure. A call whose holding time runs out with neither touched
    /// expired (<see cref="ExpiredPatterns"/>) and is no trial, as in <c>OutcomeBook</c>: a driftless price touches
    /// R·risk before 1·risk with probability 1/(1 + R) only among calls that touch one of them. Calls with direction 0,
    /// or still open when the data ends, are left out.
    /// </summary>
    public static IReadOnlyList<PatternOutcome> ResolvePatterns(IReadOnlyList<PatternCall> calls, IReadOnlyList<PricePoint> prices)
    {
        Stats.RequireSorted(prices);
        return calls.Select(c => (Call: c, Result: Resolve(c, prices)))
            .Where(r => r.Result is PatternResult.Success or PatternResult.Failure)
            .Select(r => new PatternOutcome(r.Call, r.Result == PatternResult.Success,
                Stats.IndexAtOrBefore(prices, r.Call.TsEvent) is var i and >= 0 ? prices[i].Price : double.NaN))
            .ToArray();
    }

    /// <summary>Calls whose holding time ran out, inside the data, with neither target nor invalidation touched.</summary>
    public static int ExpiredPatterns(IReadOnlyList<PatternCall> calls, IReadOnlyList<PricePoint> prices)
    {
        Stats.RequireSorted(prices);
        return calls.Count(c => Resolve(c, prices) == PatternResult.Expired);
    }

    private enum PatternResult
    {
        Open,
        Success,
        Failure,
        Expired,
    }

    private static PatternResult Resolve(PatternCall c, IReadOnlyList<PricePoint> prices)
    {
        if (c.Direction == 0 || prices.Count == 0)
        {
            return PatternResult.Open;
        }

        var dir = Math.Sign(c.Direction);
        var due = c.TsEvent + c.HoldingSeconds * EventTime.NanosPerSecond;
        for (var i = Stats.IndexAtOrBefore(prices, c.TsEvent) + 1; i < prices.Count && prices[i].TsEvent <= due; i++)
        {
            var p = prices[i].Price;
            if (dir * (p - c.Target) >= 0)
            {
                return PatternResult.Success;
            }

            if (dir * (p - c.Invalidation) <= 0)
            {
                return PatternResult.Failure;
            }
        }

        return due <= prices[^1].TsEvent ? PatternResult.Expired : PatternResult.Open;
    }

    /// <summary>meso.pattern_precision: successes / resolved calls; null when none resolved.</summary>
    public static double? PatternPrecision(IReadOnlyList<PatternOutcome> outcomes) =>
        outcomes.Count == 0 ? null : (double)outcomes.Count(o => o.Success) / outcomes.Count;

    /// <summary>
    /// The random-walk chance that a resolved call succeeded: a driftless price started at the entry E touches the
    /// target before the invalidation with probability d_stop / (d_target + d_stop) = 1/(1 + R), with
    /// d_target = direction · (target − E), d_stop = direction · (E − invalidation) and R = d_target / d_stop the
    /// reward multiple (gambler's ruin). 1 when the target is already reached at the entry, 0 when the invalidation
    /// is (the target is checked first, as in resolution); null when the entry is unknown.
    /// </summary>
    public static double? PatternChance(PatternOutcome outcome)
    {
        var c = outcome.Call;
        var dir = Math.Sign(c.Direction);
        var toTarget = dir * (c.Target - outcome.Entry);
        var toStop = dir * (outcome.Entry - c.Invalidation);
        if (dir == 0 || !double.IsFinite(toTarget) || !double.IsFinite(toStop))
        {
            return null;
        }

        return toTarget <= 0 ? 1 : toStop <= 0 ? 0 : toStop / (toTarget + toStop);
    }

    /// <summary>meso.pattern_precision_chance: mean <see cref="PatternChance"/> over the resolved calls that have one; null when none.</summary>
    public static double? PatternPrecisionChance(IReadOnlyList<PatternOutcome> outcomes) =>
        Stats.Mean(outcomes.Select(PatternChance).OfType<double>().ToArray());

    /// <summary>A large move found ex post: its start time and sign.</summary>
    public readonly record struct LargeMove(long TsEvent, int Direction);

    /// <summary>
    /// Large moves on a regular price grid: at index i, the move P[i+m] − P[i] over m = holding / step points is large
    /// when |move| &gt; k · ATR_i · √m, with ATR_i = mean |ΔP| over the <paramref name="atrPoints"/> steps ending at i
    /// (trailing, close-to-close). Consecutive large starts with the same sign are one move, dated at the first.
    /// </summary>
    public static IReadOnlyList<LargeMove> LargeMoves(IReadOnlyList<PricePoint> prices, long holdingSeconds, double k, int atrPoints)
    {
        Stats.RequireSorted(prices);
        var moves = new List<LargeMove>();
        if (prices.Count < 2)
        {
            return moves;
        }

        var step = prices[1].TsEvent - prices[0].TsEvent;
        if (step <= 0)
        {
            throw new ArgumentException("prices must be on a regular grid with a positive step");
        }

        var m = (int)Math.Max(1, Math.Round((double)holdingSeconds * EventTime.NanosPerSecond / step));
        var previous = 0;
        for (var i = atrPoints; i + m < prices.Count; i++)
        {
            var atr = 0.0;
            for (var j = i - atrPoints + 1; j <= i; j++)
            {
                atr += Math.Abs(prices[j].Price - prices[j - 1].Price);
            }

            atr /= atrPoints;
            var move = prices[i + m].Price - prices[i].Price;
            var sign = Math.Abs(move) > k * atr * Math.Sqrt(m) ? Math.Sign(move) : 0;
            if (sign != 0 && sign != previous)
            {
                moves.Add(new LargeMove(prices[i].TsEvent, sign));
            }

            previous = sign;
        }

        return moves;
    }

    /// <summary>
    /// meso.pattern_recall: the share of ex-post large moves preceded, within <paramref name="leadSeconds"/> up to
    /// and including the move's start, by a pattern call in the move's direction. Null when there is no large move.
    /// </summary>
    public static AccuracyResult PatternRecall(IReadOnlyList<PatternCall> calls, IReadOnlyList<LargeMove> moves, long leadSeconds)
    {
        var covered = moves.Count(mv => calls.Any(c =>
            Math.Sign(c.Direction) == mv.Direction && c.TsEvent <= mv.TsEvent && c.TsEvent >= mv.TsEvent - leadSeconds * EventTime.NanosPerSecond));
        return new AccuracyResult(moves.Count == 0 ? null : (double)covered / moves.Count, moves.Count, 0);
    }

    /// <summary>
    /// meso.conditional_accuracy: 1 − Σ_g (n_g / N) · |mean p_g − success rate_g| over the (pattern, regime) groups
    /// of resolved calls with a probability. 1 = P(outcome | pattern, regime) matched the frequencies; null when none.
    /// </summary>
    public static double? ConditionalAccuracy(IReadOnlyList<PatternOutcome> outcomes)
    {
        var valid = outcomes.Where(o => double.IsFinite(o.Call.Probability)).ToArray();
        if (valid.Length == 0)
        {
            return null;
        }

        var gap = valid.GroupBy(o => (o.Call.Pattern, o.Call.Regime))
            .Sum(g => g.Count() * Math.Abs(g.Average(o => o.Call.Probability) - g.Average(o => o.Success ? 1.0 : 0.0)));
        return 1 - gap / valid.Length;
    }

    /// <summary>Brier score of the pattern probabilities against the resolved outcomes (companion of conditional accuracy).</summary>
    public static double? ConditionalBrier(IReadOnlyList<PatternOutcome> outcomes) =>
        IntegratedMetrics.Brier(outcomes.Select(o => new ProbabilityOutcome(o.Call.Probability, o.Success)).ToArray());

    // ---------------------------------------------------------------- micro

    /// <summary>
    /// Micro metrics over calls whose duration ends inside the data (mid P(x) = the last price at or before x):
    /// flow_toxicity_score = Spearman(toxicity, |P(t+d)/P(t) − 1|) over calls with a finite toxicity;
    /// execution_alpha_bps = mean of direction · (P(t+d)/P(t) − 1) · 10⁴ over calls with a direction;
    /// signal_latency_ms = median time to the first price in (t, t+d] with direction · (P/P(t) − 1) · 10⁴ ≥
    /// <paramref name="latencyBps"/>, over the calls that got there (latency_hit_rate = that share).
    /// </summary>
    public static MicroResult Micro(IReadOnlyList<MicroCall> calls, IReadOnlyList<PricePoint> mids, double latencyBps = 2) =>
        Micro([(calls, mids)], latencyBps);

    /// <summary>
    /// <see cref="Micro(IReadOnlyList{MicroCall}, IReadOnlyList{PricePoint}, double)"/> pooled over several series
    /// (symbols, captures): each call is judged on its own series' mids, then every statistic is taken over all calls.
    /// </summary>
    public static MicroResult Micro(IReadOnlyList<(IReadOnlyList<MicroCall> Calls, IReadOnlyList<PricePoint> Mids)> series, double latencyBps = 2)
    {
        var tox = new List<double>();
        var absMove = new List<double>();
        var alpha = new List<double>();
        var latencies = new List<double>();
        int directional = 0, judged = 0;
        foreach (var (calls, mids) in series)
        {
            Stats.RequireSorted(mids);
            foreach (var c in calls)
            {
                var a = Stats.IndexAtOrBefore(mids, c.TsEvent);
                var end = c.TsEvent + c.DurationSeconds * EventTime.NanosPerSecond;
                if (a < 0 || mids.Count == 0 || end > mids[^1].TsEvent)
                {
                    continue;
                }

                judged++;
                var p0 = mids[a].Price;
                var move = mids[Stats.IndexAtOrBefore(mids, end)].Price / p0 - 1;
                if (double.IsFinite(c.Toxicity))
                {
                    tox.Add(c.Toxicity);
                    absMove.Add(Math.Abs(move));
                }

                if (c.Direction == 0)
                {
                    continue;
                }

                var dir = Math.Sign(c.Direction);
                directional++;
                alpha.Add(dir * move * 1e4);
                for (var i = a + 1; i < mids.Count && mids[i].TsEvent <= end; i++)
                {
                    if (mids[i].TsEvent > c.TsEvent && dir * (mids[i].Price / p0 - 1) * 1e4 >= latencyBps - 1e-9)
                    {
                        latencies.Add((mids[i].TsEvent - c.TsEvent) / 1e6);
                        break;
                    }
                }
            }
        }

        return new MicroResult(
            Stats.Spearman(tox, absMove),
            Stats.Mean(alpha),
            Stats.Median(latencies),
            directional == 0 ? null : (double)latencies.Count / directional,
            judged);
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>Points a..b spanning [from, to]: a = last at or before from, b = last at or before to; null when the
    /// span starts before the data, ends after it, or has fewer than two points.</summary>
    internal static (int A, int B)? Window(IReadOnlyList<PricePoint> prices, long from, long to)
    {
        if (prices.Count == 0 || to > prices[^1].TsEvent || from < prices[0].TsEvent)
        {
            return null;
        }

        var a = Stats.IndexAtOrBefore(prices, from);
        var b = Stats.IndexAtOrBefore(prices, to);
        return b - a >= 1 ? (a, b) : null;
    }

    /// <summary>
    /// The volatility reference of a call at <paramref name="ts"/> with horizon <paramref name="h"/> (ns): the windows
    /// [ts − k·h, ts − (k − 1)·h], k = 1..TrailingWindows, that lie inside the data and hold at least two returns.
    /// </summary>
    internal static List<(int A, int B)> TrailingWindows(IReadOnlyList<PricePoint> prices, long ts, long h, RegimeCheckOptions options)
    {
        var windows = new List<(int A, int B)>(options.TrailingWindows);
        for (var k = 1; k <= options.TrailingWindows; k++)
        {
            if (Window(prices, ts - k * h, ts - (k - 1) * h) is { } tw && tw.B - tw.A >= 2)
            {
                windows.Add(tw);
            }
        }

        return windows;
    }

    private static double[] LogReturns(IReadOnlyList<PricePoint> prices, int a, int b)
    {
        var r = new double[b - a];
        for (var i = a + 1; i <= b; i++)
        {
            r[i - a - 1] = Math.Log(prices[i].Price / prices[i - 1].Price);
        }

        return r;
    }

    private static double PopulationVariance(IReadOnlyList<double> xs)
    {
        if (xs.Count == 0)
        {
            return 0;
        }

        var mean = xs.Average();
        return xs.Sum(x => (x - mean) * (x - mean)) / xs.Count;
    }

    private static double PopulationStd(IReadOnlyList<double> xs) => Math.Sqrt(PopulationVariance(xs));

    private static double Floor(double variance) => Math.Max(variance, 1e-20);
}

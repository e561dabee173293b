using Hrm.Protocol;
using Hrm.Signals.Numerics;

namespace Hrm.Signals.Evaluation.Metrics;

/// <summary>
/// Meso's pattern calls judged from the prices after them: resolution, precision against chance, recall of large
/// moves, conditional accuracy and Brier. Prices must be sorted by event time; times are Unix nanoseconds.
/// </summary>
public static class MesoJudge
{
    /// <summary>
    /// Resolves pattern calls on the prices strictly after the call: the first price at or beyond the target →
    /// success; at or beyond the invalidation → failure. A call whose holding time runs out with neither touched
    /// expired (<see cref="ExpiredPatterns"/>) and is no trial, as in <c>OutcomeBook</c>: a driftless price touches
    /// R·risk before 1·risk with probability 1/(1 + R) only among calls that touch one of them. Calls with direction 0,
    /// or still open when the data ends, are left out.
    /// </summary>
    public static IReadOnlyList<PatternOutcome> ResolvePatterns(IReadOnlyList<PatternCall> calls, IReadOnlyList<PricePoint> prices)
    {
        PriceWindows.RequireSorted(prices);
        return calls.Select(c => (Call: c, Result: Resolve(c, prices)))
            .Where(r => r.Result is PatternResult.Success or PatternResult.Failure)
            .Select(r => new PatternOutcome(r.Call, r.Result == PatternResult.Success,
                PriceWindows.IndexAtOrBefore(prices, r.Call.TsEvent) is var i and >= 0 ? prices[i].Price : double.NaN))
            .ToArray();
    }

    /// <summary>Calls whose holding time ran out, inside the data, with neither target nor invalidation touched.</summary>
    public static int ExpiredPatterns(IReadOnlyList<PatternCall> calls, IReadOnlyList<PricePoint> prices)
    {
        PriceWindows.RequireSorted(prices);
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
        for (var i = PriceWindows.IndexAtOrBefore(prices, c.TsEvent) + 1; i < prices.Count && prices[i].TsEvent <= due; i++)
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
        PriceWindows.RequireSorted(prices);
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
}

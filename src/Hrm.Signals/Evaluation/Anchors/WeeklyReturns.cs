using Hrm.Protocol;
namespace Hrm.Signals.Evaluation.Anchors;

/// <summary>How a period's return is measured from its start and end prices P₀, P₁.</summary>
public enum ReturnKind
{
    /// <summary>P₁/P₀ − 1.</summary>
    Simple,

    /// <summary>ln(P₁/P₀).</summary>
    Log,
}

/// <summary>
/// One calendar period [Start, End) (Unix ns) and its return; <see cref="Return"/> is null when either boundary has no
/// price (see <see cref="WeeklyReturns.Resample"/>).
/// </summary>
public readonly record struct PeriodReturn(long Start, long End, double? Return);

/// <summary>
/// Calendar returns from 1h closes. Pure and deterministic: the calendar is fixed (UTC, no wall clock).
/// <para>
/// A week is Monday 00:00 UTC to the next Monday 00:00 UTC; a day is 00:00 UTC to the next 00:00 UTC. The price at a
/// boundary B is the close of the last 1h candle that ends at or before B, i.e. normally the candle that opened at
/// B − 1h (a week's closing price is the Sunday 23:00–24:00 candle's close). <b>Missing hours:</b> when the candles
/// before B are missing, the last earlier close is used if it ended at most <c>maxStale</c> before B (default 6 h);
/// otherwise B has no price and both periods that share B have a null return. Missing hours inside a period do not
/// matter: a return depends only on its two boundary prices.
/// </para>
/// </summary>
public static class WeeklyReturns
{
    public const long NanosPerDay = 24 * EventTime.NanosPerHour;
    public const long NanosPerWeek = 7 * NanosPerDay;

    /// <summary>1970-01-05 00:00 UTC, the first Monday of the Unix epoch: weeks are aligned to it.</summary>
    public const long MondayAnchor = 4 * NanosPerDay;

    /// <summary>The default staleness allowed for a boundary price: 6 hours.</summary>
    public const long DefaultMaxStale = 6 * EventTime.NanosPerHour;

    /// <summary>Monday-to-Monday UTC weekly returns (see the class remarks).</summary>
    public static IReadOnlyList<PeriodReturn> Weekly(IReadOnlyList<PricePoint> closes, ReturnKind kind, long maxStale = DefaultMaxStale) =>
        Resample(closes, NanosPerWeek, MondayAnchor, kind, maxStale);

    /// <summary>Midnight-to-midnight UTC daily returns (see the class remarks).</summary>
    public static IReadOnlyList<PeriodReturn> Daily(IReadOnlyList<PricePoint> closes, ReturnKind kind, long maxStale = DefaultMaxStale) =>
        Resample(closes, NanosPerDay, 0, kind, maxStale);

    /// <summary>
    /// Returns over the consecutive periods [B_j, B_j + period), B_j = anchor + j·period, from the first boundary at or
    /// after the first close to the last boundary at or before the last close. r_j = P(B_{j+1})/P(B_j) − 1 (simple) or
    /// ln(P(B_{j+1})/P(B_j)) (log), null when a boundary has no price.
    /// </summary>
    /// <param name="closes">1h closes stamped at the candle's close time (open + 1h), sorted by time, positive prices.</param>
    /// <param name="period">Period length in ns.</param>
    /// <param name="anchor">Any boundary (ns): boundaries are anchor + j·period.</param>
    /// <param name="kind">Simple or log returns.</param>
    /// <param name="maxStale">Largest allowed age (ns) of the close used as a boundary price.</param>
    public static IReadOnlyList<PeriodReturn> Resample(IReadOnlyList<PricePoint> closes, long period, long anchor, ReturnKind kind, long maxStale = DefaultMaxStale)
    {
        if (period <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(period), "the period must be positive");
        }

        if (maxStale < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxStale), "the staleness must be 0 or more");
        }

        Metrics.PriceWindows.RequireSorted(closes);
        if (closes.Count == 0)
        {
            return [];
        }

        var first = CeilingBoundary(closes[0].TsEvent, period, anchor);
        var last = FloorBoundary(closes[^1].TsEvent, period, anchor);
        var result = new List<PeriodReturn>();
        var index = -1;
        double? previous = PriceAt(closes, first, maxStale, ref index);
        for (var start = first; start + period <= last; start += period)
        {
            var end = start + period;
            var price = PriceAt(closes, end, maxStale, ref index);
            double? r = previous is { } p0 && price is { } p1
                ? kind == ReturnKind.Simple ? p1 / p0 - 1 : Math.Log(p1 / p0)
                : null;
            result.Add(new PeriodReturn(start, end, r));
            previous = price;
        }

        return result;
    }

    /// <summary>
    /// The return over periods start..end−1 compounded from the one-period returns: Π(1 + r) − 1 (simple) or Σ r (log);
    /// null when any of them is null or the range is empty or out of bounds.
    /// </summary>
    public static double? Compound(IReadOnlyList<PeriodReturn> returns, int start, int end, ReturnKind kind)
    {
        if (start < 0 || end > returns.Count || start >= end)
        {
            return null;
        }

        var acc = kind == ReturnKind.Simple ? 1.0 : 0.0;
        for (var i = start; i < end; i++)
        {
            if (returns[i].Return is not { } r)
            {
                return null;
            }

            acc = kind == ReturnKind.Simple ? acc * (1 + r) : acc + r;
        }

        return kind == ReturnKind.Simple ? acc - 1 : acc;
    }

    /// <summary>The close of the last candle ending at or before <paramref name="boundary"/>, if at most maxStale old.</summary>
    private static double? PriceAt(IReadOnlyList<PricePoint> closes, long boundary, long maxStale, ref int index)
    {
        while (index + 1 < closes.Count && closes[index + 1].TsEvent <= boundary)
        {
            index++;
        }

        return index >= 0 && boundary - closes[index].TsEvent <= maxStale ? closes[index].Price : null;
    }

    private static long FloorBoundary(long ts, long period, long anchor)
    {
        var offset = ts - anchor;
        var q = offset / period;
        if (offset % period < 0)
        {
            q--;
        }

        return anchor + q * period;
    }

    private static long CeilingBoundary(long ts, long period, long anchor)
    {
        var floor = FloorBoundary(ts, period, anchor);
        return floor == ts ? floor : floor + period;
    }
}

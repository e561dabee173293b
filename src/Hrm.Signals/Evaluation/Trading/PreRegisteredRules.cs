using Hrm.Signals.Evaluation.Anchors;

namespace Hrm.Signals.Evaluation.Trading;

/// <summary>
/// The two rules fixed before any result was seen (docs/EVALUATION.md, "Baselines"; they are not tuned, and their
/// constants must not change to make a result look better). Both trade the whole capital like buy-and-hold, scaled to
/// a volatility target, and read the macro layer's features (<see cref="TrendFeatures"/>), so they run alike on
/// candles and on captures warmed up with candle history.
/// <list type="bullet">
/// <item><b>vol_target_long</b>: long min(1, σ*/σ̂), σ* = 40 % a year (the target of Moskowitz, Ooi &amp; Pedersen
/// 2012), σ̂ = the 30-day annualised volatility; rebalanced when the target moves 0.1 or more from the position held
/// (a no-trade band, so it does not pay fees on noise).</item>
/// <item><b>tsmom</b>: at the first decision of every UTC week (Monday 00:00) and of every scored window,
/// position = mean(sign(r_1w), sign(r_4w)) × min(1, σ*/σ̂): lookbacks one and four weeks (Liu &amp; Tsyvinski 2021
/// find the current week's return predicts the next one to four; four weeks is the longest lookback our macro
/// layer keeps), held until the next week.</item>
/// </list>
/// </summary>
public static class PreRegisteredRules
{
    public const double TargetVolatility = 0.40;
    public const double RebalanceBand = 0.1;

    /// <summary>min(1, σ*/σ̂), 0 when the volatility is unknown.</summary>
    public static double VolatilityScale(double annualVolatility) =>
        annualVolatility > 0 && double.IsFinite(annualVolatility) ? Math.Min(1, TargetVolatility / annualVolatility) : 0;

    /// <summary>The UTC week a time falls in: the anchor's weeks (<see cref="WeeklyReturns.MondayAnchor"/>), Monday 00:00 on.</summary>
    public static long Week(long tsEvent)
    {
        var since = tsEvent - WeeklyReturns.MondayAnchor;
        return since >= 0 ? since / WeeklyReturns.NanosPerWeek : (since - WeeklyReturns.NanosPerWeek + 1) / WeeklyReturns.NanosPerWeek;
    }

    public static IReadOnlyList<PositionTarget> VolTargetLong(IEnumerable<LayerReading> readings)
    {
        var targets = new List<PositionTarget>();
        var held = 0.0;
        foreach (var r in readings)
        {
            var want = VolatilityScale(r.Trend.Vol30d);
            if (Math.Abs(want - held) < RebalanceBand && !(want == 0 && held != 0))
            {
                continue;
            }

            held = want;
            targets.Add(Target(r, want));
        }

        return targets;
    }

    public static IReadOnlyList<PositionTarget> TimeSeriesMomentum(IEnumerable<LayerReading> readings)
    {
        var targets = new List<PositionTarget>();
        long? week = null;
        var held = 0.0;
        foreach (var r in readings)
        {
            var now = Week(r.TsEvent);
            if (week == now)
            {
                continue;
            }

            week = now;
            var want = (Sign(r.Trend.Mom1w) + Sign(r.Trend.Mom4w)) / 2.0 * VolatilityScale(r.Trend.Vol30d);
            if (Math.Abs(want - held) <= TradeSimulator.Epsilon)
            {
                continue;
            }

            held = want;
            targets.Add(Target(r, want));
        }

        return targets;
    }

    private static int Sign(double x) => double.IsFinite(x) ? Math.Sign(x) : 0;

    private static PositionTarget Target(LayerReading r, double position) =>
        new(r.TsEvent, position, 0, double.NaN, double.NaN, r.Regime, double.NaN);
}

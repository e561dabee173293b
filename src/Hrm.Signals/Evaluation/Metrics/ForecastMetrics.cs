using Hrm.Protocol;
using Hrm.Signals.Evaluation.Labels;
using Hrm.Signals.Numerics;

namespace Hrm.Signals.Evaluation.Metrics;

/// <summary>
/// A strategy's forecast in force at one decision time and the label it is judged on: its signed score (+ expects a
/// rise; 0 = no view), its probability that the price rises over the horizon (NaN when it states none), and the
/// climatology base rate of a rise known before the test window (NaN when none).
/// </summary>
public readonly record struct ForecastPoint(long TsEvent, double Score, double ProbabilityUp, double BaseRate, ForwardLabel Label);

/// <summary>How a strategy's forecasts did at one horizon (docs/EVALUATION.md, "Forecast metrics"). Null = undefined.</summary>
public sealed record HorizonMetrics
{
    public required Horizon Horizon { get; init; }

    /// <summary>Decision times with a known label; <see cref="Points"/>: those with a view (score ≠ 0) and a known σ.</summary>
    public int Decisions { get; init; }

    public int Points { get; init; }

    /// <summary>Points / decisions with a known label: how often the strategy has a view.</summary>
    public double? Coverage { get; init; }

    /// <summary>Spearman rank correlation of the score and the volatility-scaled label.</summary>
    public double? InformationCoefficient { get; init; }

    /// <summary>HAC (Bartlett, bandwidth 2h on event time) standard error of the IC.</summary>
    public double? IcStandardError { get; init; }

    public double? IcT { get; init; }

    /// <summary>Share of points whose score has the sign of the return (a zero return counts as a miss).</summary>
    public double? HitRate { get; init; }

    /// <summary>Mean of sign(score) × return, in basis points: the move in the forecast's direction before costs.</summary>
    public double? MeanSignedReturnBps { get; init; }

    public int BrierN { get; init; }
    public double? BrierScore { get; init; }
    public double? BrierClimatology { get; init; }

    /// <summary>1 − Brier / climatology: &gt; 0 beats always forecasting the base rate.</summary>
    public double? BrierSkill { get; init; }

    /// <summary>Mean climatology base rate over the Brier points.</summary>
    public double? BaseRate { get; init; }

    public CalibrationLine? Calibration { get; init; }
    public IReadOnlyList<ReliabilityBin> Reliability { get; init; } = [];
}

/// <summary>
/// Forecast metrics of one strategy at one horizon, on the labels of <see cref="ForwardLabels"/>. Pure functions.
/// <list type="bullet">
/// <item>IC: Spearman(score, r/σ) over points with a view; its standard error is the HAC standard error of the mean
/// of the standardised-rank products (their mean is the IC), with bandwidth twice the horizon, so overlapping labels
/// and correlated symbols at the same time do not pass for independent evidence.</item>
/// <item>Brier: over points with a probability, (p_up − 1{r &gt; 0})², against each point's own climatology base rate
/// on the same event (the train window's share of rises at this horizon).</item>
/// </list>
/// </summary>
public static class ForecastMetrics
{

    public static HorizonMetrics Compute(Horizon horizon, IReadOnlyList<ForecastPoint> points)
    {
        var known = points.Where(p => p.Label.IsKnown).ToArray();
        var viewed = known.Where(p => p.Score != 0 && double.IsFinite(p.Score) && double.IsFinite(p.Label.Scaled)).ToArray();
        var (ic, se) = RankIc(viewed.Select(p => p.Score).ToArray(), viewed.Select(p => p.Label.Scaled).ToArray(),
            viewed.Select(p => p.TsEvent).ToArray(), 2 * horizon.Seconds * EventTime.NanosPerSecond);
        var probable = known.Where(p => double.IsFinite(p.ProbabilityUp) && double.IsFinite(p.BaseRate)).ToArray();
        var outcomes = probable.Select(p => new ProbabilityOutcome(p.ProbabilityUp, p.Label.Up!.Value)).ToArray();
        var brier = IntegratedMetrics.Brier(outcomes);
        double? climatology = probable.Length == 0 ? null : probable.Average(p => Sq(p.BaseRate - (p.Label.Up!.Value ? 1 : 0)));
        return new HorizonMetrics
        {
            Horizon = horizon,
            Decisions = known.Length,
            Points = viewed.Length,
            Coverage = known.Length == 0 ? null : (double)viewed.Length / known.Length,
            InformationCoefficient = ic,
            IcStandardError = se,
            IcT = ic is { } i && se is { } s && s > 0 ? i / s : null,
            HitRate = viewed.Length == 0 ? null : (double)viewed.Count(p => Math.Sign(p.Score) == Math.Sign(p.Label.Return)) / viewed.Length,
            MeanSignedReturnBps = viewed.Length == 0 ? null : viewed.Average(p => Math.Sign(p.Score) * p.Label.Return) * 1e4,
            BrierN = probable.Length,
            BrierScore = brier,
            BrierClimatology = climatology,
            BrierSkill = brier is { } b && climatology is { } c && c > 0 ? 1 - b / c : null,
            BaseRate = probable.Length == 0 ? null : probable.Average(p => p.BaseRate),
            Calibration = CalibrationFit.Fit(outcomes),
            Reliability = outcomes.Length == 0 ? [] : IntegratedMetrics.Reliability(outcomes),
        };
    }

    /// <summary>
    /// Spearman's IC and its HAC standard error: with z the ranks standardised by their population standard
    /// deviation, IC = mean(z_x · z_y) exactly, so its error is that of a mean (<see cref="HacStandardError"/>).
    /// Null when fewer than three pairs or a side is constant.
    /// </summary>
    public static (double? Ic, double? StandardError) RankIc(IReadOnlyList<double> scores, IReadOnlyList<double> labels,
        IReadOnlyList<long> times, long bandwidthNanos)
    {
        if (scores.Count < 3)
        {
            return (null, null);
        }

        var zx = Standardise(Stats.Ranks(scores));
        var zy = Standardise(Stats.Ranks(labels));
        if (zx is null || zy is null)
        {
            return (null, null);
        }

        var products = zx.Zip(zy, (a, b) => a * b).ToArray();
        return (products.Average(), HacStandardError.OfMean(products, times, bandwidthNanos));
    }

    private static double[]? Standardise(double[] xs)
    {
        var mean = xs.Average();
        var sd = Math.Sqrt(xs.Average(x => Sq(x - mean)));
        return sd > 0 ? xs.Select(x => (x - mean) / sd).ToArray() : null;
    }

    private static double Sq(double x) => x * x;
}

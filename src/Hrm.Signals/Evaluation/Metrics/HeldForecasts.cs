using Hrm.Protocol;
using Hrm.Protocol.Layers;
using Hrm.Signals.Evaluation.Trading;

namespace Hrm.Signals.Evaluation.Metrics;

/// <summary>
/// A forecast a strategy states at <see cref="TsEvent"/>: a signed score, its probability of a rise (NaN when it
/// states none), and how long it stands (0 = until the next one).
/// </summary>
public readonly record struct StatedForecast(long TsEvent, double Score, double ProbabilityUp, long HoldingSeconds);

/// <summary>
/// The forecast each strategy holds at every decision time, so the hierarchy and every baseline are judged on one
/// grid: the last forecast stated at or before t, while its holding period lasts (then no view, score 0). Stops and
/// take profits are not applied: they depend on the prices the label is made of.
/// </summary>
public static class HeldForecasts
{

    /// <summary>The hierarchy: score = direction × confidence, P(up) = 0.5 + direction × confidence / 2.</summary>
    public static IReadOnlyList<StatedForecast> FromSignals(IEnumerable<AlphaSignal> signals) =>
        signals.Select(s => s.Direction == 0
                ? new StatedForecast(s.TsEvent, 0, double.NaN, 0)
                : new StatedForecast(s.TsEvent, Math.Sign(s.Direction) * s.Confidence,
                    0.5 + Math.Sign(s.Direction) * s.Confidence / 2, s.HoldingPeriodSeconds))
            .ToArray();

    /// <summary>A baseline: score = its target position; it states no probability of a rise.</summary>
    public static IReadOnlyList<StatedForecast> FromTargets(IEnumerable<PositionTarget> targets) =>
        targets.Select(t => new StatedForecast(t.TsEvent, t.Position, double.NaN, t.HoldingSeconds)).ToArray();

    /// <summary>The forecast in force at each of <paramref name="times"/> (both sorted ascending).</summary>
    public static (double Score, double ProbabilityUp)[] At(IReadOnlyList<StatedForecast> stated, IReadOnlyList<long> times)
    {
        var held = new (double, double)[times.Count];
        var next = 0;
        StatedForecast? current = null;
        for (var i = 0; i < times.Count; i++)
        {
            while (next < stated.Count && stated[next].TsEvent <= times[i])
            {
                current = stated[next++];
            }

            held[i] = current is { } c && (c.HoldingSeconds == 0 || times[i] < c.TsEvent + c.HoldingSeconds * EventTime.NanosPerSecond)
                ? (c.Score, c.ProbabilityUp)
                : (0, double.NaN);
        }

        return held;
    }
}

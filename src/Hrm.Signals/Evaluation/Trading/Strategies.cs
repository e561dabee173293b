using Hrm.Protocol.Layers;

namespace Hrm.Signals.Evaluation.Trading;

/// <summary>
/// Position-target streams for the hierarchy and its baselines (docs/EVALUATION.md, "Trading simulation"). The
/// baselines size within the same cap and hold for the same time as the hierarchy, have no stop or take profit, and
/// emit a target only when their position changes (as the integrator emits only on change).
/// </summary>
public static class Strategies
{
    public const string Hierarchy = "hierarchy";
    public const string BuyAndHold = "buy_and_hold";
    public const string MacroAlone = "macro_alone";
    public const string MesoAlone = "meso_alone";
    public const string MicroAlone = "micro_alone";
    public const string NaiveAverage = "naive_average";
    public const string TimeSeriesMomentum = "tsmom";
    public const string VolTargetLong = "vol_target_long";
    public const string Placebo = "random_sign_placebo";

    /// <summary>What the hierarchy's signals come from today: the hand-set log-odds integrator (<c>SignalIntegrator</c>).</summary>
    public const string HierarchyIntegrator = "hand_set";

    /// <summary>The baselines, in report order (buy-and-hold, reported with them, comes last).</summary>
    public static IReadOnlyList<string> Baselines { get; } =
        [MacroAlone, MesoAlone, MicroAlone, NaiveAverage, TimeSeriesMomentum, VolTargetLong, Placebo];

    /// <summary>
    /// One target per signal: position = direction × size, the signal's holding period, stop and take profit (none
    /// when flat), its regime, and p = 0.5 + confidence / 2, the probability the call in the signal's direction is right
    /// (NaN when flat: there is no call).
    /// </summary>
    public static IReadOnlyList<PositionTarget> FromSignals(IEnumerable<AlphaSignal> signals) =>
        signals.Select(s => s.Direction == 0
                ? new PositionTarget(s.TsEvent, 0, 0, double.NaN, double.NaN, s.Regime, double.NaN)
                : new PositionTarget(s.TsEvent, Math.Sign(s.Direction) * Math.Abs(s.Size), s.HoldingPeriodSeconds,
                    s.StopLoss, s.TakeProfit, s.Regime, 0.5 + s.Confidence / 2))
            .ToArray();

    /// <summary>
    /// Long 1 (the whole capital) from the first price to the last: one target stamped just before the first price, so
    /// that it fills there; the simulator closes it at the end of the data.
    /// </summary>
    public static IReadOnlyList<PositionTarget> BuyAndHoldTargets(IReadOnlyList<PriceBar> bars) =>
        bars.Count == 0 ? [] : [new PositionTarget(bars[0].TsEvent - 1, 1, 0, double.NaN, double.NaN, "none", double.NaN)];

    /// <summary>
    /// The targets of one baseline (<see cref="Baselines"/>) from the recorded layer readings (the placebo, built from
    /// the hierarchy's signals, is <see cref="RandomSignPlacebo"/>).
    /// </summary>
    public static IReadOnlyList<PositionTarget> Baseline(string name, IReadOnlyList<LayerReading> readings)
    {
        if (name == TimeSeriesMomentum) return PreRegisteredRules.TimeSeriesMomentum(readings);
        if (name == VolTargetLong) return PreRegisteredRules.VolTargetLong(readings);
        Func<LayerReading, (double Position, double Probability)> rule = name switch
        {
            MacroAlone => MacroRule,
            MesoAlone => MesoRule,
            MicroAlone => MicroRule,
            NaiveAverage => NaiveRule,
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a baseline"),
        };
        var targets = new List<PositionTarget>();
        var last = 0.0;
        foreach (var r in readings)
        {
            var (position, probability) = rule(r);
            if (Math.Abs(position - last) <= TradeSimulator.Epsilon) continue;
            last = position;
            targets.Add(new PositionTarget(r.TsEvent, position, position == 0 ? 0 : r.HoldingSeconds, double.NaN,
                double.NaN, r.Regime, position == 0 ? double.NaN : probability));
        }

        return targets;
    }

    /// <summary>Macro alone: trend direction × strength × cap when trending, flat otherwise.</summary>
    public static (double Position, double Probability) MacroRule(LayerReading r) =>
        (r.MacroDirection * r.MacroStrength * Cap(r), double.NaN);

    /// <summary>
    /// Meso alone: the pattern's direction, sized by its edge over a coin flip, (2p − 1) × cap (flat when p ≤ 0.5);
    /// its probability is the pattern's.
    /// </summary>
    public static (double Position, double Probability) MesoRule(LayerReading r) =>
        (r.MesoDirection * Math.Clamp(2 * r.MesoProbability - 1, 0, 1) * Cap(r), r.MesoProbability);

    /// <summary>Micro alone: the sign of the net micro score, at the full cap.</summary>
    public static (double Position, double Probability) MicroRule(LayerReading r) =>
        (Math.Sign(r.MicroScore) * Cap(r), double.NaN);

    /// <summary>Naive average: the sign of the mean of the three directions (macro, meso, micro sign), at the full cap.</summary>
    public static (double Position, double Probability) NaiveRule(LayerReading r) =>
        (Math.Sign(r.MacroDirection + r.MesoDirection + Math.Sign(r.MicroScore)) * Cap(r), double.NaN);

    private static double Cap(LayerReading r) => Math.Clamp(r.SizeCap, 0, 1);
}

using Hrm.Protocol.Layers;
using Hrm.Signals.Integration;
using Hrm.Signals.Meso;

namespace Hrm.Signals.Evaluation.Metrics;

/// <summary>
/// The layers' claims, read off the <see cref="LayerOutputs"/> an entity published at its decision ticks (sorted by
/// event time), in the form the judges (<see cref="MacroJudge"/>, <see cref="MesoJudge"/>, <see cref="MicroJudge"/>) take them, plus the price series those ticks saw. One symbol
/// at a time: the rules below compare each tick with the one before.
/// </summary>
public static class LayerCalls
{
    /// <summary>The reference price at each tick (the price the integrator decided on); ticks without one are left out.</summary>
    public static IReadOnlyList<PricePoint> Prices(IReadOnlyList<LayerOutputs> outputs) =>
        outputs.Where(o => o.ReferencePrice > 0).Select(o => new PricePoint(o.TsEvent, o.ReferencePrice)).ToArray();

    /// <summary>
    /// A regime call when the claimed (regime, trend direction) changes, and again each time the claim has stood for
    /// its own horizon (the macro timeframe): long regimes are judged window after window, without the overlapping
    /// windows that a call per tick would count many times over.
    /// </summary>
    public static IReadOnlyList<RegimeCall> Regimes(IReadOnlyList<LayerOutputs> outputs)
    {
        var calls = new List<RegimeCall>();
        RegimeCall? last = null;
        foreach (var o in outputs)
        {
            if (o.Macro is not { } macro) continue;
            var regime = macro.Regime;
            var direction = macro.Regime == Regime.Trending ? SignalIntegrator.TrendDirection(macro) : 0;
            var horizon = macro.TimeframeHours * 3600L;
            var changed = last is not { } l || l.Regime != regime || l.Direction != direction;
            if (!changed && o.TsEvent - last!.Value.TsEvent < last.Value.HorizonSeconds * 1_000_000_000L) continue;
            last = new RegimeCall(o.TsEvent, regime, direction, horizon);
            calls.Add(last.Value);
        }

        return calls;
    }

    /// <summary>
    /// A pattern call when a directional pattern appears or changes (name or direction; the levels a standing pattern
    /// trails bar after bar do not make a new call): target =
    /// reference + direction · R · |reference − invalidation| with the integrator's reward multiple R (and its mirror
    /// rule when the invalidation sits on the wrong side), the pattern's holding time and probability, and the macro
    /// regime it was read under.
    /// </summary>
    public static IReadOnlyList<PatternCall> Patterns(IReadOnlyList<LayerOutputs> outputs)
    {
        var calls = new List<PatternCall>();
        MesoSignal? last = null;
        foreach (var o in outputs)
        {
            var meso = o.Meso;
            var active = meso is { Direction: not 0 } && meso.Pattern != MesoParameters.None && o.ReferencePrice > 0;
            if (active && !SamePattern(meso!, last))
            {
                var direction = Math.Sign(meso!.Direction);
                var risk = Math.Abs(o.ReferencePrice - meso.Invalidation.Price);
                var stop = o.ReferencePrice - direction * risk;
                var target = o.ReferencePrice + direction * MesoParameters.RewardMultiple(meso.Pattern) * risk;
                if (risk > 0)
                {
                    calls.Add(new PatternCall(o.TsEvent, meso.Pattern, o.Macro?.Regime.Name() ?? "unavailable", direction,
                        target, stop, MesoParameters.HoldingSeconds(meso.Pattern), meso.Probability));
                }
            }

            last = active ? meso : null;
        }

        return calls;
    }

    /// <summary>
    /// A micro call when a directional signal appears or flips (per signal name): its direction and duration, and as
    /// toxicity the tick's |order-flow imbalance| (one measure for every call, so the ranks compare like with like).
    /// </summary>
    public static IReadOnlyList<MicroCall> Micro(IReadOnlyList<LayerOutputs> outputs)
    {
        var calls = new List<MicroCall>();
        var previous = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var o in outputs)
        {
            var now = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var s in o.Micro?.Signals ?? [])
            {
                var direction = Math.Sign(s.Direction);
                if (direction == 0 || s.DurationSeconds <= 0 || now.ContainsKey(s.Name)) continue;
                now[s.Name] = direction;
                if (previous.GetValueOrDefault(s.Name) != direction)
                {
                    calls.Add(new MicroCall(o.TsEvent, direction, s.DurationSeconds, Math.Abs(o.Micro!.OrderFlowImbalance)));
                }
            }

            previous = now;
        }

        return calls;
    }

    /// <summary>The decision-time readings the layer-alone and naive-average baselines trade on, one per tick.</summary>
    public static IReadOnlyList<Trading.LayerReading> Readings(IReadOnlyList<LayerOutputs> outputs) =>
        outputs.Select(o => Trading.LayerReading.FromLayers(o.TsEvent, o.Macro, o.Meso, o.Micro, Trading.TrendFeatures.From(o.Features))).ToArray();

    private static bool SamePattern(MesoSignal current, MesoSignal? last) =>
        last is not null && last.Pattern == current.Pattern && last.Direction == current.Direction;
}

using Hrm.Protocol.Commands;
using Hrm.Protocol.Layers;
using Hrm.Signals.Integration;
using Hrm.Signals.Layers;
using Hrm.Signals.Meso;

namespace Hrm.Signals.Evaluation.Trading;

/// <summary>
/// What the three layers said at one decision, reduced to what the single-layer and naive-average baselines use.
/// </summary>
/// <param name="Regime">Macro regime name ("unavailable" without macro); recorded on the baselines' trades.</param>
/// <param name="MacroDirection">Trend direction (−1, 0, 1) when the regime is trending, else 0.</param>
/// <param name="MacroStrength">Macro strength in [0, 1].</param>
/// <param name="MesoDirection">Direction the meso pattern implies (−1, 0, 1).</param>
/// <param name="MesoProbability">The pattern's probability of playing out, in [0, 1].</param>
/// <param name="MicroScore">Net micro score Σ sign(direction) × confidence × magnitude over the micro signals.</param>
/// <param name="SizeCap">The integrator's size cap: macro risk budget (0.25 without macro) × meso probability.</param>
/// <param name="HoldingSeconds">The integrator's holding period: the pattern's, at most the macro timeframe.</param>
/// <param name="Trend">The macro layer's momentum and volatility features (the pre-registered rules' inputs).</param>
public sealed record LayerReading(
    long TsEvent,
    string Regime,
    int MacroDirection,
    double MacroStrength,
    int MesoDirection,
    double MesoProbability,
    double MicroScore,
    double SizeCap,
    long HoldingSeconds,
    TrendFeatures Trend = default)
{
    /// <summary>
    /// The reading for these layer outputs, with the same definitions the integrator uses (trend direction from the
    /// macro drivers, net micro score, size cap, holding period), so that baselines and the hierarchy size and hold
    /// alike. A missing meso counts as no pattern (flat, p = 0.5); a missing micro as a zero score.
    /// </summary>
    public static LayerReading FromLayers(long tsEvent, MacroSignal? macro, MesoSignal? meso, MicroEvidence? micro, TrendFeatures trend = default)
    {
        var macroDirection = macro is { Regime: Protocol.Layers.Regime.Trending }
            ? SignalIntegrator.TrendDirection(macro)
            : 0;
        var score = 0.0;
        foreach (var s in micro?.Signals ?? [])
            if (s.Direction != 0) score += Math.Sign(s.Direction) * s.Confidence * s.Magnitude;
        var mesoProbability = meso?.Probability ?? 0.5;
        var holding = MesoParameters.HoldingSeconds(meso?.Pattern ?? MesoParameters.None);
        if (macro is not null) holding = Math.Min(holding, macro.TimeframeHours * 3600L);
        return new LayerReading(tsEvent, macro is null ? "unavailable" : macro.Regime.Name(), macroDirection,
            Math.Clamp(macro?.Strength ?? 0, 0, 1), Math.Sign(meso?.Direction ?? 0), mesoProbability, score,
            (macro?.RiskBudget ?? SignalIntegrator.DefaultRiskBudget) * mesoProbability, holding, trend);
    }
}

/// <summary>
/// Momentum and volatility the macro layer measured at a decision (its features <c>macro_mom_1w</c>, <c>macro_mom_4w</c>:
/// log returns over one and four weeks; <c>macro_vol_30d</c>: annualised volatility). NaN when unknown; the default
/// value (all zero) means "not recorded" and makes the rules that read it stay flat.
/// </summary>
public readonly record struct TrendFeatures(double Mom1w, double Mom4w, double Vol30d)
{
    public static TrendFeatures Unknown { get; } = new(double.NaN, double.NaN, double.NaN);

    /// <summary>The macro features of a recorded vector (<see cref="FeatureSchema"/>); unknown when none was recorded.</summary>
    public static TrendFeatures From(IReadOnlyList<double>? features)
    {
        if (features is null || features.Count < FeatureSchema.Count)
        {
            return Unknown;
        }

        var macro = FeatureSchema.Slice(LayerKind.Macro).Offset;
        return new(features[macro + FeatureSchema.Macro.Mom1w], features[macro + FeatureSchema.Macro.Mom4w],
            features[macro + FeatureSchema.Macro.Vol30d]);
    }
}

using System.Text;
using System.Text.Json;
using Hrm.Protocol.Layers;
using Hrm.Signals.Numerics;

namespace Hrm.Signals.Evaluation.Metrics;

/// <summary>macro.* metrics.</summary>
/// <param name="BestConstant">The constant regime call that would have scored best on the same windows, and its accuracy.</param>
/// <param name="NullSkill">The judged calls against their random-walk nulls (<see cref="RegimeNull"/>), overall and per claim.</param>
/// <param name="BestConstantNull">The best constant's calls against their nulls on the same windows.</param>
public sealed record MacroMetrics(
    AccuracyResult RegimeAccuracy,
    TimingResult TransitionTiming,
    (Regime Regime, AccuracyResult Accuracy)? BestConstant = null,
    RegimeNullResult? NullSkill = null,
    RegimeSkill? BestConstantNull = null);

/// <summary>
/// meso.* metrics: precision over <paramref name="Resolved"/> resolved calls (<paramref name="Expired"/> more ran
/// out of time untouched), recall over the large moves, and the precision a driftless price would have given the same
/// calls (<see cref="MesoJudge.PatternPrecisionChance"/>).
/// </summary>
public sealed record MesoMetrics(
    double? PatternPrecision,
    int Resolved,
    AccuracyResult PatternRecall,
    double? ConditionalAccuracy,
    double? ConditionalBrier,
    int Expired = 0,
    double? PatternPrecisionChance = null)
{
    /// <summary>precision − chance.</summary>
    public double? PatternPrecisionSkill => PatternPrecision - PatternPrecisionChance;
}

/// <summary>
/// One block of metrics (the overall test windows, one regime, or one baseline). Null layers = not measured;
/// <paramref name="Forecasts"/> are the forecast metrics per horizon (none per regime).
/// </summary>
public sealed record MetricsSection(
    IntegratedResult Integrated,
    MacroMetrics? Macro = null,
    MesoMetrics? Meso = null,
    MicroResult? Micro = null,
    IReadOnlyList<HorizonMetrics>? Forecasts = null);

/// <summary>
/// metrics.json: "overall", "per_regime" and "baselines". Keys are snake_case as issue 4 names them, written in a
/// fixed order (dictionary keys sorted ordinally), numbers in invariant form; an undefined metric (and any
/// non-finite number) is null.
/// </summary>
/// <param name="HierarchyHorizon">The horizon the hierarchy's signals say they hold for (the median holding period of its
/// directional signals, snapped to the nearest horizon scored): its calibration is read there.</param>
/// <param name="Placebo">The random-sign placebo over many draws (null when the hierarchy made no call).</param>
public sealed record MetricsReport(
    MetricsSection Overall,
    IReadOnlyDictionary<string, MetricsSection> PerRegime,
    IReadOnlyDictionary<string, MetricsSection> Baselines,
    string? HierarchyHorizon = null,
    PlaceboSummary? Placebo = null)
{
    /// <summary>The hierarchy's forecast metrics at <see cref="HierarchyHorizon"/>, or null.</summary>
    public HorizonMetrics? HierarchyForecast =>
        Overall.Forecasts?.FirstOrDefault(f => f.Horizon.Name == HierarchyHorizon);

    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.StringOrNull("hierarchy_integrator", Trading.Strategies.HierarchyIntegrator);
            w.StringOrNull("hierarchy_horizon", HierarchyHorizon);
            w.WritePropertyName("overall");
            WriteSection(w, Overall);
            WriteSections(w, "per_regime", PerRegime);
            WriteSections(w, "baselines", Baselines);
            WritePlacebo(w, Placebo);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteSections(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, MetricsSection> sections)
    {
        w.WriteStartObject(name);
        foreach (var key in sections.Keys.OrderBy(k => k, StringComparer.Ordinal))
        {
            w.WritePropertyName(key);
            WriteSection(w, sections[key]);
        }

        w.WriteEndObject();
    }

    private static void WriteSection(Utf8JsonWriter w, MetricsSection s)
    {
        w.WriteStartObject();
        if (s.Macro is { } macro)
        {
            w.WriteStartObject("macro");
            w.NumberOrNull("regime_accuracy", macro.RegimeAccuracy.Value);
            w.WriteNumber("regime_calls_judged", macro.RegimeAccuracy.Judged);
            w.WriteNumber("regime_calls_skipped", macro.RegimeAccuracy.Skipped);
            w.NumberOrNull("regime_null_accuracy", macro.NullSkill?.Overall.NullAccuracy);
            w.NumberOrNull("regime_skill_over_null", macro.NullSkill?.Overall.SkillOverNull);
            w.NumberOrNull("regime_skill_z", macro.NullSkill?.Overall.SkillZ);
            w.NumberOrNull("regime_accuracy_best_constant", macro.BestConstant?.Accuracy.Value);
            w.StringOrNull("regime_best_constant", macro.BestConstant?.Regime.Name());
            w.NumberOrNull("regime_null_accuracy_best_constant", macro.BestConstantNull?.NullAccuracy);
            WriteByClaim(w, macro.NullSkill);

            w.NumberOrNull("transition_timing", macro.TransitionTiming.MedianLagHours);
            w.WriteNumber("transitions", macro.TransitionTiming.LagsHours.Count);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("macro");
        }

        if (s.Meso is { } meso)
        {
            w.WriteStartObject("meso");
            w.NumberOrNull("pattern_precision", meso.PatternPrecision);
            w.NumberOrNull("pattern_precision_chance", meso.PatternPrecisionChance);
            w.NumberOrNull("pattern_precision_skill", meso.PatternPrecisionSkill);
            w.WriteNumber("patterns_resolved", meso.Resolved);
            w.WriteNumber("patterns_expired", meso.Expired);
            w.NumberOrNull("pattern_recall", meso.PatternRecall.Value);
            w.WriteNumber("large_moves", meso.PatternRecall.Judged);
            w.NumberOrNull("conditional_accuracy", meso.ConditionalAccuracy);
            w.NumberOrNull("conditional_brier", meso.ConditionalBrier);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("meso");
        }

        if (s.Micro is { } micro)
        {
            w.WriteStartObject("micro");
            w.NumberOrNull("flow_toxicity_score", micro.FlowToxicityScore);
            w.NumberOrNull("execution_alpha_bps", micro.ExecutionAlphaBps);
            w.NumberOrNull("signal_latency_ms", micro.SignalLatencyMs);
            w.NumberOrNull("signal_latency_hit_rate", micro.LatencyHitRate);
            w.WriteNumber("micro_calls_judged", micro.Judged);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("micro");
        }

        var m = s.Integrated;
        w.NumberOrNull("cumulative_alpha", m.CumulativeAlpha);
        w.NumberOrNull("excess_return_vs_buy_and_hold", m.ExcessReturnVsBuyAndHold);
        w.NumberOrNull("sharpe_ratio", m.SharpeRatio);
        w.NumberOrNull("hit_rate", m.HitRate);
        w.NumberOrNull("profit_factor", m.ProfitFactor);
        w.NumberOrNull("gross_profit", m.GrossProfit);
        w.NumberOrNull("gross_loss", m.GrossLoss);
        w.NumberOrNull("return_before_costs", m.ReturnBeforeCosts);
        w.NumberOrNull("costs", m.Costs);
        w.NumberOrNull("fees", m.Fees);
        w.NumberOrNull("funding_paid", m.Funding);
        w.NumberOrNull("max_drawdown", m.MaxDrawdown);
        w.NumberOrNull("signal_diversity", m.SignalDiversity);
        w.NumberOrNull("regime_adaptability", m.RegimeAdaptability);
        w.WriteNumber("trades", m.Trades);
        w.NumberOrNull("turnover", m.Turnover);
        WriteForecasts(w, s.Forecasts);
        w.WriteEndObject();
    }

    private static void WriteForecasts(Utf8JsonWriter w, IReadOnlyList<HorizonMetrics>? forecasts)
    {
        if (forecasts is null)
        {
            w.WriteNull("forecasts");
            return;
        }

        w.WriteStartObject("forecasts");
        foreach (var f in forecasts)
        {
            w.WriteStartObject(f.Horizon.Name);
            WriteHorizonMetrics(w, f);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    /// <summary>The fields of one horizon's forecast metrics (the body of a <c>forecasts</c> entry).</summary>
    public static void WriteHorizonMetrics(Utf8JsonWriter w, HorizonMetrics f)
    {
        w.WriteNumber("horizon_seconds", f.Horizon.Seconds);
        w.WriteNumber("decisions", f.Decisions);
        w.WriteNumber("points", f.Points);
        w.NumberOrNull("coverage", f.Coverage);
        w.NumberOrNull("information_coefficient", f.InformationCoefficient);
        w.NumberOrNull("ic_se", f.IcStandardError);
        w.NumberOrNull("ic_t", f.IcT);
        w.NumberOrNull("hit_rate", f.HitRate);
        w.NumberOrNull("mean_signed_return_bps", f.MeanSignedReturnBps);
        w.NumberOrNull("brier_score", f.BrierScore);
        w.NumberOrNull("brier_climatology", f.BrierClimatology);
        w.NumberOrNull("brier_skill", f.BrierSkill);
        w.NumberOrNull("brier_base_rate", f.BaseRate);
        w.WriteNumber("brier_n", f.BrierN);
        w.NumberOrNull("calibration_intercept", f.Calibration?.Intercept);
        w.NumberOrNull("calibration_slope", f.Calibration?.Slope);
        w.WriteStartArray("reliability");
        foreach (var bin in f.Reliability)
        {
            w.WriteStartObject();
            w.WriteNumber("lower", bin.Lower);
            w.WriteNumber("upper", bin.Upper);
            w.WriteNumber("count", bin.Count);
            w.NumberOrNull("mean_forecast", bin.MeanForecast);
            w.NumberOrNull("observed_frequency", bin.ObservedFrequency);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WritePlacebo(Utf8JsonWriter w, PlaceboSummary? placebo)
    {
        if (placebo is null)
        {
            w.WriteNull("placebo_draws");
            return;
        }

        w.WriteStartObject("placebo_draws");
        w.WriteNumber("draws", placebo.NetReturns.Count);
        w.NumberOrNull("net_return_mean", Stats.Mean(placebo.NetReturns.ToArray()));
        w.NumberOrNull("net_return_sd", Stats.SampleStd(placebo.NetReturns.ToArray()));
        w.NumberOrNull("net_return_min", placebo.NetReturns.Count == 0 ? null : placebo.NetReturns.Min());
        w.NumberOrNull("net_return_max", placebo.NetReturns.Count == 0 ? null : placebo.NetReturns.Max());
        w.NumberOrNull("hierarchy_net_return", placebo.HierarchyNetReturn);
        w.NumberOrNull("share_of_draws_beating_hierarchy", placebo.ShareBeatingHierarchy);
        w.WriteEndObject();
    }

    /// <summary>regime_by_claim: the four regimes by name in ordinal order, each with its tally.</summary>
    private static void WriteByClaim(Utf8JsonWriter w, RegimeNullResult? skill)
    {
        if (skill is null)
        {
            w.WriteNull("regime_by_claim");
            return;
        }

        w.WriteStartObject("regime_by_claim");
        foreach (var regime in Enum.GetValues<Regime>().OrderBy(r => r.Name(), StringComparer.Ordinal))
        {
            var s = skill.ByClaim.GetValueOrDefault(regime);
            w.WriteStartObject(regime.Name());
            w.WriteNumber("calls", s.Calls);
            w.NumberOrNull("accuracy", s.Accuracy);
            w.NumberOrNull("null_accuracy", s.NullAccuracy);
            w.NumberOrNull("skill_over_null", s.SkillOverNull);
            w.NumberOrNull("skill_z", s.SkillZ);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

}

/// <summary>
/// The random-sign placebo's net return over every draw (same times, sizes and holding as the hierarchy, random
/// directions) and where the hierarchy falls among them: a share near 0.5 means its directions are worth no more than
/// coin flips.
/// </summary>
public sealed record PlaceboSummary(IReadOnlyList<double> NetReturns, double? HierarchyNetReturn)
{
    public double? ShareBeatingHierarchy =>
        NetReturns.Count == 0 || HierarchyNetReturn is not { } h ? null : (double)NetReturns.Count(r => r > h) / NetReturns.Count;
}

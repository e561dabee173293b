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
    IReadOnlyList<HorizonMetrics>? Forecasts = null)
{
    /// <summary>
    /// The section's metrics.json fields in the order they are written, <see cref="Forecasts"/> excepted (written after
    /// them): what metrics.json and the report's metrics table both read, so the two cannot drift apart.
    /// </summary>
    public IReadOnlyList<MetricField> Fields()
    {
        var m = Integrated;
        return
        [
            MetricField.Group("macro", Macro is { } macro ? MacroFields(macro) : null),
            MetricField.Group("meso", Meso is { } meso ? MesoFields(meso) : null),
            MetricField.Group("micro", Micro is { } micro ? MicroFields(micro) : null),
            MetricField.Number("cumulative_alpha", m.CumulativeAlpha),
            MetricField.Number("excess_return_vs_buy_and_hold", m.ExcessReturnVsBuyAndHold),
            MetricField.Number("sharpe_ratio", m.SharpeRatio),
            MetricField.Number("hit_rate", m.HitRate),
            MetricField.Number("profit_factor", m.ProfitFactor),
            MetricField.Number("gross_profit", m.GrossProfit),
            MetricField.Number("gross_loss", m.GrossLoss),
            MetricField.Number("return_before_costs", m.ReturnBeforeCosts),
            MetricField.Number("costs", m.Costs),
            MetricField.Number("fees", m.Fees),
            MetricField.Number("funding_paid", m.Funding),
            MetricField.Number("max_drawdown", m.MaxDrawdown),
            MetricField.Number("signal_diversity", m.SignalDiversity),
            MetricField.Number("regime_adaptability", m.RegimeAdaptability),
            MetricField.Count("trades", m.Trades),
            MetricField.Number("turnover", m.Turnover),
        ];
    }

    private static MetricField[] MacroFields(MacroMetrics macro) =>
    [
        MetricField.Number("regime_accuracy", macro.RegimeAccuracy.Value),
        MetricField.Count("regime_calls_judged", macro.RegimeAccuracy.Judged),
        MetricField.Count("regime_calls_skipped", macro.RegimeAccuracy.Skipped),
        MetricField.Number("regime_null_accuracy", macro.NullSkill?.Overall.NullAccuracy),
        MetricField.Number("regime_skill_over_null", macro.NullSkill?.Overall.SkillOverNull),
        MetricField.Number("regime_skill_z", macro.NullSkill?.Overall.SkillZ),
        MetricField.Number("regime_accuracy_best_constant", macro.BestConstant?.Accuracy.Value),
        MetricField.Text("regime_best_constant", macro.BestConstant?.Regime.Name()),
        MetricField.Number("regime_null_accuracy_best_constant", macro.BestConstantNull?.NullAccuracy),
        MetricField.Group("regime_by_claim", macro.NullSkill is { } skill ? ByClaimFields(skill) : null),
        MetricField.Number("transition_timing", macro.TransitionTiming.MedianLagHours),
        MetricField.Count("transitions", macro.TransitionTiming.LagsHours.Count),
    ];

    /// <summary>regime_by_claim: the four regimes by name in ordinal order, each with its tally.</summary>
    private static MetricField[] ByClaimFields(RegimeNullResult skill) =>
    [
        .. Enum.GetValues<Regime>().OrderBy(r => r.Name(), StringComparer.Ordinal).Select(regime =>
        {
            var s = skill.ByClaim.GetValueOrDefault(regime);
            return MetricField.Group(regime.Name(),
            [
                MetricField.Count("calls", s.Calls),
                MetricField.Number("accuracy", s.Accuracy),
                MetricField.Number("null_accuracy", s.NullAccuracy),
                MetricField.Number("skill_over_null", s.SkillOverNull),
                MetricField.Number("skill_z", s.SkillZ),
            ]);
        }),
    ];

    private static MetricField[] MesoFields(MesoMetrics meso) =>
    [
        MetricField.Number("pattern_precision", meso.PatternPrecision),
        MetricField.Number("pattern_precision_chance", meso.PatternPrecisionChance),
        MetricField.Number("pattern_precision_skill", meso.PatternPrecisionSkill),
        MetricField.Count("patterns_resolved", meso.Resolved),
        MetricField.Count("patterns_expired", meso.Expired),
        MetricField.Number("pattern_recall", meso.PatternRecall.Value),
        MetricField.Count("large_moves", meso.PatternRecall.Judged),
        MetricField.Number("conditional_accuracy", meso.ConditionalAccuracy),
        MetricField.Number("conditional_brier", meso.ConditionalBrier),
    ];

    private static MetricField[] MicroFields(MicroResult micro) =>
    [
        MetricField.Number("flow_toxicity_score", micro.FlowToxicityScore),
        MetricField.Number("execution_alpha_bps", micro.ExecutionAlphaBps),
        MetricField.Number("signal_latency_ms", micro.SignalLatencyMs),
        MetricField.Number("signal_latency_hit_rate", micro.LatencyHitRate),
        MetricField.Count("micro_calls_judged", micro.Judged),
    ];
}

/// <summary>
/// One metrics.json field: a number (null when undefined or not finite), a count, a text, or a group of fields (null
/// <see cref="Fields"/>: JSON null, e.g. a layer not measured). Exactly one of the value members is meaningful, as
/// <see cref="Kind"/> says.
/// </summary>
public sealed record MetricField(string Name, MetricKind Kind, double? Value = null, string? TextValue = null, IReadOnlyList<MetricField>? Fields = null)
{
    public static MetricField Number(string name, double? value) => new(name, MetricKind.Number, value);

    public static MetricField Count(string name, long count) => new(name, MetricKind.Count, count);

    public static MetricField Text(string name, string? text) => new(name, MetricKind.Text, TextValue: text);

    public static MetricField Group(string name, IReadOnlyList<MetricField>? fields) => new(name, MetricKind.Group, Fields: fields);

    public void WriteTo(Utf8JsonWriter w)
    {
        switch (Kind)
        {
            case MetricKind.Count:
                w.WriteNumber(Name, (long)Value!.Value);
                break;
            case MetricKind.Number:
                w.NumberOrNull(Name, Value);
                break;
            case MetricKind.Text:
                w.StringOrNull(Name, TextValue);
                break;
            case MetricKind.Group when Fields is null:
                w.WriteNull(Name);
                break;
            default:
                w.WriteStartObject(Name);
                foreach (var f in Fields!)
                {
                    f.WriteTo(w);
                }

                w.WriteEndObject();
                break;
        }
    }
}

public enum MetricKind
{
    Number,
    Count,
    Text,
    Group,
}

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
        foreach (var field in s.Fields())
        {
            field.WriteTo(w);
        }

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

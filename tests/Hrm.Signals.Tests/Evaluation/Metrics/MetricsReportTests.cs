using System.Text.Json;
using Hrm.Protocol.Layers;
using Hrm.Signals.Evaluation;
using Hrm.Signals.Evaluation.Metrics;

namespace Hrm.Signals.Tests.Evaluation.Metrics;

public sealed class MetricsReportTests
{
    private static readonly string[] IssueKeys =
    [
        "cumulative_alpha", "sharpe_ratio", "hit_rate", "profit_factor", "max_drawdown", "signal_diversity",
        "regime_adaptability", "return_before_costs", "costs", "fees", "funding_paid", "trades", "turnover", "forecasts",
    ];

    private static readonly string[] HorizonKeys =
    [
        "horizon_seconds", "decisions", "points", "coverage", "information_coefficient", "ic_se", "ic_t", "hit_rate",
        "mean_signed_return_bps", "brier_score", "brier_climatology", "brier_skill", "brier_base_rate", "brier_n",
        "calibration_intercept", "calibration_slope", "reliability",
    ];

    private static MetricsReport Sample()
    {
        const long D = 86_400L * 1_000_000_000;
        Trade[] trades =
        [
            new(0, D / 2, 1, 100, 101, 0.01, 0.0008, 0.0092, "trending", "time", 0.7),
            new(D / 2, D, -1, 101, 102, -0.0099, 0.0008, -0.0107, "volatile", "stop", 0.6),
        ];
        var result = new StrategyResult("hrm", trades, [new(0, 1, 0), new(D / 2, 1.0092, 0), new(D, 0.9984, -0.0107)]);
        const long H = 3_600_000_000_000;
        ForecastPoint[] points =
        [
            new(0, 0.5, 0.7, 0.55, new(0, H, 2 * H, 0.01, 0.01)),
            new(H, -0.2, 0.4, 0.55, new(H, 2 * H, 3 * H, -0.02, 0.01)),
            new(2 * H, 0.1, 0.6, 0.55, new(2 * H, 3 * H, 4 * H, -0.005, 0.01)),
        ];
        var overall = new MetricsSection(
            IntegratedMetrics.Compute(result),
            new MacroMetrics(new AccuracyResult(0.5, 4, 2), new TimingResult(1.5, [1.0, 2.0]), (Regime.Volatile, new AccuracyResult(0.75, 4, 2))),
            new MesoMetrics(1.0 / 3, 3, new AccuracyResult(0.5, 2, 0), 0.8, 0.2),
            new MicroResult(0.5, 1.6667, 2500, 2.0 / 3, 3),
            [ForecastMetrics.Compute(new("1h", 3600), points)]);
        var perRegime = IntegratedMetrics.PerRegime(trades, 0, D)
            .ToDictionary(kv => kv.Key, kv => new MetricsSection(kv.Value));
        var baselines = new Dictionary<string, MetricsSection>
        {
            ["buy_and_hold"] = new(IntegratedMetrics.Compute(new StrategyResult("bh", [], [new(0, 1, 0), new(D, 1.02, 0)]))),
        };
        return new MetricsReport(overall, perRegime, baselines, "1h", new PlaceboSummary([0.01, -0.02, 0.03], 0.0));
    }

    [Fact]
    public void Json_has_the_issue_keys_sections_and_nulls_for_undefined()
    {
        using var doc = JsonDocument.Parse(Sample().ToJson());
        var root = doc.RootElement;
        Assert.Equal(
            ["hierarchy_integrator", "hierarchy_horizon", "overall", "per_regime", "baselines", "placebo_draws"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("hand_set", root.GetProperty("hierarchy_integrator").GetString());
        Assert.Equal(2.0 / 3, root.GetProperty("placebo_draws").GetProperty("share_of_draws_beating_hierarchy").GetDouble(), 12);
        var overall = root.GetProperty("overall");
        foreach (var key in IssueKeys)
        {
            Assert.True(overall.TryGetProperty(key, out _), key);
        }

        Assert.Equal(0.5, overall.GetProperty("macro").GetProperty("regime_accuracy").GetDouble());
        Assert.Equal(1.5, overall.GetProperty("macro").GetProperty("transition_timing").GetDouble());
        Assert.Equal(0.75, overall.GetProperty("macro").GetProperty("regime_accuracy_best_constant").GetDouble());
        Assert.Equal("volatile", overall.GetProperty("macro").GetProperty("regime_best_constant").GetString());
        Assert.True(overall.GetProperty("meso").TryGetProperty("pattern_recall", out _));
        Assert.True(overall.GetProperty("meso").TryGetProperty("conditional_accuracy", out _));
        Assert.Equal(2500, overall.GetProperty("micro").GetProperty("signal_latency_ms").GetDouble());
        Assert.Equal(2, overall.GetProperty("trades").GetInt32());
        var hour = overall.GetProperty("forecasts").GetProperty("1h");
        Assert.Equal(HorizonKeys, hour.EnumerateObject().Select(p => p.Name));
        Assert.Equal(3, hour.GetProperty("points").GetInt32());
        Assert.Equal(10, hour.GetProperty("reliability").GetArrayLength());
        // three points: fewer than ten outcomes → no calibration line (null, never a made-up number)
        Assert.Equal(JsonValueKind.Null, hour.GetProperty("calibration_slope").ValueKind);

        // per regime in ordinal order; one trade each → Sharpe undefined → null, not a number.
        var per = root.GetProperty("per_regime");
        Assert.Equal(["trending", "volatile"], per.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, per.GetProperty("trending").GetProperty("sharpe_ratio").ValueKind);
        Assert.Equal(JsonValueKind.Null, per.GetProperty("trending").GetProperty("profit_factor").ValueKind);
        Assert.Equal(JsonValueKind.Null, per.GetProperty("trending").GetProperty("macro").ValueKind);
        Assert.Equal(JsonValueKind.Null, per.GetProperty("trending").GetProperty("forecasts").ValueKind);

        // A buy-and-hold curve with no trades: return 0.02, Sharpe and hit rate null.
        var bh = root.GetProperty("baselines").GetProperty("buy_and_hold");
        Assert.Equal(0.02, bh.GetProperty("cumulative_alpha").GetDouble(), 12);
        Assert.Equal(JsonValueKind.Null, bh.GetProperty("sharpe_ratio").ValueKind);
        Assert.Equal(JsonValueKind.Null, bh.GetProperty("hit_rate").ValueKind);
    }

    private static readonly string[] MacroKeys =
    [
        "regime_accuracy", "regime_calls_judged", "regime_calls_skipped", "regime_null_accuracy", "regime_skill_over_null",
        "regime_skill_z", "regime_accuracy_best_constant", "regime_best_constant", "regime_null_accuracy_best_constant",
        "regime_by_claim", "transition_timing", "transitions",
    ];

    private static JsonElement Section(MetricsSection section)
    {
        using var doc = JsonDocument.Parse(new MetricsReport(section, new Dictionary<string, MetricsSection>(), new Dictionary<string, MetricsSection>()).ToJson());
        return doc.RootElement.GetProperty("overall").Clone();
    }

    [Fact]
    public void Macro_null_keys_in_a_fixed_order_with_the_claims_in_ordinal_order()
    {
        // Overall: 2 right of 3 with p0 0.5, 0.5, 0.8 → null 0.6, skill 2/3 − 0.6, z (2 − 1.8)/√(0.25 + 0.25 + 0.16).
        // By claim: trending 1 of 1 (p0 0.8: z (1 − 0.8)/0.4 = 0.5); mean_reverting 1 of 2 (p0 0.5 each: skill 0,
        // z 0); volatile and accumulation never claimed → 0 calls, the rest null.
        var trending = default(RegimeSkill).Add(true, 0.8);
        var meanReverting = default(RegimeSkill).Add(true, 0.5).Add(false, 0.5);
        var skill = RegimeNullResult.Empty.Merge(new RegimeNullResult(trending + meanReverting,
            new Dictionary<Regime, RegimeSkill> { [Regime.Trending] = trending, [Regime.MeanReverting] = meanReverting }));
        var macro = new MacroMetrics(new AccuracyResult(2.0 / 3, 3, 1), new TimingResult(null, []),
            (Regime.MeanReverting, new AccuracyResult(0.75, 4, 0)), skill, default(RegimeSkill).Add(true, 0.8).Add(true, 0.8).Add(true, 0.8).Add(false, 0.8));
        var json = Section(new MetricsSection(new IntegratedResult(), macro)).GetProperty("macro");

        Assert.Equal(MacroKeys, json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(0.6, json.GetProperty("regime_null_accuracy").GetDouble(), 12);
        Assert.Equal(2.0 / 3 - 0.6, json.GetProperty("regime_skill_over_null").GetDouble(), 12);
        Assert.Equal(0.2 / Math.Sqrt(0.66), json.GetProperty("regime_skill_z").GetDouble(), 12);
        Assert.Equal(0.8, json.GetProperty("regime_null_accuracy_best_constant").GetDouble(), 12);

        var byClaim = json.GetProperty("regime_by_claim");
        Assert.Equal(["accumulation", "mean_reverting", "trending", "volatile"], byClaim.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["calls", "accuracy", "null_accuracy", "skill_over_null", "skill_z"],
            byClaim.GetProperty("trending").EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, byClaim.GetProperty("trending").GetProperty("calls").GetInt32());
        Assert.Equal(0.5, byClaim.GetProperty("trending").GetProperty("skill_z").GetDouble(), 12);
        Assert.Equal(0.0, byClaim.GetProperty("mean_reverting").GetProperty("skill_over_null").GetDouble(), 12);
        var volatileClaim = byClaim.GetProperty("volatile");
        Assert.Equal(0, volatileClaim.GetProperty("calls").GetInt32());
        foreach (var key in new[] { "accuracy", "null_accuracy", "skill_over_null", "skill_z" })
        {
            Assert.Equal(JsonValueKind.Null, volatileClaim.GetProperty(key).ValueKind);
        }
    }

    [Fact]
    public void Macro_null_keys_are_present_and_null_when_no_null_was_computed()
    {
        var macro = Section(new MetricsSection(new IntegratedResult(),
            new MacroMetrics(new AccuracyResult(null, 0, 0), new TimingResult(null, [])))).GetProperty("macro");
        Assert.Equal(MacroKeys, macro.EnumerateObject().Select(p => p.Name));
        foreach (var key in new[] { "regime_null_accuracy", "regime_skill_over_null", "regime_skill_z", "regime_null_accuracy_best_constant", "regime_by_claim" })
        {
            Assert.Equal(JsonValueKind.Null, macro.GetProperty(key).ValueKind);
        }
    }

    [Fact]
    public void Meso_chance_and_skill_beside_the_precision()
    {
        var json = Section(new MetricsSection(new IntegratedResult(), null,
            new MesoMetrics(0.4, 10, new AccuracyResult(null, 0, 0), null, null, 0, 1.0 / 3))).GetProperty("meso");
        Assert.Equal(["pattern_precision", "pattern_precision_chance", "pattern_precision_skill"], json.EnumerateObject().Take(3).Select(p => p.Name));
        Assert.Equal(1.0 / 3, json.GetProperty("pattern_precision_chance").GetDouble(), 12);
        Assert.Equal(0.4 - 1.0 / 3, json.GetProperty("pattern_precision_skill").GetDouble(), 12);

        var undefined = Section(new MetricsSection(new IntegratedResult(), null,
            new MesoMetrics(null, 0, new AccuracyResult(null, 0, 0), null, null))).GetProperty("meso");
        Assert.Equal(JsonValueKind.Null, undefined.GetProperty("pattern_precision_chance").ValueKind);
        Assert.Equal(JsonValueKind.Null, undefined.GetProperty("pattern_precision_skill").ValueKind);
    }

    [Fact]
    public void Json_is_deterministic_and_culture_free()
    {
        // Utf8JsonWriter never consults the culture (the build runs with invariant globalization anyway): same input,
        // same bytes, '.' as the decimal point.
        var a = Sample().ToJson();
        Assert.Equal(a, Sample().ToJson());
        Assert.DoesNotContain("NaN", a);
        Assert.DoesNotContain("Infinity", a);
        Assert.Contains("\"hit_rate\": 0.5", a);
    }
}

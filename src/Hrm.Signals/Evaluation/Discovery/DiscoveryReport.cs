using System.Globalization;
using System.Text;
using System.Text.Json;
using Hrm.Signals.Evaluation.Metrics;
using Hrm.Signals.Learning.Hierarchy;

namespace Hrm.Signals.Evaluation.Discovery;

/// <summary>
/// What discovery found: every candidate at every horizon on the scored test windows, how many were tried (every
/// result counts, good or bad), the span, the costs, and the learned hierarchy's fits per horizon. Rendered as
/// <c>discovery.json</c> and <c>discovery.md</c>.
/// </summary>
public sealed record DiscoveryReport(
    IReadOnlyList<CandidateResult> Candidates,
    int Tried,
    int Untestable,
    IReadOnlyList<string> Symbols,
    long? ScoredFrom,
    long? ScoredTo,
    int ScoredFolds,
    CostModel Costs,
    IReadOnlyList<HierarchyFits> Hierarchy,
    double TrialSharpeStd)
{
    public const string JsonFile = "discovery.json";
    public const string MarkdownFile = "discovery.md";

    public IReadOnlyList<CandidateResult> Survivors => Candidates.Where(c => c.Survives).ToArray();

    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("tried", Tried);
            w.WriteNumber("untestable", Untestable);
            w.WriteNumber("survivors", Survivors.Count);
            w.WriteStartArray("symbols");
            foreach (var s in Symbols)
            {
                w.WriteStringValue(s);
            }

            w.WriteEndArray();
            w.StringOrNull("scored_from", Time(ScoredFrom));
            w.StringOrNull("scored_to", Time(ScoredTo));
            w.WriteNumber("scored_folds", ScoredFolds);
            w.WriteNumber("fee_bps", Costs.FeeBps);
            w.WriteNumber("slippage_bps", Costs.SlippageBps);
            w.WriteNumber("false_discovery_rate", DiscoveryRunner.FalseDiscoveryRate);
            w.WriteNumber("deflated_sharpe_level", DiscoveryRunner.DeflatedSharpeLevel);
            w.WriteNumber("trial_sharpe_std_daily", TrialSharpeStd);
            w.WriteStartArray("candidates");
            foreach (var c in Candidates)
            {
                w.WriteStartObject();
                w.WriteString("name", c.Name);
                w.WriteString("kind", Kind(c.Kind));
                w.WriteString("horizon", c.Horizon);
                w.WriteNumber("points", c.Points);
                w.NumberOrNull("ic", c.Ic);
                w.NumberOrNull("ic_se", c.IcSe);
                w.NumberOrNull("ic_t", c.IcT);
                w.NumberOrNull("hit_rate", c.HitRate);
                w.NumberOrNull("brier_skill", c.BrierSkill);
                w.NumberOrNull("net_return", c.NetReturn);
                w.NumberOrNull("sharpe", c.Sharpe);
                w.NumberOrNull("turnover", c.Turnover);
                w.NumberOrNull("fees", c.Fees);
                w.NumberOrNull("funding", c.Funding);
                w.NumberOrNull("deflated_sharpe", c.DeflatedSharpe);
                w.NumberOrNull("q_value", c.QValue);
                w.WriteBoolean("survives", c.Survives);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartObject("learned_hierarchy");
            foreach (var fits in Hierarchy)
            {
                w.WriteStartObject(fits.Horizon);
                w.WriteNumber("fits", fits.Fits);
                w.WriteStartObject("mean_stack_weights");
                for (var k = 0; k < fits.MeanStackWeights.Count; k++)
                {
                    w.WriteNumber(LayerModels.Inputs[k].Name, fits.MeanStackWeights[k]);
                }

                w.WriteEndObject();
                w.WriteStartObject("alpha_chosen");
                foreach (var (alpha, count) in fits.AlphaChoices)
                {
                    w.WriteNumber(alpha.ToString("R", CultureInfo.InvariantCulture), count);
                }

                w.WriteEndObject();
                w.WriteStartObject("forecast");
                MetricsReport.WriteHorizonMetrics(w, fits.Metrics);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>
    /// The Markdown table: the survivors first, then per horizon the learned hierarchy, the layer models and the
    /// pre-registered strategies, then the ten best features and interactions by IC t; every row says how many were tried.
    /// </summary>
    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine("# Discovery");
        md.AppendLine();
        md.AppendLine(Invariant($"Scored {Time(ScoredFrom)} .. {Time(ScoredTo)} ({ScoredFolds} test windows), symbols {string.Join(", ", Symbols)}; costs {Costs.FeeBps} bps fee + {Costs.SlippageBps} bps slippage per unit of turnover, funding charged."));
        md.AppendLine(Invariant($"**{Tried} candidate × horizon pairs tried** ({Untestable} more had no data to test); a pair survives when its Benjamini–Hochberg q-value ≤ {DiscoveryRunner.FalseDiscoveryRate} and its Deflated Sharpe Ratio over all {Tried} ≥ {DiscoveryRunner.DeflatedSharpeLevel}."));
        md.AppendLine();
        md.AppendLine(Invariant($"## Survivors: {Survivors.Count} of {Tried} tried"));
        md.AppendLine();
        Table(md, Survivors);
        foreach (var horizon in Candidates.Select(c => c.Horizon).Distinct())
        {
            md.AppendLine();
            md.AppendLine(Invariant($"## Horizon {horizon}: models and pre-registered strategies (of {Tried} tried)"));
            md.AppendLine();
            Table(md, Candidates.Where(c => c.Horizon == horizon && c.Kind is CandidateKind.Hierarchy or CandidateKind.LayerModel or CandidateKind.Baseline).ToArray());
            md.AppendLine();
            md.AppendLine(Invariant($"Best ten features and interactions at {horizon} by IC t (of {Tried} tried):"));
            md.AppendLine();
            Table(md, Candidates.Where(c => c.Horizon == horizon && c.Kind is CandidateKind.Feature or CandidateKind.Interaction)
                .OrderByDescending(c => c.IcT ?? double.NegativeInfinity).Take(10).ToArray());
        }

        md.AppendLine();
        md.AppendLine("## Learned hierarchy: calibration on the test windows");
        md.AppendLine();
        md.AppendLine("| horizon | fits | stack weights (macro, meso, micro, cross) | Brier | climatology | skill | calibration slope | intercept |");
        md.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var f in Hierarchy)
        {
            md.AppendLine(Invariant($"| {f.Horizon} | {f.Fits} | {string.Join(", ", f.MeanStackWeights.Select(w => w.ToString("F3", CultureInfo.InvariantCulture)))} | {F(f.Metrics.BrierScore, "F4")} | {F(f.Metrics.BrierClimatology, "F4")} | {F(f.Metrics.BrierSkill, "F4")} | {F(f.Metrics.Calibration?.Slope, "F2")} | {F(f.Metrics.Calibration?.Intercept, "F3")} |"));
        }

        md.AppendLine();
        md.AppendLine("Reliability diagrams (test windows): " + string.Join(", ", Hierarchy.Select(f => $"![{f.Horizon}](calibration-learned-{f.Horizon}.png)")));
        return md.ToString();
    }

    private void Table(StringBuilder md, IReadOnlyList<CandidateResult> rows)
    {
        if (rows.Count == 0)
        {
            md.AppendLine("(none)");
            return;
        }

        md.AppendLine("| name | horizon | ic | ic_se | ic_t | hit_rate | net_return | sharpe | turnover/day | deflated_sharpe | q_value | survives | tried |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var c in rows)
        {
            md.AppendLine(Invariant($"| {c.Name} | {c.Horizon} | {F(c.Ic, "F4")} | {F(c.IcSe, "F4")} | {F(c.IcT, "F2")} | {F(c.HitRate, "F3")} | {F(c.NetReturn, "F3")} | {F(c.Sharpe, "F2")} | {F(c.Turnover, "F3")} | {F(c.DeflatedSharpe, "F3")} | {F(c.QValue, "F3")} | {(c.Survives ? "yes" : "no")} | {Tried} |"));
        }
    }

    private static string Kind(CandidateKind kind) => kind switch
    {
        CandidateKind.Feature => "feature",
        CandidateKind.Interaction => "interaction",
        CandidateKind.LayerModel => "layer_model",
        CandidateKind.Hierarchy => "hierarchy",
        _ => "baseline",
    };

    private static string F(double? v, string format) => v is { } x && double.IsFinite(x) ? x.ToString(format, CultureInfo.InvariantCulture) : "–";

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static string? Time(long? ns) => ns is { } t
        ? DateTimeOffset.FromUnixTimeMilliseconds(t / 1_000_000).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)
        : null;
}

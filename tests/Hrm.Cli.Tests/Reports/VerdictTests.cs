using Hrm.Cli.Reports;
using Hrm.Signals.Evaluation.Metrics;

namespace Hrm.Cli.Tests.Reports;

/// <summary>The verdict states the numbers and the cumulative_alpha comparison, and nothing more.</summary>
public sealed class VerdictTests
{
    private static IntegratedResult Result(double? alpha, double? sharpe = null, int trades = 0) =>
        new() { CumulativeAlpha = alpha, SharpeRatio = sharpe, Trades = trades };

    private static Dictionary<string, IntegratedResult> Baselines(
        double? macro, double? meso, double? micro, double? naive, double? buyAndHold) =>
        new(StringComparer.Ordinal)
        {
            // Inserted out of report order: the verdict lists them in report order.
            ["buy_and_hold"] = Result(buyAndHold, 0.3, 3),
            ["naive_average"] = Result(naive, -1, 900),
            ["micro_alone"] = Result(micro),
            ["meso_alone"] = Result(meso, 1.2, 51),
            ["macro_alone"] = Result(macro, -0.4, 9),
        };

    [Fact]
    public void Beating_every_baseline_names_them_all_with_their_returns()
    {
        var verdict = Verdict.From(Result(0.05, 1.234, 10), Baselines(-0.01, 0.0002, 0, 0.02, 0.0496));

        Assert.Equal(
            "Out of sample (the test windows only), after costs, the hierarchy returned +5.0% (Sharpe 1.2, 10 trades). "
            + "Compared on cumulative_alpha (net return) alone, it beat every baseline: macro_alone (-1.0%), meso_alone (+0.020%), "
            + "micro_alone (0.0%), naive_average (+2.0%), buy_and_hold (+4.96% vs +5.00%).",
            verdict);
        Assert.DoesNotContain("did not beat", verdict);
    }

    [Fact]
    public void Beating_none_says_so_and_lists_every_baseline_as_not_beaten()
    {
        var verdict = Verdict.From(Result(-0.075, -19.94, 787), Baselines(-0.000178, 0.00024, 0, -0.05, 0.029));

        Assert.StartsWith("Out of sample (the test windows only), after costs, the hierarchy returned -7.5% (Sharpe -19.9, 787 trades).", verdict);
        Assert.Contains("it beat none of the baselines.", verdict);
        Assert.Contains(
            "It did not beat: macro_alone (-0.018%), meso_alone (+0.024%), micro_alone (0.0%), naive_average (-5.0%), buy_and_hold (+2.9%).",
            verdict);
        Assert.DoesNotContain("tied", verdict);
        Assert.DoesNotContain("every baseline", verdict);
    }

    [Fact]
    public void A_mixed_result_lists_beaten_and_not_beaten_separately()
    {
        var verdict = Verdict.From(Result(-0.07, -16.4, 395), Baselines(-0.0002, 0.0002, 0, -0.088, -0.02));

        Assert.Contains("it beat: naive_average (-8.8%).", verdict);
        Assert.Contains("It did not beat: macro_alone (-0.020%), meso_alone (+0.020%), micro_alone (0.0%), buy_and_hold (-2.0%).", verdict);
    }

    [Fact]
    public void A_flat_hierarchy_ties_a_flat_baseline_and_says_it_made_no_trade()
    {
        var verdict = Verdict.From(Result(0, null, 0), Baselines(-0.01, 0.01, 0, 0, 0.03));

        Assert.Contains("returned 0.0% (Sharpe n/a, 0 trades). It made no trade, so these are the numbers of a flat book.", verdict);
        Assert.Contains("it beat: macro_alone (-1.0%).", verdict);
        Assert.Contains("It did not beat: meso_alone (+1.0%), buy_and_hold (+3.0%).", verdict);
        Assert.Contains("It tied with: micro_alone (0.0%), naive_average (0.0%).", verdict);
    }

    [Fact]
    public void A_null_baseline_metric_is_named_as_not_compared()
    {
        var verdict = Verdict.From(Result(0.01, 0.5, 4), Baselines(0.0, null, null, 0.02, 0.005));

        Assert.Contains("it beat: macro_alone (0.0%), buy_and_hold (+0.5%).", verdict);
        Assert.Contains("It did not beat: naive_average (+2.0%).", verdict);
        Assert.Contains("Not compared, their cumulative_alpha is null: meso_alone, micro_alone.", verdict);
        Assert.DoesNotContain("every baseline", verdict);
    }

    [Fact]
    public void A_null_hierarchy_return_is_compared_with_nothing()
    {
        var verdict = Verdict.From(Result(null, null, 0), Baselines(-0.01, 0.01, 0, 0, 0.03));

        Assert.StartsWith("Out of sample (the test windows only), after costs, the hierarchy has no defined return (cumulative_alpha is null) (Sharpe n/a, 0 trades).", verdict);
        Assert.Contains("It cannot be compared with the baselines (macro_alone, meso_alone, micro_alone, naive_average, buy_and_hold).", verdict);
        Assert.DoesNotContain("beat", verdict);
    }

    [Fact]
    public void Only_null_baselines_are_not_called_beaten()
    {
        var verdict = Verdict.From(Result(0.01, 0.5, 4), Baselines(null, null, null, null, double.NaN));

        Assert.Contains("no baseline could be compared.", verdict);
        Assert.DoesNotContain("did not beat", verdict);
        Assert.DoesNotContain("NaN", verdict);
    }

    [Fact]
    public void No_baselines_is_said_plainly()
    {
        var verdict = Verdict.From(Result(0.01, 0.5, 1), new Dictionary<string, IntegratedResult>());

        Assert.Equal(
            "Out of sample (the test windows only), after costs, the hierarchy returned +1.0% (Sharpe 0.5, 1 trade). There were no baselines to compare it with.",
            verdict);
    }

    [Fact]
    public void The_metrics_report_overload_reads_overall_against_baselines()
    {
        var report = new MetricsReport(
            new MetricsSection(Result(-0.02, -1, 5)),
            new Dictionary<string, MetricsSection>(),
            new Dictionary<string, MetricsSection>
            {
                ["buy_and_hold"] = new(Result(0.01)),
                ["macro_alone"] = new(Result(-0.03)),
            });

        Assert.Equal(Verdict.From(report.Overall.Integrated, report.Baselines.ToDictionary(kv => kv.Key, kv => kv.Value.Integrated)), Verdict.From(report));
        Assert.Contains("it beat: macro_alone (-3.0%). It did not beat: buy_and_hold (+1.0%).", Verdict.From(report));
    }

    [Fact]
    public void The_scope_opens_the_verdict_and_the_default_is_the_walk_forward_test_windows()
    {
        var baselines = Baselines(-0.01, 0.01, 0, 0, 0.03);
        var report = new MetricsReport(
            new MetricsSection(Result(0.002, 0.4, 7)),
            new Dictionary<string, MetricsSection>(),
            baselines.ToDictionary(kv => kv.Key, kv => new MetricsSection(kv.Value)));

        var walkForward = Verdict.From(Result(0.002, 0.4, 7), baselines);
        var capture = Verdict.From(Result(0.002, 0.4, 7), baselines, Verdict.Prequential);

        Assert.Equal(walkForward, Verdict.From(Result(0.002, 0.4, 7), baselines, Verdict.OutOfSample));
        Assert.StartsWith(Verdict.OutOfSample + ", after costs, the hierarchy returned +0.2% (Sharpe 0.4, 7 trades).", walkForward);
        Assert.StartsWith(Verdict.Prequential + ", after costs, the hierarchy returned +0.2% (Sharpe 0.4, 7 trades).", capture);
        Assert.StartsWith("Prequentially over the capture window", capture);
        Assert.DoesNotContain("test window", capture);
        Assert.Equal(walkForward[Verdict.OutOfSample.Length..], capture[Verdict.Prequential.Length..]);
        Assert.Equal(capture, Verdict.From(report, Verdict.Prequential));
        Assert.Throws<ArgumentException>(() => Verdict.From(Result(0.002), baselines, " "));
    }

    [Fact]
    public void The_forecast_at_the_hierarchys_horizon_and_the_placebo_rank_are_stated_as_numbers()
    {
        var forecast = new HorizonMetrics
        {
            Horizon = new Hrm.Signals.Evaluation.Labels.Horizon("1h", 3600),
            Points = 26_226,
            InformationCoefficient = 0.005,
            IcStandardError = 0.0066,
            BrierSkill = -0.101,
        };
        var report = new MetricsReport(
            new MetricsSection(Result(-1.77, -11.6, 26_181), Forecasts: [forecast]),
            new Dictionary<string, MetricsSection>(),
            Baselines(-0.4, -0.07, 0, -3.6, 3.5).ToDictionary(kv => kv.Key, kv => new MetricsSection(kv.Value)),
            "1h",
            new PlaceboSummary([-1.6, -1.7, -1.8, -1.65], -1.77));

        var text = Verdict.From(report);

        Assert.Contains("At the horizon its signals hold for (1h), its rank IC is 0.005 ± 0.007 (HAC s.e., 26,226 decisions with a view)", text);
        Assert.Contains("Brier skill over the climatology", text);
        Assert.Contains("is -0.101 (no better than always forecasting the base rate).", text);
        Assert.EndsWith("Random directions at the same times and sizes beat it in 3 of 4 placebo draws.", text);
        // without a forecast at its horizon or placebo draws, neither sentence appears
        var bare = Verdict.From(report with { HierarchyHorizon = null, Placebo = null });
        Assert.DoesNotContain("rank IC", bare);
        Assert.DoesNotContain("placebo", bare);
    }
}

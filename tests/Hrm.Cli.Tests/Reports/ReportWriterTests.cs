using System.Buffers.Binary;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hrm.Cli.Reports;
using Hrm.Protocol.Layers;
using Hrm.Signals.Evaluation;
using Hrm.Signals.Evaluation.Metrics;

namespace Hrm.Cli.Tests.Reports;

public sealed class ReportWriterTests : IDisposable
{
    private const long Hour = 3_600_000_000_000L;
    private const long Start = 1_704_067_200_000_000_000L; // 2024-01-01T00:00Z
    private const string Verdict = "SYNTHETIC TEST VERDICT: the caller's words, rendered verbatim.";

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static readonly string[] PlotFiles =
    [
        ReportPlots.EquityFile, ReportPlots.DrawdownFile, ReportPlots.SignalsFile, ReportPlots.CalibrationFile, ReportPlots.RegimesFile,
    ];

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "hrm-report-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public void Writes_every_file_and_pngs_of_the_expected_size()
    {
        ReportWriter.Write(_dir, SyntheticInput());

        foreach (var file in PlotFiles)
        {
            var bytes = File.ReadAllBytes(Path.Combine(_dir, file));
            Assert.True(bytes.Length > 24, file);
            Assert.Equal(PngSignature, bytes[..8]);
            // IHDR: width and height big-endian at offsets 16 and 20.
            Assert.Equal(ReportPlots.Width, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)));
            Assert.Equal(ReportPlots.Height, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
        }

        Assert.True(File.Exists(Path.Combine(_dir, ReportWriter.MarkdownFile)));
        Assert.True(File.Exists(Path.Combine(_dir, ReportWriter.HtmlFile)));
    }

    [Fact]
    public void Markdown_has_every_metric_key_the_tables_images_and_the_verdict()
    {
        var input = SyntheticInput();
        ReportWriter.Write(_dir, input);
        var md = File.ReadAllText(Path.Combine(_dir, ReportWriter.MarkdownFile));

        foreach (var key in MetricKeys(input.Metrics))
        {
            Assert.Contains($"| {key} |", md);
        }

        Assert.Contains("## Verdict\n\n" + Verdict, md);
        Assert.Contains("synthetic-hierarchy (hierarchy)", md);
        Assert.Contains("synthetic-buy-and-hold (baseline)", md);
        Assert.Contains("synthetic-macro-only (baseline)", md);
        Assert.Contains("| trending-up | 2 |", md);
        Assert.Contains("| synthetic-hierarchy (hierarchy) | 1h | 10 | 0.833333 | 0.0421 | 0.0137 | 3.07 |", md);
        Assert.Contains("## Calibration bins (hierarchy, P(rise) over 1h)", md);
        foreach (var file in PlotFiles)
        {
            Assert.Contains($"]({file})", md);
        }
    }

    [Fact]
    public void Null_metrics_are_shown_as_na()
    {
        var input = SyntheticInput();
        ReportWriter.Write(_dir, input);
        var md = File.ReadAllText(Path.Combine(_dir, ReportWriter.MarkdownFile));

        // The hierarchy has no profit factor (no losing trade) and the baselines measured no layer.
        Assert.Matches(new Regex(@"\| profit_factor \| n/a \|"), md);
        Assert.Matches(new Regex(@"\| macro\.regime_accuracy \| 0\.6 \| n/a \| n/a \|"), md);
        Assert.Matches(new Regex(@"\| meso \| n/a \| n/a \| n/a \|"), md);
        // regime_by_claim nests one level deeper: a row per claim and field; a claim never made is n/a.
        Assert.Matches(new Regex(@"\| macro\.regime_by_claim\.trending\.skill_over_null \| 0\.5 \| n/a \| n/a \|"), md);
        Assert.Matches(new Regex(@"\| macro\.regime_by_claim\.volatile\.accuracy \| n/a \| n/a \| n/a \|"), md);
        Assert.DoesNotContain("| macro.regime_by_claim |", md);
        Assert.Contains("| ranging | 0 | n/a | n/a | n/a |", md);
        Assert.DoesNotContain("NaN", md);
        // No JSON null leaks into a cell (key names such as regime_null_accuracy may say "null").
        Assert.DoesNotMatch(new Regex(@"\|\s*null\s*\|"), md);
    }

    [Fact]
    public void Html_is_self_contained_with_one_embedded_image_per_plot()
    {
        ReportWriter.Write(_dir, SyntheticInput());
        var html = File.ReadAllText(Path.Combine(_dir, ReportWriter.HtmlFile));

        Assert.Equal(PlotFiles.Length, Regex.Count(html, "src=\"data:image/png;base64,"));
        Assert.DoesNotContain("src=\"http", html);
        Assert.DoesNotContain(".png\"", html);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(Verdict), html);
        Assert.Contains("n/a", html);
        foreach (var key in MetricKeys(SyntheticInput().Metrics))
        {
            Assert.Contains($"<td>{key}</td>", html);
        }
    }

    [Fact]
    public void Markdown_and_html_are_deterministic()
    {
        var a = Path.Combine(_dir, "a");
        var b = Path.Combine(_dir, "b");
        ReportWriter.Write(a, SyntheticInput());
        ReportWriter.Write(b, SyntheticInput());

        Assert.Equal(
            File.ReadAllBytes(Path.Combine(a, ReportWriter.MarkdownFile)),
            File.ReadAllBytes(Path.Combine(b, ReportWriter.MarkdownFile)));
        // PNG bytes need not be deterministic, so compare the HTML with the image payloads blanked.
        Assert.Equal(WithoutImages(Path.Combine(a, ReportWriter.HtmlFile)), WithoutImages(Path.Combine(b, ReportWriter.HtmlFile)));
    }

    [Fact]
    public void A_blank_verdict_is_refused()
    {
        var input = SyntheticInput() with { Verdict = "  " };
        Assert.Throws<ArgumentException>(() => ReportWriter.Write(_dir, input));
    }

    [Fact]
    public void Empty_series_still_render_every_plot()
    {
        var empty = new StrategyResult("synthetic-empty", [], []);
        var input = SyntheticInput() with
        {
            Hierarchy = empty,
            Baselines = [],
            Signals = [],
            Prices = [],
            Reliability = [],
            Regimes = [],
        };
        ReportWriter.Write(_dir, input);
        foreach (var file in PlotFiles)
        {
            Assert.Equal(PngSignature, File.ReadAllBytes(Path.Combine(_dir, file))[..8]);
        }
    }

    private static string WithoutImages(string path) =>
        Regex.Replace(File.ReadAllText(path), "base64,[A-Za-z0-9+/=]+", "base64,");

    /// <summary>
    /// Every key of metrics.json's sections as the report names them (layer leaves as layer.key); the per-horizon
    /// forecasts have their own table.
    /// </summary>
    private static IEnumerable<string> MetricKeys(MetricsReport report)
    {
        using var doc = JsonDocument.Parse(report.ToJson());
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var sections = new List<JsonElement> { doc.RootElement.GetProperty("overall") };
        sections.AddRange(doc.RootElement.GetProperty("baselines").EnumerateObject().Select(p => p.Value));
        foreach (var section in sections)
        {
            foreach (var p in section.EnumerateObject().Where(p => p.Name != "forecasts"))
            {
                if (p.Value.ValueKind == JsonValueKind.Object)
                {
                    keys.UnionWith(Leaves(p.Name, p.Value));
                }
                else if (p.Value.ValueKind != JsonValueKind.Null || !sections.Any(s => s.GetProperty(p.Name).ValueKind == JsonValueKind.Object))
                {
                    keys.Add(p.Name);
                }
            }
        }

        return keys.Order(StringComparer.Ordinal).ToList();

        static IEnumerable<string> Leaves(string prefix, JsonElement obj) => obj.EnumerateObject().SelectMany(l =>
            l.Value.ValueKind == JsonValueKind.Object ? Leaves(prefix + "." + l.Name, l.Value) : [prefix + "." + l.Name]);
    }

    private static StrategyResult Synthetic(string name, params double[] equity) =>
        new(
            name,
            [
                new Trade(Start, Start + 2 * Hour, 1, 100, 101, 0.01, 0.0008, 0.0092, "trending-up", "target", 0.7),
                new Trade(Start + 3 * Hour, Start + 5 * Hour, -1, 101, 100, 0.0099, 0.0008, 0.0091, "trending-up", "target", 0.65),
            ],
            [.. equity.Select((e, i) => new EquityPoint(Start + i * Hour, e, Math.Min(0, e / equity.Take(i + 1).Max() - 1)))]);

    private static ReportInput SyntheticInput()
    {
        var hierarchy = Synthetic("synthetic-hierarchy", 1, 1.004, 1.009, 1.007, 1.012, 1.018);
        var buyHold = Synthetic("synthetic-buy-and-hold", 1, 1.01, 0.99, 0.995, 1.0, 1.005);
        var macroOnly = Synthetic("synthetic-macro-only", 1, 0.998, 0.996, 1.001, 0.999, 1.002);
        ReliabilityBin[] bins =
        [
            new(0.5, 0.6, 4, 0.55, 0.5),
            new(0.6, 0.7, 6, 0.65, 0.6667),
            new(0.7, 0.8, 0, null, null),
        ];
        var overall = new MetricsSection(
            new IntegratedResult
            {
                CumulativeAlpha = 0.018,
                ExcessReturnVsBuyAndHold = 0.013,
                SharpeRatio = 2.5,
                HitRate = 1,
                ProfitFactor = null,
                GrossProfit = 0.0183,
                GrossLoss = 0,
                MaxDrawdown = -0.002,
                Trades = 2,
            },
            new MacroMetrics(new AccuracyResult(0.6, 10, 2), new TimingResult(3.5, [2, 5]), null,
                RegimeNullResult.Empty.Merge(new RegimeNullResult(default(RegimeSkill).Add(true, 0.5),
                    new Dictionary<Regime, RegimeSkill> { [Regime.Trending] = default(RegimeSkill).Add(true, 0.5) }))),
            null,
            new MicroResult(0.1, 1.5, 120, 0.8, 40),
            [
                new HorizonMetrics
                {
                    Horizon = new("1h", 3600),
                    Decisions = 12,
                    Points = 10,
                    Coverage = 10.0 / 12,
                    InformationCoefficient = 0.0421,
                    IcStandardError = 0.0137,
                    IcT = 3.07,
                    BrierN = 10,
                    BrierScore = 0.21,
                    BrierSkill = 0.0123,
                    Reliability = bins,
                },
            ]);
        MetricsSection Baseline(double alpha) => new(new IntegratedResult { CumulativeAlpha = alpha, Trades = 2, HitRate = 0.5 });
        var report = new MetricsReport(
            overall,
            new Dictionary<string, MetricsSection>
            {
                ["trending-up"] = new(new IntegratedResult { CumulativeAlpha = 0.0183, Trades = 2, HitRate = 1 }),
                ["ranging"] = new(new IntegratedResult()),
            },
            new Dictionary<string, MetricsSection>
            {
                ["synthetic-macro-only"] = Baseline(0.002),
                ["synthetic-buy-and-hold"] = Baseline(0.005),
            },
            "1h");
        PricePoint[] prices = [.. Enumerable.Range(0, 6).Select(i => new PricePoint(Start + i * Hour, 100 + Math.Sin(i)))];
        AlphaSignal[] signals =
        [
            new("SYNTHUSDT", 1, Start, 1, 0.7, 1, 7200, 99, 102, "trending-up", "none", [], [], 100),
            new("SYNTHUSDT", 2, Start + 3 * Hour, -1, 0.65, 1, 7200, 102, 99, "trending-up", "none", [], [], 101),
        ];
        return new ReportInput(
            "Synthetic report (test data)",
            "Synthetic strategy results made up for the report tests; no market data.",
            ["train 2023-12-01..2023-12-31, test 2024-01-01T00:00Z..2024-01-01T05:00Z"],
            hierarchy,
            [buyHold, macroOnly],
            report,
            signals,
            prices,
            bins,
            RegimeRow.FromMetrics(report),
            Verdict);
    }
}

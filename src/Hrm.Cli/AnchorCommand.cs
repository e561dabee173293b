using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Hrm.MarketData;
using Hrm.MarketData.Candles;
using Hrm.Protocol.Market;
using Hrm.Signals.Evaluation;
using Hrm.Signals.Evaluation.Anchors;
using Hrm.Signals.Evaluation.Metrics;

namespace Hrm.Cli;

/// <summary>
/// <c>hrm anchor momentum</c>: two published time-series-momentum specifications reproduced on every spot 1h candle
/// file in a directory (Liu and Tsyvinski 2021; Moskowitz, Ooi and Pedersen 2012). Prints the tables and writes
/// <c>momentum.md</c> and <c>momentum.json</c>. Method and reading: docs/ANCHORS.md.
/// </summary>
public static class AnchorCommand
{
    public const string MarkdownFile = "momentum.md";
    public const string JsonFile = "momentum.json";

    /// <summary>Liu and Tsyvinski's weekly horizons (their table: 1 to 4 weeks ahead).</summary>
    public static readonly int[] WeeklyHorizons = [1, 2, 3, 4];

    /// <summary>Liu and Tsyvinski's daily horizons (their daily panel: 1 to 7 days ahead).</summary>
    public static readonly int[] DailyHorizons = [1, 2, 3, 4, 5, 6, 7];

    /// <summary>Lags h (weeks) of the MOP sign regression: a weekly version of their 1..60-month plot.</summary>
    public static readonly int[] SignLags = [1, 2, 3, 4, 8, 13, 26, 52];

    /// <summary>MOP look-back k and holding h, in weeks.</summary>
    public static readonly int[] StrategyWeeks = [1, 2, 4];

    private const string Pooled = "pooled";
    private const string PassiveLong = "passive_long";
    private const string Name = "hrm anchor momentum";

    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "Directory with freqtrade-style candle files; every *-spot-1h file is used", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Output directory for momentum.md and momentum.json", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("out", "anchor")) };
        var json = new Option<bool>("--json") { Description = "Print momentum.json (with the paths written) on stdout instead of the tables" };

        var momentum = new Command("momentum", "Time-series momentum: Liu & Tsyvinski (2021) predictive regressions and Moskowitz, Ooi & Pedersen (2012) sign regression and (k, h) strategies, per coin and pooled")
        {
            data,
            output,
            json,
        };
        momentum.SetAction(parse => Run(parse.GetValue(data)!, parse.GetValue(output)!, parse.GetValue(json)));

        return new Command("anchor", "External anchors: published results reproduced on our data")
        {
            momentum,
        };
    }

    private static int Run(DirectoryInfo data, DirectoryInfo output, bool json)
    {
        try
        {
            var report = Compute(data);
            Directory.CreateDirectory(output.FullName);
            var mdPath = Path.Combine(output.FullName, MarkdownFile);
            var jsonPath = Path.Combine(output.FullName, JsonFile);
            var markdown = ToMarkdown(report);
            File.WriteAllText(mdPath, markdown);
            File.WriteAllText(jsonPath, ToJson(report, null));
            Console.Out.WriteLine(json ? ToJson(report, (mdPath, jsonPath)) : markdown.TrimEnd());
            return 0;
        }
        catch (AnchorInputException error)
        {
            Console.Error.WriteLine($"{Name}: {error.Message}");
            return 2;
        }
    }

    // ------------------------------------------------------------------ computation

    /// <summary>What was read from one coin's file.</summary>
    public sealed record CoinData(
        string Symbol,
        string File,
        long FirstOpen,
        long LastClose,
        int Hours,
        int MissingHours,
        long RejectedRows,
        IReadOnlyList<PeriodReturn> Weekly,
        IReadOnlyList<PeriodReturn> Daily,
        IReadOnlyList<double?> SigmaAtWeekStart);

    /// <summary>Everything the command reports.</summary>
    public sealed record MomentumReport(
        IReadOnlyList<CoinData> Coins,
        IReadOnlyDictionary<string, IReadOnlyList<PredictiveRegression>> WeeklySingle,
        IReadOnlyDictionary<string, IReadOnlyList<PredictiveRegression>> WeeklyCumulative,
        IReadOnlyDictionary<string, IReadOnlyList<PredictiveRegression>> DailySingle,
        IReadOnlyDictionary<string, IReadOnlyList<SignRegression>> Sign,
        IReadOnlyDictionary<string, IReadOnlyList<StrategyPerformance>> Strategies,
        IReadOnlyDictionary<string, IReadOnlyList<StrategyAlpha>> Alphas);

    /// <summary>Reads every spot 1h file under <paramref name="data"/> and runs both specifications.</summary>
    public static MomentumReport Compute(DirectoryInfo data)
    {
        if (!data.Exists)
        {
            throw new AnchorInputException($"data '{data.FullName}' does not exist.");
        }

        var files = CandleFile.Discover(data.FullName)
            .Where(f => f.Kind == CandleKind.Spot && f.Period == BarPeriod.H1)
            .OrderBy(f => f.Symbol, StringComparer.Ordinal)
            .ToArray();
        if (files.Length == 0)
        {
            throw new AnchorInputException($"no spot 1h candle files (*-spot-1h.csv[.gz]) under '{data.FullName}'.");
        }

        var duplicate = files.GroupBy(f => f.Symbol).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new AnchorInputException($"{duplicate.Key} has {duplicate.Count()} spot 1h files under '{data.FullName}'; keep one.");
        }

        var coins = files.Select(ReadCoin).ToArray();
        var symbols = coins.Select(c => c.Symbol).Append(Pooled).ToArray();

        Dictionary<string, IReadOnlyList<T>> PerCoinAndPooled<T>(Func<CoinData, IReadOnlyList<T>> one, Func<IReadOnlyList<T>> pooled)
        {
            var result = coins.ToDictionary(c => c.Symbol, one);
            result[Pooled] = pooled();
            return result;
        }

        var weekly = coins.Select(c => c.Weekly).ToArray();
        var daily = coins.Select(c => c.Daily).ToArray();
        var sigmas = coins.Select(c => c.SigmaAtWeekStart).ToArray();

        var strategies = new Dictionary<string, IReadOnlyList<StrategyPerformance>>();
        var alphas = new Dictionary<string, IReadOnlyList<StrategyAlpha>>();
        var series = new Dictionary<string, List<IReadOnlyList<PeriodReturn>>>();
        foreach (var coin in coins)
        {
            var own = StrategyGrid().ToDictionary(
                g => g.Name,
                g => TimeSeriesMomentum.MopStrategy(coin.Weekly, coin.SigmaAtWeekStart, g.K, g.H, ReturnKind.Simple, g.Passive));
            foreach (var (name, s) in own)
            {
                if (!series.TryGetValue(name, out var list))
                {
                    series[name] = list = [];
                }

                list.Add(s);
            }

            strategies[coin.Symbol] = StrategyGrid().Select(g => TimeSeriesMomentum.Performance(g.Name, g.K, g.H, own[g.Name])).ToArray();
            alphas[coin.Symbol] = Alphas(own);
        }

        var pooledSeries = StrategyGrid().ToDictionary(g => g.Name, g => TimeSeriesMomentum.EqualWeighted(series[g.Name]));
        strategies[Pooled] = StrategyGrid().Select(g => TimeSeriesMomentum.Performance(g.Name, g.K, g.H, pooledSeries[g.Name])).ToArray();
        alphas[Pooled] = Alphas(pooledSeries);

        return new MomentumReport(
            coins,
            PerCoinAndPooled(
                c => TimeSeriesMomentum.LiuTsyvinski(c.Weekly, WeeklyHorizons, FutureReturn.Single, ReturnKind.Simple),
                () => TimeSeriesMomentum.LiuTsyvinskiPooled(weekly, WeeklyHorizons, FutureReturn.Single, ReturnKind.Simple)),
            PerCoinAndPooled(
                c => TimeSeriesMomentum.LiuTsyvinski(c.Weekly, WeeklyHorizons, FutureReturn.Cumulative, ReturnKind.Simple),
                () => TimeSeriesMomentum.LiuTsyvinskiPooled(weekly, WeeklyHorizons, FutureReturn.Cumulative, ReturnKind.Simple)),
            PerCoinAndPooled(
                c => TimeSeriesMomentum.LiuTsyvinski(c.Daily, DailyHorizons, FutureReturn.Single, ReturnKind.Simple),
                () => TimeSeriesMomentum.LiuTsyvinskiPooled(daily, DailyHorizons, FutureReturn.Single, ReturnKind.Simple)),
            PerCoinAndPooled(
                c => TimeSeriesMomentum.MopSignRegression(c.Weekly, c.SigmaAtWeekStart, SignLags),
                () => TimeSeriesMomentum.MopSignRegressionPooled(weekly, sigmas, SignLags)),
            strategies,
            alphas);
    }

    /// <summary>Each sign strategy's α over the passive long at the same volatility target.</summary>
    private static StrategyAlpha[] Alphas(Dictionary<string, IReadOnlyList<PeriodReturn>> series) =>
        StrategyGrid().Where(g => !g.Passive).Select(g => TimeSeriesMomentum.AlphaOver(g.Name, series[g.Name], series[PassiveLong])).ToArray();

    private static IEnumerable<(string Name, int K, int H, bool Passive)> StrategyGrid()
    {
        foreach (var k in StrategyWeeks)
        {
            foreach (var h in StrategyWeeks)
            {
                yield return ($"tsmom_k{k}_h{h}", k, h, false);
            }
        }

        yield return (PassiveLong, 1, 1, true);
    }

    private static CoinData ReadCoin(CandleFile file)
    {
        var reader = new CandleCsvReader(file);
        var closes = new List<PricePoint>();
        long firstOpen = 0;
        foreach (var e in reader)
        {
            if (e is Bar bar)
            {
                if (closes.Count == 0)
                {
                    firstOpen = bar.TsEvent - Protocol.EventTime.NanosPerHour;
                }

                closes.Add(new PricePoint(bar.TsEvent, bar.Close));
            }
        }

        if (closes.Count == 0)
        {
            throw new AnchorInputException($"{Path.GetFileName(file.Path)} has no readable candles.");
        }

        if (closes.Any(c => !(c.Price > 0)))
        {
            throw new AnchorInputException($"{Path.GetFileName(file.Path)} has a close that is not positive.");
        }

        var hours = closes.Count;
        var span = (int)((closes[^1].TsEvent - closes[0].TsEvent) / Protocol.EventTime.NanosPerHour) + 1;
        var weekly = WeeklyReturns.Weekly(closes, ReturnKind.Simple);
        var daily = WeeklyReturns.Daily(closes, ReturnKind.Simple);
        if (weekly.Count == 0)
        {
            throw new AnchorInputException($"{Path.GetFileName(file.Path)} spans less than one full week (Monday to Monday UTC).");
        }

        var sigma = TimeSeriesMomentum.SigmaAtStart(weekly, TimeSeriesMomentum.ExAnteVolatility(daily));
        return new CoinData(file.Symbol, Path.GetFileName(file.Path), firstOpen, closes[^1].TsEvent, hours, span - hours, reader.Rejects.Total, weekly, daily, sigma);
    }

    // ------------------------------------------------------------------ published values (docs/ANCHORS.md, sources)

    /// <summary>
    /// Liu and Tsyvinski, NBER WP 24877 (Aug 2018), Table 14 Panel B, Bitcoin weekly, 2011-01-01 → 2018-05-31
    /// (CoinDesk prices): β, Newey–West t, R² and the one-sd effect for r_{t+1..4}. Quoted by a third-party research
    /// note (see docs/ANCHORS.md); not checked against the PDF here. The RFS 2021 table was not found.
    /// </summary>
    public static readonly (int H, double Beta, double T, double R2, double OneSd)[] PublishedBitcoinWeekly =
    [
        (1, 0.19, 3.73, 0.03, 0.0316),
        (2, 0.22, 4.52, 0.05, 0.0366),
        (3, 0.21, 4.26, 0.05, 0.0349),
        (4, 0.09, 1.72, 0.01, 0.0150),
    ];

    // ------------------------------------------------------------------ output

    private static string ToMarkdown(MomentumReport report)
    {
        var md = new StringBuilder();
        md.AppendLine("# Time-series momentum on Binance spot 1h candles (`hrm anchor momentum`)");
        md.AppendLine();
        md.AppendLine("Specification and reading: docs/ANCHORS.md. Weeks are Monday 00:00 UTC → next Monday 00:00 UTC, days 00:00 → 00:00 UTC;");
        md.AppendLine("a boundary price is the last 1h close at or before it (at most 6 h stale, else the period is missing). Simple returns,");
        md.AppendLine("no risk-free rate subtracted, gross of costs. Cells are β (t); t is Newey–West per coin (lag ⌊4(n/100)^(2/9)⌋,");
        md.AppendLine("≥ h − 1 for cumulative targets) and Driscoll–Kraay (same lag) pooled. n = observations.");
        md.AppendLine();

        md.AppendLine("## Coverage");
        md.AppendLine();
        md.AppendLine("| coin | file | first candle | last close | candles | missing hours | weeks | weeks w/o return | first week | last week |");
        md.AppendLine("|---|---|---|---|---:|---:|---:|---:|---|---|");
        foreach (var c in report.Coins)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {c.Symbol} | {c.File} | {Iso(c.FirstOpen)} | {Iso(c.LastClose)} | {c.Hours} | {c.MissingHours} | {c.Weekly.Count} | {c.Weekly.Count(w => w.Return is null)} | {Day(c.Weekly[0].Start)} | {Day(c.Weekly[^1].Start)} |");
        }

        md.AppendLine();
        AppendPredictive(md, "1a. Liu & Tsyvinski: r_{t+h} (the week h weeks ahead) on r_t, weekly", report.WeeklySingle, WeeklyHorizons, "h");
        AppendPublished(md, report);
        AppendPredictive(md, "1b. Liu & Tsyvinski: cumulative r_{t+1..t+h} on r_t, weekly", report.WeeklyCumulative, WeeklyHorizons, "h");
        AppendPredictive(md, "1c. Liu & Tsyvinski: r_{d+h} (the day h days ahead) on r_d, daily", report.DailySingle, DailyHorizons, "h");

        md.AppendLine("## 2a. Moskowitz, Ooi & Pedersen: r_t/σ_{t−1} on sign(r_{t−h}), weekly");
        md.AppendLine();
        md.AppendLine("σ = EWMA of daily returns, centre of mass 60 days, × √365. Pooled: t Driscoll–Kraay, [t] clustered by week (the paper's).");
        md.AppendLine();
        md.AppendLine("| coin | n (h=1) | " + string.Join(" | ", SignLags.Select(h => $"h={h}")) + " |");
        md.AppendLine("|---|---:|" + string.Concat(SignLags.Select(_ => "---:|")));
        foreach (var (coin, rows) in report.Sign)
        {
            var cells = rows.Select(r => $"{F(r.Beta, "F3")} ({F(r.TStat, "F2")}){(r.TStatClustered is { } c ? $" [{c.ToString("F2", CultureInfo.InvariantCulture)}]" : "")}");
            md.AppendLine(CultureInfo.InvariantCulture, $"| {coin} | {rows[0].N} | {string.Join(" | ", cells)} |");
        }

        md.AppendLine();
        md.AppendLine("## 2b. Moskowitz, Ooi & Pedersen: sign(past k weeks) × 40%/σ, held h weeks");
        md.AppendLine();
        md.AppendLine("Annualised Sharpe (Newey–West t of the mean). Pooled = equal-weighted across the coins trading that week.");
        md.AppendLine("passive_long = always long at the same 40%/σ.");
        md.AppendLine();
        AppendStrategies(md, report, p => $"{F(p.Sharpe, "F2")} ({F(p.TStat, "F2")})");
        md.AppendLine("Mean return per week, % (n weeks).");
        md.AppendLine();
        AppendStrategies(md, report, p => $"{F(p.Mean * 100, "F2")} ({p.N})");

        md.AppendLine("## 2c. Does the sign add to being long? α over passive_long");
        md.AppendLine();
        md.AppendLine("R_t = α + β · passive_long_t + ε_t over the same weeks: α in % per week (Newey–West t), β in [ ].");
        md.AppendLine();
        var names = report.Alphas[Pooled].Select(a => a.Name.Replace("tsmom_", "", StringComparison.Ordinal)).ToArray();
        md.AppendLine("| coin | " + string.Join(" | ", names) + " |");
        md.AppendLine("|---|" + string.Concat(names.Select(_ => "---:|")));
        foreach (var (coin, rows) in report.Alphas)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {coin} | {string.Join(" | ", rows.Select(a => $"{F(a.Alpha * 100, "F2")} ({F(a.AlphaT, "F2")}) [{F(a.Beta, "F2")}]"))} |");
        }

        md.AppendLine();
        return md.ToString();
    }

    private static void AppendPredictive(StringBuilder md, string title, IReadOnlyDictionary<string, IReadOnlyList<PredictiveRegression>> table, int[] horizons, string label)
    {
        md.AppendLine(CultureInfo.InvariantCulture, $"## {title}");
        md.AppendLine();
        md.AppendLine("| coin | n (h=1) | " + string.Join(" | ", horizons.Select(h => $"{label}={h}")) + " | R² (h=1) |");
        md.AppendLine("|---|---:|" + string.Concat(horizons.Select(_ => "---:|")) + "---:|");
        foreach (var (coin, rows) in table)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {coin} | {rows[0].N} | {string.Join(" | ", rows.Select(r => $"{F(r.Beta, "F3")} ({F(r.TStat, "F2")})"))} | {F(rows[0].R2, "F3")} |");
        }

        md.AppendLine();
    }

    private static void AppendPublished(StringBuilder md, MomentumReport report)
    {
        var ours = report.WeeklySingle.GetValueOrDefault("BTCUSDT");
        if (ours is null)
        {
            return;
        }

        md.AppendLine("Bitcoin beside Liu & Tsyvinski (NBER WP 24877, Table 14 Panel B, 2011-01 → 2018-05, as quoted by a third-party note; see docs/ANCHORS.md):");
        md.AppendLine();
        md.AppendLine("| h | published β (t) | ours β (t) | published R² | ours R² | published 1-sd effect | ours 1-sd effect |");
        md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var p in PublishedBitcoinWeekly)
        {
            var o = ours.First(r => r.Horizon == p.H);
            md.AppendLine(CultureInfo.InvariantCulture, $"| {p.H} | {p.Beta:F2} ({p.T:F2}) | {F(o.Beta, "F3")} ({F(o.TStat, "F2")}) | {p.R2:F2} | {F(o.R2, "F3")} | {p.OneSd * 100:F2}% | {F(o.OneSdEffect * 100, "F2")}% |");
        }

        md.AppendLine();
    }

    private static void AppendStrategies(StringBuilder md, MomentumReport report, Func<StrategyPerformance, string> cell)
    {
        var names = report.Strategies[Pooled].Select(p => p.Name).ToArray();
        md.AppendLine("| coin | " + string.Join(" | ", names.Select(n => n.Replace("tsmom_", "", StringComparison.Ordinal))) + " |");
        md.AppendLine("|---|" + string.Concat(names.Select(_ => "---:|")));
        foreach (var (coin, rows) in report.Strategies)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {coin} | {string.Join(" | ", rows.Select(cell))} |");
        }

        md.AppendLine();
    }

    private static string ToJson(MomentumReport report, (string Md, string Json)? files)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            if (files is { } f)
            {
                w.WriteString("momentum_md", f.Md);
                w.WriteString("momentum_json", f.Json);
            }

            w.WriteString("spec", "docs/ANCHORS.md");
            w.WriteStartObject("conventions");
            w.WriteString("week", "Monday 00:00 UTC to the next Monday 00:00 UTC");
            w.WriteString("day", "00:00 UTC to the next 00:00 UTC");
            w.WriteString("boundary_price", "close of the last 1h candle ending at or before the boundary, at most 6 h stale, else the period is missing");
            w.WriteString("returns", "simple, no risk-free rate subtracted, gross of costs");
            w.WriteString("t_stat", "Newey-West (Bartlett) per coin, Driscoll-Kraay pooled; lag floor(4 (n/100)^(2/9)), at least h-1 for cumulative targets");
            w.WriteString("sigma", "EWMA of daily returns about the EW mean, centre of mass 60 days, annualised by 365, known at the week's start; 60 days warm-up");
            w.WriteNumber("target_volatility", TimeSeriesMomentum.TargetVolatility);
            w.WriteNumber("weeks_per_year", TimeSeriesMomentum.WeeksPerYear);
            w.WriteEndObject();

            w.WriteStartArray("coins");
            foreach (var c in report.Coins)
            {
                w.WriteStartObject();
                w.WriteString("symbol", c.Symbol);
                w.WriteString("file", c.File);
                w.WriteString("first_candle_open", Iso(c.FirstOpen));
                w.WriteString("last_candle_close", Iso(c.LastClose));
                w.WriteNumber("candles", c.Hours);
                w.WriteNumber("missing_hours", c.MissingHours);
                w.WriteNumber("rejected_rows", c.RejectedRows);
                w.WriteNumber("weeks", c.Weekly.Count);
                w.WriteNumber("weeks_without_return", c.Weekly.Count(p => p.Return is null));
                w.WriteString("first_week_start", Iso(c.Weekly[0].Start));
                w.WriteString("last_week_end", Iso(c.Weekly[^1].End));
                w.WriteNumber("days", c.Daily.Count);
                w.WriteNumber("days_without_return", c.Daily.Count(p => p.Return is null));
                w.WriteNumber("weeks_with_sigma", c.SigmaAtWeekStart.Count(s => s is not null));
                w.WriteEndObject();
            }

            w.WriteEndArray();

            w.WriteStartObject("liu_tsyvinski");
            WritePredictive(w, "weekly_single", report.WeeklySingle);
            WritePredictive(w, "weekly_cumulative", report.WeeklyCumulative);
            WritePredictive(w, "daily_single", report.DailySingle);
            w.WriteStartObject("published_bitcoin_weekly");
            w.WriteString("source", "Liu & Tsyvinski, NBER WP 24877 (2018), Table 14 Panel B, 2011-01-01 to 2018-05-31, as quoted by a third-party note; unverified against the PDF");
            w.WriteStartArray("rows");
            foreach (var p in PublishedBitcoinWeekly)
            {
                w.WriteStartObject();
                w.WriteNumber("horizon", p.H);
                w.WriteNumber("beta", p.Beta);
                w.WriteNumber("t_stat", p.T);
                w.WriteNumber("r2", p.R2);
                w.WriteNumber("one_sd_effect", p.OneSd);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();

            w.WriteStartObject("moskowitz_ooi_pedersen");
            WritePerCoin(w, "sign_regression", report.Sign, r =>
            {
                w.WriteNumber("lag", r.Lag);
                w.NumberOrNull("beta", r.Beta);
                w.NumberOrNull("t_stat", r.TStat);
                w.NumberOrNull("t_stat_clustered_by_week", r.TStatClustered);
                w.NumberOrNull("r2", r.R2);
                w.WriteNumber("n", r.N);
                w.WriteNumber("hac_lag", r.HacLag);
            });
            WritePerCoin(w, "strategies", report.Strategies, p =>
            {
                w.WriteString("name", p.Name);
                w.WriteNumber("lookback_weeks", p.LookbackWeeks);
                w.WriteNumber("holding_weeks", p.HoldingWeeks);
                w.WriteNumber("n", p.N);
                w.NumberOrNull("mean_weekly", p.Mean);
                w.NumberOrNull("std_weekly", p.Std);
                w.NumberOrNull("sharpe_annual", p.Sharpe);
                w.NumberOrNull("volatility_annual", p.AnnualVolatility);
                w.NumberOrNull("t_stat_mean", p.TStat);
                w.WriteNumber("hac_lag", p.Lag);
                if (p.FirstWeek is { } first && p.LastWeek is { } last)
                {
                    w.WriteString("first_week_start", Iso(first));
                    w.WriteString("last_week_end", Iso(last));
                }
                else
                {
                    w.WriteNull("first_week_start");
                    w.WriteNull("last_week_end");
                }
            });
            WritePerCoin(w, "alpha_over_passive_long", report.Alphas, a =>
            {
                w.WriteString("name", a.Name);
                w.NumberOrNull("alpha_weekly", a.Alpha);
                w.NumberOrNull("t_stat_alpha", a.AlphaT);
                w.NumberOrNull("beta", a.Beta);
                w.WriteNumber("n", a.N);
                w.WriteNumber("hac_lag", a.Lag);
            });
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WritePredictive(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, IReadOnlyList<PredictiveRegression>> table) =>
        WritePerCoin(w, name, table, r =>
        {
            w.WriteNumber("horizon", r.Horizon);
            w.NumberOrNull("beta", r.Beta);
            w.NumberOrNull("t_stat", r.TStat);
            w.NumberOrNull("intercept", r.Intercept);
            w.NumberOrNull("r2", r.R2);
            w.NumberOrNull("one_sd_effect", r.OneSdEffect);
            w.WriteNumber("n", r.N);
            w.WriteNumber("hac_lag", r.Lag);
        });

    /// <summary><c>name: { coin: [ {row fields}, … ], … }</c>, the coins in the table's order.</summary>
    private static void WritePerCoin<T>(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, IReadOnlyList<T>> table, Action<T> writeRow)
    {
        w.WriteStartObject(name);
        foreach (var (coin, rows) in table)
        {
            w.WriteStartArray(coin);
            foreach (var row in rows)
            {
                w.WriteStartObject();
                writeRow(row);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static string F(double? value, string format) =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "n/a";

    private static string Iso(long ns) => DateTimeOffset.FromUnixTimeMilliseconds(ns / 1_000_000).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string Day(long ns) => DateTimeOffset.FromUnixTimeMilliseconds(ns / 1_000_000).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>Bad input to <c>hrm anchor momentum</c>: reported as one line on stderr, exit code 2.</summary>
public sealed class AnchorInputException(string message) : Exception(message);

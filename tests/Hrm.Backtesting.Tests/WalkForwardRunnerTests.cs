using System.Globalization;
using System.Text.Json;
using Hrm.Backtesting;
using Hrm.MarketData.Replay;
using Hrm.Signals.Evaluation;
using Hrm.Signals.Layers;
using Hrm.Testing;

namespace Hrm.Backtesting.Tests;

/// <summary>A real walk-forward over six months of BTC candles: 120-day train, 30-day test windows.</summary>
public sealed class WalkForwardRunnerTests
{
    [Fact]
    public async Task Six_months_of_BTC_candles_give_metrics_for_the_test_windows_only()
    {
        var outDir = SharedData.NewTempDirectory("walk-forward");
        var options = new WalkForwardOptions
        {
            Backtest = new BacktestOptions { DataDirectory = SharedData.History, Symbols = ["BTCUSDT"], OutDirectory = outDir },
            From = Nanos("2024-01-01T00:00:00Z"),
            To = Nanos("2024-07-01T00:00:00Z"),
            Train = TimeSpan.FromDays(120),
            Test = TimeSpan.FromDays(30),
            Costs = CostModel.Perp,
        };

        var result = await WalkForwardRunner.RunAsync(options);

        Assert.True(result.Summary.Completed);
        Assert.True(result.Summary.EventsReplayed > 0);
        // 182 days − 120 of training leave test windows from Apr 30: 30 d, 30 d and the last 2 days.
        Assert.Equal(3, result.Folds.Count);
        Assert.Equal(Nanos("2024-04-30T00:00:00Z"), result.Folds[0].TestFrom);
        Assert.Equal(options.To, result.Folds[^1].TestTo);

        using var metrics = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "metrics.json")));
        var root = metrics.RootElement;
        foreach (var key in new[] { "overall", "per_regime", "baselines", "walk_forward", "notes" })
        {
            Assert.True(root.TryGetProperty(key, out _), key);
        }

        var overall = root.GetProperty("overall");
        foreach (var key in new[] { "cumulative_alpha", "excess_return_vs_buy_and_hold", "sharpe_ratio", "hit_rate", "profit_factor", "max_drawdown", "fees", "funding_paid", "trades", "turnover" })
        {
            Assert.True(overall.TryGetProperty(key, out _), key);
        }

        // Forecasts judged per candle horizon on labels; the hierarchy states P(rise), so its Brier is against the
        // purged train climatology of the same event (a base rate, strictly between 0 and 1).
        var forecasts = overall.GetProperty("forecasts");
        Assert.Equal(["1h", "4h", "1d", "1w"], forecasts.EnumerateObject().Select(p => p.Name));
        var hour = forecasts.GetProperty("1h");
        Assert.True(hour.GetProperty("points").GetInt32() > 0);
        Assert.Equal(JsonValueKind.Number, hour.GetProperty("information_coefficient").ValueKind);
        Assert.True(hour.GetProperty("ic_se").GetDouble() > 0);
        Assert.InRange(hour.GetProperty("brier_base_rate").GetDouble(), 0.3, 0.7);
        Assert.Equal("hand_set", root.GetProperty("hierarchy_integrator").GetString());

        var notes = root.GetProperty("notes").EnumerateArray().Select(n => n.GetString()).ToList();
        Assert.Contains(WalkForwardRunner.Notes, notes);
        // Candles feed macro and meso; without an order book there is no micro update, but the hierarchy still decides.
        Assert.True(overall.GetProperty("trades").GetInt32() > 0);
        Assert.DoesNotContain(WalkForwardRunner.NoTradesNote, notes);

        var buyAndHold = root.GetProperty("baselines").GetProperty("buy_and_hold");
        Assert.Equal(3, buyAndHold.GetProperty("trades").GetInt32());
        // A long perp held through 2024's positive funding pays it.
        Assert.True(buyAndHold.GetProperty("funding_paid").GetDouble() > 0);
        var baselines = root.GetProperty("baselines");
        Assert.Equal(
            ["buy_and_hold", "macro_alone", "meso_alone", "micro_alone", "naive_average", "random_sign_placebo", "tsmom", "vol_target_long"],
            baselines.EnumerateObject().Select(p => p.Name));
        // The placebo trades as often as the hierarchy (same times and sizes, random directions).
        Assert.InRange(baselines.GetProperty("random_sign_placebo").GetProperty("trades").GetInt32(),
            overall.GetProperty("trades").GetInt32() * 0.8, overall.GetProperty("trades").GetInt32() * 1.2);
        Assert.Equal(StrategyEvaluation.PlaceboDraws, root.GetProperty("placebo_draws").GetProperty("draws").GetInt32());
        // The pre-registered rules read the macro layer's momentum and volatility features: with 120 days of training
        // (more than the 30 days of 4h bars they need) both are in the market, and tsmom rebalances at most weekly.
        var tsmomTrades = baselines.GetProperty("tsmom").GetProperty("trades").GetInt32();
        Assert.InRange(tsmomTrades, 1, 4 * 9);
        Assert.True(baselines.GetProperty("vol_target_long").GetProperty("trades").GetInt32() > 0);
        Assert.True(baselines.GetProperty("vol_target_long").GetProperty("funding_paid").GetDouble() > 0);
        // Macro and meso read the candles and trade alone; micro never speaks without ticks, so it stays flat.
        Assert.True(baselines.GetProperty("macro_alone").GetProperty("trades").GetInt32() > 0);
        Assert.True(baselines.GetProperty("meso_alone").GetProperty("trades").GetInt32() > 0);
        Assert.Equal(0, baselines.GetProperty("micro_alone").GetProperty("trades").GetInt32());
        Assert.All(result.Evaluation!.Baselines.SelectMany(b => b.Trades),
            t => Assert.Contains(result.Folds, f => t.EntryTs >= f.TestFrom && t.EntryTs < f.TestTo));

        // The layers are judged on their test-window outputs: macro and meso made calls, micro none.
        Assert.True(overall.GetProperty("macro").GetProperty("regime_calls_judged").GetInt32() > 0);
        Assert.True(overall.GetProperty("meso").GetProperty("patterns_resolved").GetInt32() > 0);
        Assert.True(overall.GetProperty("meso").GetProperty("large_moves").GetInt32() > 0);
        Assert.Equal(JsonValueKind.Null, overall.GetProperty("micro").ValueKind);

        // No scored signal lies outside a test window, in the result or in either output file.
        Assert.All(result.TestSignals, s => Assert.Contains(result.Folds, f => s.TsEvent >= f.TestFrom && s.TsEvent < f.TestTo));
        var parquet = await SignalParquet.ReadAsync(Path.Combine(outDir, "signals.parquet"));
        Assert.Equal(result.TestSignals.Count, parquet.Count);
        Assert.All(parquet, s => Assert.Contains(result.Folds, f => s.TsEvent >= f.TestFrom && s.TsEvent < f.TestTo));
        Assert.Equal(result.TestSignals.Count + 1, File.ReadAllLines(Path.Combine(outDir, "signals.csv")).Length);

        // features.parquet: one row per decision tick of the test windows, every feature, and labels that are the
        // log return of the perp opens from the fill to one horizon later.
        var columns = await FeatureParquet.ReadAsync(Path.Combine(outDir, "features.parquet"));
        Assert.All(FeatureSchema.Names, name => Assert.True(columns.ContainsKey(name), name));
        var ts = (long[])columns["ts_event"];
        Assert.Equal(result.Evaluation.Rows.Count, ts.Length);
        Assert.All(ts, t => Assert.Contains(result.Folds, f => t >= f.TestFrom && t < f.TestTo));
        Assert.Equal(result.Folds.Select(f => f.Index), ((int[])columns["fold"]).Distinct().Order());
        var opens = WalkForwardWindows.PriceBars(RecordedSources.OpenHistory(SharedData.History, ["BTCUSDT"], options.From, options.To).PerpBars["BTCUSDT"], long.MinValue, long.MaxValue)
            .ToDictionary(b => b.TsEvent, b => b.Open);
        var fill = (long?[])columns["fill_ts_4h"];
        var ret = (double?[])columns["ret_4h"];
        var checkedRows = 0;
        for (var i = 0; i < ts.Length; i += 97)
        {
            if (ret[i] is not { } r)
            {
                continue;
            }

            Assert.True(fill[i] > ts[i]);
            Assert.Equal(Math.Log(opens[fill[i]!.Value + 4 * 3_600_000_000_000] / opens[fill[i]!.Value]), r, 12);
            checkedRows++;
        }

        Assert.True(checkedRows > 10);
        // the vol-scaled label and a macro momentum feature are there for most ticks
        Assert.True(((double?[])columns["label_1h"]).Count(v => v is not null) > ts.Length / 2);
        Assert.True(((double?[])columns["macro_mom_1w"]).Count(v => v is not null) > ts.Length / 2);
    }

    private static long Nanos(string iso) =>
        (DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture).UtcTicks - DateTime.UnixEpoch.Ticks) * 100;
}

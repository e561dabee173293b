using Hrm.Signals.Evaluation;
using Hrm.Signals.Evaluation.Metrics;
using Hrm.Signals.Numerics;

namespace Hrm.Signals.Tests.Evaluation.Metrics;

/// <summary>Integrated metrics against hand-computed examples; the arithmetic is in the comments.</summary>
public sealed class IntegratedMetricsTests
{
    private const long S = 1_000_000_000;
    private const long H = 3600 * S;
    private const long D = 24 * H;

    private static Trade T(double net, double position = 1, string regime = "trending", long exit = 0, double probability = double.NaN, double? gross = null) =>
        new(0, exit, position, 100, 100, gross ?? net, 0, net, regime, "time", probability);

    // Hourly additive equity (1 + Σ net returns) 1.0 → 1.1 → 1.0 → 1.1.
    private static readonly EquityPoint[] Curve =
    [
        new(0, 1.0, 0), new(H, 1.1, 0), new(2 * H, 1.0, -0.1), new(3 * H, 1.1, 0),
    ];

    [Fact]
    public void Total_return_is_last_minus_first_on_additive_equity()
    {
        // 1.1 − 1.0 = 0.1.
        Assert.Equal(0.1, IntegratedMetrics.TotalReturn(Curve)!.Value, 12);
        // A losing curve that crosses zero: 1 → −0.5 is a loss of 1.5 times the starting capital.
        Assert.Equal(-1.5, IntegratedMetrics.TotalReturn([new(0, 1, 0), new(H, -0.5, -1.5)])!.Value, 12);
        Assert.Null(IntegratedMetrics.TotalReturn([]));
    }

    [Fact]
    public void Excess_return_is_the_difference_to_buy_and_hold()
    {
        // Strategy 0.1, buy-and-hold 1.0 → 1.05: 0.1 − 0.05 = 0.05.
        EquityPoint[] hold = [new(0, 1.0, 0), new(3 * H, 1.05, 0)];
        Assert.Equal(0.05, IntegratedMetrics.ExcessReturn(Curve, hold)!.Value, 12);
    }

    [Fact]
    public void Period_returns_sample_the_last_equity_at_or_before_each_grid_time()
    {
        // Hourly grid 0, 1h, 2h: equity 1.0 (t=0), 1.2 (last at/before 1h is the 30 min point), 1.0 (at 2h).
        // Returns 1.2 − 1.0 = 0.2 and 1.0 − 1.2 = −0.2; the 90 min point (0.9) is between grid times.
        EquityPoint[] irregular = [new(0, 1.0, 0), new(H / 2, 1.2, 0), new(3 * H / 2, 0.9, -0.3), new(2 * H, 1.0, -0.2)];
        var r = IntegratedMetrics.PeriodReturns(irregular, 3600);
        Assert.Equal(2, r.Length);
        Assert.Equal(0.2, r[0], 12);
        Assert.Equal(-0.2, r[1], 12);
    }

    [Fact]
    public void Sharpe_is_mean_over_sample_std_annualised_by_periods_per_year()
    {
        // Returns 0.1, −0.1, 0.1: mean 1/30; deviations 1/15, −2/15, 1/15; Σd² = 6/225; /(n−1)=2 → 3/225 = 0.04/3;
        // std = 0.2/√3; mean/std = (1/30)·√3/0.2 = √3/6. Hourly → 8760 periods a year: √3/6 · √8760 ≈ 27.02.
        var r = IntegratedMetrics.PeriodReturns(Curve, 3600);
        Assert.Equal([0.1, -0.1, 0.1], r.Select(x => Math.Round(x, 12)));
        var sharpe = IntegratedMetrics.Sharpe(r, 3600, trades: 3);
        Assert.Equal(Math.Sqrt(3) / 6 * Math.Sqrt(8760), sharpe!.Value, 9);
    }

    [Fact]
    public void Sharpe_is_undefined_without_trades_constant_returns_or_one_return()
    {
        Assert.Null(IntegratedMetrics.Sharpe([0.1, -0.1, 0.1], 3600, trades: 0));
        // 1 → 1.5 → 2: returns 0.5, 0.5, std 0 → undefined, not infinite.
        EquityPoint[] steady = [new(0, 1, 0), new(H, 1.5, 0), new(2 * H, 2, 0)];
        Assert.Null(IntegratedMetrics.Sharpe(IntegratedMetrics.PeriodReturns(steady, 3600), 3600, trades: 2));
        Assert.Null(IntegratedMetrics.Sharpe([0.05], 3600, trades: 1));
    }

    [Fact]
    public void Hit_rate_profit_factor_and_turnover()
    {
        // Net +0.10, −0.05, +0.02, −0.01, 0: winners 2 of 5 (0 is not a win) → 0.4.
        // Gross profit 0.12, gross loss 0.06 → profit factor 2.
        // |position| 1, 0.5, 1, 1, 0.5: Σ 2|p| = 8 over 2 days → 4 per day.
        Trade[] trades = [T(0.10), T(-0.05, -0.5), T(0.02), T(-0.01), T(0, 0.5)];
        Assert.Equal(0.4, IntegratedMetrics.HitRate(trades)!.Value, 12);
        Assert.Equal(2.0, IntegratedMetrics.ProfitFactor(trades)!.Value, 12);
        Assert.Equal(4.0, IntegratedMetrics.Turnover(trades, 0, 2 * D)!.Value, 12);
    }

    [Fact]
    public void No_trades_and_no_losses_are_null_not_made_up()
    {
        Assert.Null(IntegratedMetrics.HitRate([]));
        Assert.Null(IntegratedMetrics.ProfitFactor([]));
        // Only winners: Σ losses = 0, the ratio would be +∞ → null; gross profit 0.3 still reported.
        Trade[] winners = [T(0.1), T(0.2)];
        Assert.Null(IntegratedMetrics.ProfitFactor(winners));
        Assert.Equal(0.3, IntegratedMetrics.GrossProfitLoss(winners).Profit, 12);
        var empty = IntegratedMetrics.Compute(new StrategyResult("flat", [], [new(0, 1, 0), new(D, 1, 0)]));
        Assert.Equal(0, empty.Trades);
        Assert.Null(empty.SharpeRatio);
        Assert.Null(empty.HitRate);
        Assert.Equal(0.0, empty.CumulativeAlpha);
        Assert.Equal(0.0, empty.Turnover);
    }

    [Fact]
    public void Max_drawdown_is_the_deepest_fall_from_the_running_peak()
    {
        // Peak 1.1, trough 1.0: 1.0 − 1.1 = −0.1 (the recovery to 1.1 does not matter).
        Assert.Equal(-0.1, IntegratedMetrics.MaxDrawdown(Curve)!.Value, 12);
        // Rising curve: no drawdown.
        Assert.Equal(0.0, IntegratedMetrics.MaxDrawdown([1.0, 1.1, 1.2]));
        Assert.Null(IntegratedMetrics.MaxDrawdown(Array.Empty<double>()));
    }

    [Fact]
    public void Spearman_uses_average_ranks_for_ties()
    {
        // x = 1, 2, 2, 3 → ranks 1, 2.5, 2.5, 4; y = 1, 3, 2, 4 → ranks 1, 3, 2, 4. Means 2.5.
        // dx = −1.5, 0, 0, 1.5; dy = −1.5, 0.5, −0.5, 1.5; Σdxdy = 4.5, Σdx² = 4.5, Σdy² = 5 → 4.5/√22.5 = √0.9.
        Assert.Equal([1, 2.5, 2.5, 4], Stats.Ranks([1, 2, 2, 3]));
        Assert.Equal(Math.Sqrt(0.9), Stats.Spearman([1, 2, 2, 3], [1, 3, 2, 4])!.Value, 12);
        Assert.Null(Stats.Spearman([1, 1, 1], [1, 2, 3]));
    }

    [Fact]
    public void Brier_and_reliability()
    {
        // p 0.8, 0.6, 0.3, 0.9 with outcomes 1, 0, 0, 1: (0.04 + 0.36 + 0.09 + 0.01)/4 = 0.125.
        ProbabilityOutcome[] calls = [new(0.8, true), new(0.6, false), new(0.3, false), new(0.9, true), new(double.NaN, true)];
        Assert.Equal(0.125, IntegratedMetrics.Brier(calls)!.Value, 12);

        // Bins of 0.1: 0.8 and 0.85 share bin 8 → mean forecast 0.825, observed 1/2; 1.0 falls in the last bin.
        var table = IntegratedMetrics.Reliability([.. calls, new(0.85, false), new(1.0, true)]);
        Assert.Equal(10, table.Count);
        Assert.Equal(2, table[8].Count);
        Assert.Equal(0.825, table[8].MeanForecast!.Value, 12);
        Assert.Equal(0.5, table[8].ObservedFrequency!.Value, 12);
        Assert.Equal(2, table[9].Count);
        Assert.Equal(0, table[0].Count);
        Assert.Null(table[0].MeanForecast);
        Assert.Equal(1, table[3].Count);
    }

    [Fact]
    public void Signal_diversity_is_one_minus_mean_absolute_pairwise_correlation()
    {
        // Macro 1,2,3,4; meso 2,4,6,8 (r = 1); micro 4,3,2,1 (r = −1 with both): mean |r| = 1 → 0.
        Assert.Equal(0.0, IntegratedMetrics.SignalDiversity([[1, 2, 3, 4], [2, 4, 6, 8], [4, 3, 2, 1]])!.Value, 12);
        // Macro 1,0,−1,0 and meso 0,1,0,−1: Σdxdy = 0 → r = 0. Micro 1,1,−1,−1: with macro Σdxdy = 2, Σdx² = 2,
        // Σdy² = 4 → 2/√8 = √2/2; with meso also √2/2. Mean |r| = √2/3 → diversity 1 − √2/3.
        Assert.Equal(1 - Math.Sqrt(2) / 3, IntegratedMetrics.SignalDiversity([[1, 0, -1, 0], [0, 1, 0, -1], [1, 1, -1, -1]])!.Value, 12);
        // A constant layer gives undefined pairs; NaN grid points are dropped pairwise.
        Assert.Null(IntegratedMetrics.SignalDiversity([[1, 1, 1], [1, 2, 3]]));
        Assert.Equal(0.0, IntegratedMetrics.SignalDiversity([[1, 2, double.NaN, 3], [2, 4, 5, 6]])!.Value, 12);
    }

    [Fact]
    public void Regime_adaptability_is_the_share_of_regimes_with_positive_net_return()
    {
        // trending +0.10 − 0.05 = +0.05 > 0; mean_reverting −0.02; volatile +0.01 > 0 → 2 of 3.
        Trade[] trades = [T(0.10), T(-0.05), T(-0.02, regime: "mean_reverting"), T(0.01, regime: "volatile")];
        Assert.Equal(2.0 / 3, IntegratedMetrics.RegimeAdaptability(trades)!.Value, 12);
        Assert.Null(IntegratedMetrics.RegimeAdaptability([]));
    }

    [Fact]
    public void Per_regime_sums_the_regime_trades_in_exit_order()
    {
        // trending: +0.10 (exit 1h) then −0.05 (exit 2h), summed like the simulator's equity: 1 → 1.1 → 1.05 →
        // cumulative 0.05, drawdown 1.05 − 1.1 = −0.05.
        // Per-trade Sharpe: mean 0.025, std √(2·0.075²/1) = 0.075√2; 2 trades in 2 days = 365 a year → × √365.
        Trade[] trades = [T(-0.05, exit: 2 * H), T(0.10, exit: H), T(-0.02, regime: "volatile", exit: H)];
        var per = IntegratedMetrics.PerRegime(trades, 0, 2 * D);
        Assert.Equal(["trending", "volatile"], per.Keys);
        var trending = per["trending"];
        Assert.Equal(2, trending.Trades);
        Assert.Equal(0.05, trending.CumulativeAlpha!.Value, 12);
        Assert.Equal(-0.05, trending.MaxDrawdown!.Value, 12);
        Assert.Equal(0.025 / (0.075 * Math.Sqrt(2)) * Math.Sqrt(365), trending.SharpeRatio!.Value, 9);
        Assert.Equal(0.5, trending.HitRate);
        Assert.Equal(2.0, trending.ProfitFactor!.Value, 12);
        // One trade: no std → Sharpe undefined; only a loss → profit factor 0.
        Assert.Null(per["volatile"].SharpeRatio);
        Assert.Equal(0.0, per["volatile"].ProfitFactor);
    }

    [Fact]
    public void Return_before_costs_and_costs_add_up_to_the_net_return()
    {
        // Gross +0.012 and −0.004 with costs 0.002 and 0.001: before costs 0.008, costs 0.003, net 0.005.
        Trade[] trades =
        [
            new(0, H, 1, 100, 100, 0.012, 0.002, 0.010, "trending", "time", double.NaN),
            new(H, 2 * H, 1, 100, 100, -0.004, 0.001, -0.005, "volatile", "time", double.NaN),
        ];
        var curve = new[] { new EquityPoint(0, 1, 0), new EquityPoint(H, 1.01, 0), new EquityPoint(2 * H, 1.005, -0.005) };
        var all = IntegratedMetrics.Compute(new StrategyResult("s", trades, curve));
        Assert.Equal(0.008, all.ReturnBeforeCosts, 12);
        Assert.Equal(0.003, all.Costs, 12);
        Assert.Equal(0.005, all.CumulativeAlpha!.Value, 12);
        var volatileOnly = IntegratedMetrics.PerRegime(trades, 0, 2 * H)["volatile"];
        Assert.Equal((-0.004, 0.001), (volatileOnly.ReturnBeforeCosts, volatileOnly.Costs));
    }
}

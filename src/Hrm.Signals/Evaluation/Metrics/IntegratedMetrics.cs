using System.Runtime.InteropServices;
using Hrm.Protocol;
using Hrm.Signals.Numerics;
namespace Hrm.Signals.Evaluation.Metrics;

/// <summary>A forecast probability that a call is right and whether it was (for Brier and the reliability table).</summary>
public readonly record struct ProbabilityOutcome(double Probability, bool Outcome);

/// <summary>One row of the reliability table: forecasts in [Lower, Upper), their mean and the observed frequency.</summary>
public sealed record ReliabilityBin(double Lower, double Upper, int Count, double? MeanForecast, double? ObservedFrequency);

/// <summary>What <see cref="IntegratedMetrics.Compute"/> needs besides the strategy's trades and equity.</summary>
/// <param name="PeriodSeconds">Grid step for per-period returns (Sharpe); default one hour.</param>
/// <param name="Benchmark">Buy-and-hold over the same window, for the excess return.</param>
/// <param name="WindowStartTs">Test window start (ns); default the first equity point.</param>
/// <param name="WindowEndTs">Test window end (ns); default the last equity point.</param>
/// <param name="LayerSeries">Macro, meso and micro scores sampled on a common grid (signal diversity).</param>
public sealed record IntegratedOptions(
    long PeriodSeconds = 3600,
    StrategyResult? Benchmark = null,
    long? WindowStartTs = null,
    long? WindowEndTs = null,
    IReadOnlyList<IReadOnlyList<double>>? LayerSeries = null);

/// <summary>The integrated metrics of one strategy on one test window (or one regime of it). Null = undefined.</summary>
public sealed record IntegratedResult
{
    public double? CumulativeAlpha { get; init; }
    public double? ExcessReturnVsBuyAndHold { get; init; }
    public double? SharpeRatio { get; init; }
    public double? HitRate { get; init; }
    public double? ProfitFactor { get; init; }
    public double GrossProfit { get; init; }
    public double GrossLoss { get; init; }

    /// <summary>Σ trade gross returns: what the calls made before fees and slippage.</summary>
    public double ReturnBeforeCosts { get; init; }

    /// <summary>Σ trade costs (fees and spread or slippage, fraction of capital).</summary>
    public double Costs { get; init; }

    /// <summary>The fee part of <see cref="Costs"/>.</summary>
    public double Fees { get; init; }

    /// <summary>Σ funding paid on perpetual positions (negative = received): ReturnBeforeCosts − Costs − Funding = Σ net returns.</summary>
    public double Funding { get; init; }

    public double? MaxDrawdown { get; init; }
    public double? SignalDiversity { get; init; }
    public double? RegimeAdaptability { get; init; }
    public int Trades { get; init; }
    public double? Turnover { get; init; }
}

/// <summary>
/// Integrated metrics (docs/EVALUATION.md): pure functions over the evaluation contract. Returns are fractions of
/// capital, times Unix nanoseconds, a year is 365 days (crypto trades every day).
/// </summary>
public static class IntegratedMetrics
{
    private const double NanosPerSecond = EventTime.NanosPerSecond;
    public const double SecondsPerDay = 86_400;
    public const double SecondsPerYear = 365 * SecondsPerDay;

    /// <summary>
    /// Total net return over the curve, E_last − E_first. Equity is additive (1 + Σ net returns, in units of the
    /// starting capital, as the simulator keeps it), so returns are differences, never ratios: a ratio flips sign once
    /// a losing curve crosses zero. Null for an empty curve.
    /// </summary>
    public static double? TotalReturn(IReadOnlyList<EquityPoint> equity) =>
        equity.Count == 0 ? null : equity[^1].Equity - equity[0].Equity;

    /// <summary>Strategy total return minus the benchmark's (arithmetic difference); null when either is undefined.</summary>
    public static double? ExcessReturn(IReadOnlyList<EquityPoint> strategy, IReadOnlyList<EquityPoint> benchmark) =>
        TotalReturn(strategy) is { } r && TotalReturn(benchmark) is { } b ? r - b : null;

    /// <summary>
    /// Per-period simple returns of the equity curve sampled every <paramref name="periodSeconds"/> from the window
    /// start: E(t_k) is the last equity at or before t_k = start + k·period, for every t_k ≤ end; a trailing partial
    /// period is dropped. r_k = E(t_k) − E(t_{k−1}) (additive equity, see <see cref="TotalReturn"/>).
    /// </summary>
    public static double[] PeriodReturns(IReadOnlyList<EquityPoint> equity, long periodSeconds, long? startTs = null, long? endTs = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(periodSeconds);
        if (equity.Count == 0)
        {
            return [];
        }

        var start = startTs ?? equity[0].TsEvent;
        var end = endTs ?? equity[^1].TsEvent;
        var step = periodSeconds * (long)NanosPerSecond;
        var samples = new List<double>();
        var j = -1;
        for (var t = start; t <= end; t += step)
        {
            while (j + 1 < equity.Count && equity[j + 1].TsEvent <= t)
            {
                j++;
            }

            // Before the first equity point the strategy is flat at its starting equity.
            samples.Add(j < 0 ? equity[0].Equity : equity[j].Equity);
        }

        var returns = new double[Math.Max(0, samples.Count - 1)];
        for (var k = 1; k < samples.Count; k++)
        {
            returns[k - 1] = samples[k] - samples[k - 1];
        }

        return returns;
    }

    /// <summary>
    /// Annualised Sharpe of per-period returns: mean / sample std × √(periods per year), risk-free rate 0. Null when
    /// there were no trades, fewer than two returns, or the returns are constant (std 0).
    /// </summary>
    public static double? Sharpe(IReadOnlyList<double> periodReturns, long periodSeconds, int trades)
    {
        var r = periodReturns.ToArray();
        if (trades == 0 || Stats.SampleStd(r) is not { } sd || !(sd > 1e-15))
        {
            return null;
        }

        return Stats.Mean(r)!.Value / sd * Math.Sqrt(SecondsPerYear / periodSeconds);
    }

    /// <summary>
    /// Per-trade Sharpe (used per regime, where the equity curve cannot be split): mean / sample std of trade net
    /// returns × √(trades per year), trades per year = n / window length in years.
    /// </summary>
    public static double? TradeSharpe(IReadOnlyList<Trade> trades, double windowSeconds)
    {
        var r = trades.Select(t => t.NetReturn).ToArray();
        if (r.Length == 0 || !(windowSeconds > 0) || Stats.SampleStd(r) is not { } sd || !(sd > 1e-15))
        {
            return null;
        }

        return Stats.Mean(r)!.Value / sd * Math.Sqrt(r.Length / (windowSeconds / SecondsPerYear));
    }

    /// <summary>Winning trades (net return &gt; 0) / trades; null with no trades. A zero net return is not a win.</summary>
    public static double? HitRate(IReadOnlyList<Trade> trades) =>
        trades.Count == 0 ? null : (double)trades.Count(t => t.NetReturn > 0) / trades.Count;

    /// <summary>Σ positive net returns and |Σ negative net returns|.</summary>
    public static (double Profit, double Loss) GrossProfitLoss(IReadOnlyList<Trade> trades) =>
        (trades.Where(t => t.NetReturn > 0).Sum(t => t.NetReturn), -trades.Where(t => t.NetReturn < 0).Sum(t => t.NetReturn));

    /// <summary>
    /// Gross profit / gross loss. Null when there is no loss (no trades, or only winners: the ratio would be +∞,
    /// which JSON cannot carry; gross_profit and gross_loss are reported beside it so a reader can tell).
    /// </summary>
    public static double? ProfitFactor(IReadOnlyList<Trade> trades)
    {
        var (profit, loss) = GrossProfitLoss(trades);
        return loss > 0 ? profit / loss : null;
    }

    /// <summary>Deepest decline from the running peak of the equity curve, as a fraction ≤ 0; null when empty.</summary>
    public static double? MaxDrawdown(IReadOnlyList<EquityPoint> equity) =>
        MaxDrawdown(equity.Select(e => e.Equity).ToArray());

    /// <summary>Deepest decline from the running peak of an additive equity series, E − peak (≤ 0); null when empty.</summary>
    public static double? MaxDrawdown(IReadOnlyList<double> equity)
    {
        if (equity.Count == 0)
        {
            return null;
        }

        var peak = equity[0];
        var worst = 0.0;
        foreach (var e in equity)
        {
            peak = Math.Max(peak, e);
            worst = Math.Min(worst, e - peak);
        }

        return worst;
    }

    /// <summary>
    /// Turnover per day: Σ|Δposition| / window days. Each trade opens |Position| and closes |Position|, so it adds
    /// 2|Position| (a reversal +1 → −1 is two trades and adds 2). Null when the window has no length.
    /// </summary>
    public static double? Turnover(IReadOnlyList<Trade> trades, long windowStartTs, long windowEndTs)
    {
        var days = (windowEndTs - windowStartTs) / NanosPerSecond / SecondsPerDay;
        return days > 0 ? trades.Sum(t => 2 * Math.Abs(t.Position)) / days : null;
    }

    /// <summary>Mean (p − o)² over calls with a finite probability; null when none.</summary>
    public static double? Brier(IReadOnlyList<ProbabilityOutcome> calls)
    {
        var valid = calls.Where(c => double.IsFinite(c.Probability)).ToArray();
        return valid.Length == 0 ? null : valid.Average(c => Sq(c.Probability - (c.Outcome ? 1 : 0)));
    }

    /// <summary>
    /// Reliability table: <paramref name="bins"/> equal bins over [0, 1] (the last one closed), each with its count,
    /// mean forecast and observed frequency (null when the bin is empty).
    /// </summary>
    public static IReadOnlyList<ReliabilityBin> Reliability(IReadOnlyList<ProbabilityOutcome> calls, int bins = 10)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bins);
        var sumP = new double[bins];
        var sumO = new double[bins];
        var n = new int[bins];
        foreach (var c in calls)
        {
            if (!double.IsFinite(c.Probability))
            {
                continue;
            }

            var b = Math.Clamp((int)Math.Floor(c.Probability * bins), 0, bins - 1);
            sumP[b] += c.Probability;
            sumO[b] += c.Outcome ? 1 : 0;
            n[b]++;
        }

        return Enumerable.Range(0, bins)
            .Select(b => new ReliabilityBin(
                (double)b / bins,
                (double)(b + 1) / bins,
                n[b],
                n[b] == 0 ? null : sumP[b] / n[b],
                n[b] == 0 ? null : sumO[b] / n[b]))
            .ToArray();
    }

    /// <summary>
    /// Signal diversity: 1 − mean |Pearson| over every pair of layer series (aligned on a common grid). Each pair uses
    /// the grid points where both values are finite; a pair that is undefined (constant, &lt; 2 points) is skipped.
    /// Null when no pair is defined. 1 = uncorrelated sources, 0 = the layers say the same thing.
    /// </summary>
    public static double? SignalDiversity(IReadOnlyList<IReadOnlyList<double>> series)
    {
        var correlations = new List<double>();
        for (var a = 0; a < series.Count; a++)
        {
            for (var b = a + 1; b < series.Count; b++)
            {
                if (series[a].Count != series[b].Count)
                {
                    throw new ArgumentException("layer series must share one grid (equal lengths)");
                }

                var xs = new List<double>();
                var ys = new List<double>();
                for (var i = 0; i < series[a].Count; i++)
                {
                    if (double.IsFinite(series[a][i]) && double.IsFinite(series[b][i]))
                    {
                        xs.Add(series[a][i]);
                        ys.Add(series[b][i]);
                    }
                }

                if (Stats.Pearson(CollectionsMarshal.AsSpan(xs), CollectionsMarshal.AsSpan(ys)) is { } r)
                {
                    correlations.Add(Math.Abs(r));
                }
            }
        }

        return correlations.Count == 0 ? null : 1 - correlations.Average();
    }

    /// <summary>
    /// Regime adaptability: the share of regimes (with at least <paramref name="minTrades"/> trades) whose summed net
    /// trade return is positive. Null when no regime qualifies.
    /// </summary>
    public static double? RegimeAdaptability(IReadOnlyList<Trade> trades, int minTrades = 1)
    {
        var groups = trades.GroupBy(t => t.Regime, StringComparer.Ordinal).Where(g => g.Count() >= minTrades).ToArray();
        return groups.Length == 0 ? null : (double)groups.Count(g => g.Sum(t => t.NetReturn) > 0) / groups.Length;
    }

    /// <summary>All integrated metrics for one strategy over one test window.</summary>
    public static IntegratedResult Compute(StrategyResult result, IntegratedOptions? options = null)
    {
        options ??= new IntegratedOptions();
        var start = options.WindowStartTs ?? (result.Equity.Count > 0 ? result.Equity[0].TsEvent : 0);
        var end = options.WindowEndTs ?? (result.Equity.Count > 0 ? result.Equity[^1].TsEvent : 0);
        var returns = PeriodReturns(result.Equity, options.PeriodSeconds, start, end);
        var (profit, loss) = GrossProfitLoss(result.Trades);
        return new IntegratedResult
        {
            CumulativeAlpha = TotalReturn(result.Equity),
            ExcessReturnVsBuyAndHold = options.Benchmark is { } b ? ExcessReturn(result.Equity, b.Equity) : null,
            SharpeRatio = Sharpe(returns, options.PeriodSeconds, result.Trades.Count),
            HitRate = HitRate(result.Trades),
            ProfitFactor = ProfitFactor(result.Trades),
            GrossProfit = profit,
            GrossLoss = loss,
            ReturnBeforeCosts = result.Trades.Sum(t => t.GrossReturn),
            Costs = result.Trades.Sum(t => t.Costs),
            Fees = result.Trades.Sum(t => t.Fees),
            Funding = result.Trades.Sum(t => t.Funding),
            MaxDrawdown = MaxDrawdown(result.Equity),
            SignalDiversity = options.LayerSeries is { } s ? SignalDiversity(s) : null,
            RegimeAdaptability = RegimeAdaptability(result.Trades),
            Trades = result.Trades.Count,
            Turnover = Turnover(result.Trades, start, end),
        };
    }

    /// <summary>
    /// The same metrics for the trades of one regime. The equity curve cannot be split by regime, so the regime's
    /// trades are summed in exit order as the simulator sums equity (positions are fractions of the initial capital):
    /// cumulative return Σ r, drawdown of the curve 1 + Σ r,
    /// Sharpe per trade (<see cref="TradeSharpe"/>) over the whole window's length.
    /// </summary>
    public static IntegratedResult ComputeForTrades(IReadOnlyList<Trade> trades, long windowStartTs, long windowEndTs, IntegratedOptions? options = null)
    {
        options ??= new IntegratedOptions();
        var ordered = trades.OrderBy(t => t.ExitTs).ThenBy(t => t.EntryTs).ToArray();
        var curve = new double[ordered.Length + 1];
        curve[0] = 1;
        for (var i = 0; i < ordered.Length; i++)
        {
            curve[i + 1] = curve[i] + ordered[i].NetReturn;
        }

        var (profit, loss) = GrossProfitLoss(ordered);
        return new IntegratedResult
        {
            CumulativeAlpha = ordered.Length == 0 ? null : curve[^1] - 1,
            SharpeRatio = TradeSharpe(ordered, (windowEndTs - windowStartTs) / NanosPerSecond),
            HitRate = HitRate(ordered),
            ProfitFactor = ProfitFactor(ordered),
            GrossProfit = profit,
            GrossLoss = loss,
            ReturnBeforeCosts = trades.Sum(t => t.GrossReturn),
            Costs = trades.Sum(t => t.Costs),
            Fees = trades.Sum(t => t.Fees),
            Funding = trades.Sum(t => t.Funding),
            MaxDrawdown = ordered.Length == 0 ? null : MaxDrawdown(curve),
            Trades = ordered.Length,
            Turnover = Turnover(ordered, windowStartTs, windowEndTs),
        };
    }

    /// <summary>
    /// Per regime (the regime recorded on each trade), ordinal key order. The diversity input in
    /// <paramref name="options"/> describes the whole window, so it is dropped here.
    /// </summary>
    public static IReadOnlyDictionary<string, IntegratedResult> PerRegime(IReadOnlyList<Trade> trades, long windowStartTs, long windowEndTs, IntegratedOptions? options = null)
    {
        var own = (options ?? new IntegratedOptions()) with { LayerSeries = null };
        return trades.GroupBy(t => t.Regime, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => ComputeForTrades(g.ToArray(), windowStartTs, windowEndTs, own), StringComparer.Ordinal);
    }

    private static double Sq(double x) => x * x;
}

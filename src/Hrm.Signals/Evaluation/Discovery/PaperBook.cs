using Hrm.Protocol;
using Hrm.Signals.Evaluation.Labels;
using Hrm.Signals.Layers;
using Hrm.Signals.Learning.Hierarchy;
using MathNet.Numerics.Statistics;

namespace Hrm.Signals.Evaluation.Discovery;

/// <summary>A candidate's forecast at one test row: E[r/σ], P(rise) (NaN = none stated) and the variance of its errors.</summary>
public readonly record struct CandidateForecast(double Expected, double ProbabilityUp, double Variance)
{
    public static CandidateForecast None { get; } = new(double.NaN, double.NaN, double.NaN);

    public bool HasView => double.IsFinite(Expected) && Expected != 0;
}

/// <summary>How a candidate traded: the book's daily returns (UTC days, each symbol 1/N of the capital) and its turnover.</summary>
public sealed record PaperResult(IReadOnlyList<double> DailyReturns, double Turnover, double Fees, double Funding)
{
    public double NetReturn => DailyReturns.Sum();

    /// <summary>Per-day Sharpe ratio (mean / standard deviation of the daily returns); null under two days or no variance.</summary>
    public double? DailySharpe
    {
        get
        {
            if (DailyReturns.Count < 2)
            {
                return null;
            }

            var sd = DailyReturns.StandardDeviation();
            return sd > 0 ? DailyReturns.Mean() / sd : null;
        }
    }

    public double? AnnualisedSharpe => DailySharpe * Math.Sqrt(365);

    public double Skewness => DailyReturns.Count < 3 ? 0 : DailyReturns.PopulationSkewness();

    /// <summary>Non-excess kurtosis (3 for a normal distribution), as the Deflated Sharpe Ratio takes it.</summary>
    public double Kurtosis => DailyReturns.Count < 4 ? 3 : DailyReturns.PopulationKurtosis() + 3;
}

/// <summary>
/// Trades a candidate's forecasts on the test rows, the same way for every fitted candidate (docs/LEARNING.md,
/// "Sizing"): at most once per horizon, the position moves to the capped half-Kelly target of the forecast if it
/// clears the cost gate and the no-trade band; pre-registered strategies hold their own target position at every
/// decision tick. A position taken at a decision tick earns the next step's return (the shortest horizon's label, from
/// the same fill the simulator uses), pays fees and slippage on every change (and on closing after the last row), and
/// pays or receives funding at every settlement within that step.
/// </summary>
public static class PaperBook
{
    private const long Day = 86_400 * EventTime.NanosPerSecond;

    /// <param name="rows">Test rows, ordered by symbol then time.</param>
    /// <param name="forecasts">The candidate's forecast at each row.</param>
    /// <param name="stepSeconds">The decision step (the shortest horizon): how long the return a row earns runs, and
    /// the funding it holds through; a gap to the next row earns and pays nothing more.</param>
    public static PaperResult Trade(
        IReadOnlyList<DiscoveryRow> rows,
        IReadOnlyList<CandidateForecast> forecasts,
        Horizon horizon,
        int horizonIndex,
        long stepSeconds,
        bool holdsStatedPosition,
        KellySizing sizing,
        double oneWayCost,
        IReadOnlyDictionary<string, IReadOnlyList<FundingSettlement>> funding)
    {
        var symbols = rows.Select(r => r.Symbol).Distinct(StringComparer.Ordinal).Count();
        var daily = new SortedDictionary<long, double>();
        double turnover = 0, fees = 0, paidFunding = 0;
        var riskBudget = FeatureSchema.Slice(Protocol.Commands.LayerKind.Macro).Offset + FeatureSchema.Macro.RiskBudget;
        var start = 0;
        while (start < rows.Count)
        {
            var end = start;
            while (end < rows.Count && rows[end].Symbol == rows[start].Symbol)
            {
                end++;
            }

            var settlements = funding.TryGetValue(rows[start].Symbol, out var s) ? s : [];
            var next = 0;
            var position = 0.0;
            var rebalanced = long.MinValue;
            for (var i = start; i < end; i++)
            {
                var row = rows[i];
                var before = position;
                if (holdsStatedPosition)
                {
                    position = double.IsFinite(forecasts[i].Expected) ? Math.Clamp(forecasts[i].Expected, -1, 1) : 0;
                }
                else if (rebalanced == long.MinValue || row.TsEvent >= rebalanced + (horizon.Seconds * EventTime.NanosPerSecond))
                {
                    var f = forecasts[i];
                    var target = double.IsFinite(f.Expected)
                        ? sizing.Target(f.Expected, f.Variance, row.Labels[horizonIndex].Sigma, row.Features[riskBudget])
                        : 0;
                    position = sizing.Rebalance(position, target);
                    rebalanced = row.TsEvent;
                }

                var step = row.Labels[0];
                var stepEnd = Math.Min(i + 1 < end ? rows[i + 1].TsEvent : long.MaxValue, row.TsEvent + (stepSeconds * EventTime.NanosPerSecond));
                var closing = i == end - 1 ? Math.Abs(position) : 0; // the book is closed after its last row
                var cost = (Math.Abs(position - before) + closing) * oneWayCost;
                var carry = 0.0;
                while (next < settlements.Count && settlements[next].TsEvent <= row.TsEvent)
                {
                    next++;
                }

                while (next < settlements.Count && settlements[next].TsEvent <= stepEnd)
                {
                    carry += position * settlements[next++].Rate;
                }

                var pnl = (step.IsKnown ? position * step.Return : 0) - cost - carry;
                var day = Math.DivRem(row.TsEvent, Day, out _);
                daily[day] = (daily.TryGetValue(day, out var d) ? d : 0) + (pnl / symbols);
                turnover += (Math.Abs(position - before) + closing) / symbols;
                fees += cost / symbols;
                paidFunding += carry / symbols;
            }

            start = end;
        }

        return new PaperResult([.. daily.Values], daily.Count == 0 ? 0 : turnover / daily.Count, fees, paidFunding);
    }
}

using Hrm.Signals.Evaluation;
using Hrm.Signals.Evaluation.Discovery;
using Hrm.Signals.Evaluation.Labels;
using Hrm.Signals.Layers;
using Hrm.Signals.Learning.Hierarchy;

namespace Hrm.Signals.Tests.Evaluation.Discovery;

public sealed class PaperBookTests
{
    private const long Hour = 3_600_000_000_000;
    private const double OneWayCost = 0.0006;
    private static readonly Horizon OneHour = new("1h", 3_600);
    private static readonly Horizon FourHours = new("4h", 14_400);
    private static readonly double[] Returns = [0.01, -0.02, 0.03];

    /// <summary>Hourly rows of one symbol from 22:00 of day 0 (the third is 00:00 of day 1); Labels[0] the 1h label.</summary>
    private static DiscoveryRow[] Rows(IReadOnlyList<double> returns, long start = 22 * Hour) =>
        [.. returns.Select((r, i) =>
        {
            var ts = start + (i * Hour);
            return new DiscoveryRow("BTCUSDT", ts, 0, FeatureSchema.Unavailable(), [new ForwardLabel(ts, ts + 1, ts + Hour, r, 0.1)], []);
        })];

    private static CandidateForecast[] Held(params double[] positions) => [.. positions.Select(p => new CandidateForecast(p, double.NaN, double.NaN))];

    private static PaperResult TradeHeld(double[] positions, IReadOnlyList<FundingSettlement> settlements) =>
        PaperBook.Trade(Rows(Returns), Held(positions), OneHour, 0, 3_600, holdsStatedPosition: true, KellySizing.Default(6), OneWayCost,
            new Dictionary<string, IReadOnlyList<FundingSettlement>> { ["BTCUSDT"] = settlements });

    [Fact]
    public void A_held_position_earns_the_next_step_and_pays_to_enter_and_to_leave()
    {
        // Position 1 at 22:00, 0 from 23:00: day 0 = 0.01 − 0.0006 (entry) − 0.0006 (exit); day 1 = 0.
        var paper = TradeHeld([1, 0, 0], []);

        Assert.Equal(2, paper.DailyReturns.Count);
        Assert.Equal(0.0088, paper.DailyReturns[0], 12);
        Assert.Equal(0, paper.DailyReturns[1], 12);
        Assert.Equal(0.0088, paper.NetReturn, 12);
        Assert.Equal(0.0012, paper.Fees, 12);
        Assert.Equal(1, paper.Turnover, 12); // two units traded over two days
        Assert.Equal(0, paper.Funding);
    }

    [Fact]
    public void A_long_pays_the_funding_settlements_inside_the_steps_it_holds()
    {
        // Long 22:00–00:00; settlements at 21:00 (before), 23:30 (held: paid) and 00:30 (flat: nothing).
        FundingSettlement[] settlements = [new(21 * Hour, 0.0005), new((23 * Hour) + (Hour / 2), 0.0001), new((24 * Hour) + (Hour / 2), 0.0007)];

        var paper = TradeHeld([1, 1, 0], settlements);

        // Day 0: 0.01 − 0.0006 − 0.02 − 0.0001; day 1: the exit, −0.0006.
        Assert.Equal(0.0001, paper.Funding, 12);
        Assert.Equal(-0.0107, paper.DailyReturns[0], 12);
        Assert.Equal(-0.0006, paper.DailyReturns[1], 12);
        Assert.Equal(-0.0113, paper.NetReturn, 12);
    }

    [Fact]
    public void A_short_receives_the_funding_a_long_would_pay()
    {
        FundingSettlement[] settlements = [new((23 * Hour) + (Hour / 2), 0.0001)];

        var paper = TradeHeld([-1, -1, 0], settlements);

        // −0.01 + 0.02 − 2·0.0006 + 0.0001.
        Assert.Equal(-0.0001, paper.Funding, 12);
        Assert.Equal(0.0089, paper.NetReturn, 12);
    }

    [Fact]
    public void A_fitted_candidate_rebalances_at_most_once_per_horizon()
    {
        // Five hourly rows from 00:00, 4h horizon (σ 0.1), forecasts E[r/σ] = +0.5, −0.5, −0.5, −0.5, −0.5 with variance 1:
        // half-Kelly 2.5 capped at 1, so long 1 from 00:00; the flip is only acted on at 04:00 (short 1, two units).
        double[] returns = [0.01, -0.02, 0.03, 0.005, -0.01];
        var rows = returns.Select((r, i) =>
        {
            var ts = i * Hour;
            return new DiscoveryRow("ETHUSDT", ts, 0, FeatureSchema.Unavailable(),
                [new ForwardLabel(ts, ts + 1, ts + Hour, r, 0.05), new ForwardLabel(ts, ts + 1, ts + (4 * Hour), double.NaN, 0.1)], []);
        }).ToArray();
        CandidateForecast[] forecasts = [new(0.5, 0.6, 1), new(-0.5, 0.4, 1), new(-0.5, 0.4, 1), new(-0.5, 0.4, 1), new(-0.5, 0.4, 1)];

        var paper = PaperBook.Trade(rows, forecasts, FourHours, 1, 3_600, holdsStatedPosition: false, KellySizing.Default(6), OneWayCost,
            new Dictionary<string, IReadOnlyList<FundingSettlement>>());

        // 0.01 − 0.02 + 0.03 + 0.005 (long) + 0.01 (short) − 4·0.0006 (in, flip, and closing the short after the last row).
        Assert.Equal(0.0326, paper.NetReturn, 12);
        Assert.Equal(0.0024, paper.Fees, 12);
        Assert.Equal(4, paper.Turnover, 12);
    }

    [Fact]
    public void Each_symbol_trades_one_nth_of_the_capital()
    {
        var rows = Rows([0.01, 0.0], start: 0).Concat(Rows([0.03, 0.0], start: 0).Select(r => r with { Symbol = "ETHUSDT" })).ToArray();

        var paper = PaperBook.Trade(rows, Held(1, 0, 1, 0), OneHour, 0, 3_600, holdsStatedPosition: true, KellySizing.Default(6), OneWayCost,
            new Dictionary<string, IReadOnlyList<FundingSettlement>>());

        // (0.01 − 0.0012) / 2 + (0.03 − 0.0012) / 2.
        Assert.Equal(0.0188, paper.NetReturn, 12);
        Assert.Equal(2, paper.Turnover, 12);
    }
}

using Hrm.Signals.Evaluation;
using Hrm.Signals.Evaluation.Trading;

namespace Hrm.Signals.Tests.Evaluation.Trading;

/// <summary>Hand-computed round trips; the arithmetic is in the comments. Times are in seconds (× 1e9 ns).</summary>
public sealed class TradeSimulatorTests
{
    private const long S = Protocol.EventTime.NanosPerSecond;
    private static readonly CostModel Free = new(0, 0);

    private static PriceBar Tick(long seconds, double price, double halfSpread = double.NaN) =>
        PriceBar.Tick(seconds * S, price, halfSpread);

    private static PriceBar Bar(long seconds, double open, double high, double low, double close) =>
        new(seconds * S, open, high, low, close);

    private static PositionTarget Target(long seconds, double position, long holding = 0, double stop = double.NaN,
        double takeProfit = double.NaN, string regime = "trending", double probability = 0.6) =>
        new(seconds * S, position, holding, stop, takeProfit, regime, probability);

    private static StrategyResult Run(IReadOnlyList<PriceBar> bars, CostModel costs, params PositionTarget[] targets) =>
        TradeSimulator.Run("test", bars, targets, costs);

    [Fact]
    public void A_target_fills_at_the_first_price_strictly_after_its_stamp()
    {
        // the target is stamped at 2 s, where there is a price (101): it must not trade there but at 3 s (102)
        var r = Run([Tick(1, 100), Tick(2, 101), Tick(3, 102), Tick(4, 104)], Free, Target(2, 1));
        var t = Assert.Single(r.Trades);
        Assert.Equal((3 * S, 102.0), (t.EntryTs, t.EntryPrice));
        // out at the end: 4 s at 104; return = 1 × (104 − 102) / 102 = 0.0196078
        Assert.Equal((4 * S, 104.0, ExitReasons.End), (t.ExitTs, t.ExitPrice, t.ExitReason));
        Assert.Equal(2.0 / 102, t.NetReturn, 12);
        // equity: flat until the fill, 0 at the fill's own close (102 − 102), then 1 + 2/102
        Assert.Equal([1, 1, 1, 1 + 2.0 / 102], r.Equity.Select(e => e.Equity).ToArray());
        Assert.Equal(("trending", 0.6), (t.Regime, t.Probability));
    }

    [Fact]
    public void Fees_and_half_spread_are_paid_on_both_sides()
    {
        // fee 4 bps; the book's half-spread 0.05 at entry and 0.10 at exit overrides the 1 bp slippage
        var bars = new[] { Tick(1, 100, 0.05), Tick(2, 100, 0.05), Tick(3, 110, 0.10) };
        var r = Run(bars, new CostModel(4, 1), Target(1, 0.5));
        var t = Assert.Single(r.Trades);
        // buy at 100 + 0.05 = 100.05; sell at the end at 110 − 0.10 = 109.9
        Assert.Equal((100.05, 109.9), (t.EntryPrice, t.ExitPrice));
        // gross = 0.5 × (110 − 100) / 100 = 0.05
        Assert.Equal(0.05, t.GrossReturn, 12);
        // entry: units 0.5/100 = 0.005; spread 0.005 × 0.05 = 0.00025; fee 0.0004 × 0.005 × 100.05 = 0.0002001
        // exit: spread 0.005 × 0.10 = 0.0005; fee 0.0004 × 0.005 × 109.9 = 0.0002198
        // costs = 0.00025 + 0.0002001 + 0.0005 + 0.0002198 = 0.0011699
        Assert.Equal(0.0011699, t.Costs, 12);
        // of which fees 0.0002001 + 0.0002198
        Assert.Equal(0.0004199, t.Fees, 12);
        // net = 0.05 − 0.0011699 = 0.0488301 (= 0.005 × (109.9 − 100.05) − fees 0.0004199)
        Assert.Equal(0.0488301, t.NetReturn, 12);
        // at the entry tick the equity carries the entry costs already paid: 1 − 0.0004501
        Assert.Equal(1 - 0.0004501, r.Equity[1].Equity, 12);
        Assert.Equal(1.0488301, r.Equity[2].Equity, 12);
    }

    [Fact]
    public void Without_a_book_the_configured_slippage_applies()
    {
        // 10 bps slippage, no fee, no half-spread: a short of 1 sells 200 at 199.8 and buys back 180 at 180.18
        var r = Run([Tick(1, 200), Tick(2, 200), Tick(3, 180)], new CostModel(0, 10), Target(1, -1));
        var t = Assert.Single(r.Trades);
        Assert.Equal(199.8, t.EntryPrice, 12);
        Assert.Equal(180.18, t.ExitPrice, 12);
        // gross = −1 × (180 − 200) / 200 = +0.1; costs = (0.2 + 0.18) / 200 = 0.0019; net = 0.0981
        Assert.Equal(0.1, t.GrossReturn, 12);
        Assert.Equal(0.0019, t.Costs, 12);
        Assert.Equal(0.0981, t.NetReturn, 12);
    }

    [Theory]
    [InlineData(25)] // due at 10 + 25 = 35 s: the first price at or after it is 40 s
    [InlineData(30)] // due at exactly 40 s: "at or after" includes it
    public void The_holding_time_closes_at_the_first_price_at_or_after_it(long holding)
    {
        var bars = new[] { Tick(0, 100), Tick(10, 100), Tick(20, 101), Tick(30, 102), Tick(40, 103), Tick(50, 104) };
        var r = Run(bars, Free, Target(5, 1, holding));
        var t = Assert.Single(r.Trades);
        Assert.Equal((10 * S, 40 * S, 103.0, ExitReasons.Holding), (t.EntryTs, t.ExitTs, t.ExitPrice, t.ExitReason));
        // 1 × (103 − 100) / 100 = 0.03, and no position afterwards: the equity stays at 1.03 when the price goes to 104
        Assert.Equal(0.03, t.NetReturn, 12);
        Assert.Equal(1.03, r.Equity[^1].Equity, 12);
    }

    [Fact]
    public void A_repeated_target_restarts_the_holding_clock_without_trading()
    {
        // long 1 at 10 s for 30 s (due 40 s); the same target again at 25 s executes at 30 s: due 30 + 30 = 60 s
        var bars = new[] { Tick(0, 100), Tick(10, 100), Tick(30, 101), Tick(40, 102), Tick(60, 104), Tick(70, 90) };
        var t = Assert.Single(Run(bars, Free, Target(5, 1, 30), Target(25, 1, 30)).Trades);
        Assert.Equal((10 * S, 60 * S, 104.0, ExitReasons.Holding), (t.EntryTs, t.ExitTs, t.ExitPrice, t.ExitReason));
    }

    [Fact]
    public void A_stop_on_the_wrong_side_exits_on_the_entry_bar()
    {
        // long with its stop above the fill (101 > 100): the entry bar's low 100 is already ≤ 101, and the bar opened
        // beyond the stop, so the exit is the open 100: a zero-return round trip
        var t = Assert.Single(Run([Tick(0, 100), Tick(10, 100), Tick(20, 105)], Free, Target(0, 1, stop: 101)).Trades);
        Assert.Equal((10 * S, 10 * S, 100.0, ExitReasons.Stop), (t.EntryTs, t.ExitTs, t.ExitPrice, t.ExitReason));
    }

    [Fact]
    public void When_one_bar_touches_both_the_stop_wins()
    {
        // long 1 filled at the 60 s bar's open 100, stop 98, take profit 102; the next bar spans 97…103
        var bars = new[] { Bar(0, 100, 100, 100, 100), Bar(60, 100, 100.5, 99.5, 100), Bar(120, 100, 103, 97, 101) };
        var r = Run(bars, new CostModel(0, 10), Target(0, 1, stop: 98, takeProfit: 102));
        var t = Assert.Single(r.Trades);
        Assert.Equal((120 * S, ExitReasons.Stop), (t.ExitTs, t.ExitReason));
        // 10 bps slippage: buy 100 + 0.1 = 100.1; sell at the stop 98 − 0.098 = 97.902
        Assert.Equal((100.1, 97.902), (t.EntryPrice, t.ExitPrice));
        // gross = (98 − 100)/100 = −0.02; costs = (0.1 + 0.098)/100 = 0.00198; net = −0.02198
        Assert.Equal(-0.02, t.GrossReturn, 12);
        Assert.Equal(-0.02198, t.NetReturn, 12);
        // drawdown from the peak of 1: 0.97802 / 1 − 1
        Assert.Equal(-0.02198, r.Equity[^1].Drawdown, 12);
    }

    [Fact]
    public void The_take_profit_closes_at_its_level()
    {
        var bars = new[] { Bar(0, 100, 100, 100, 100), Bar(60, 100, 100.5, 99.5, 100), Bar(120, 100, 102.5, 99, 102) };
        var r = Run(bars, Free, Target(0, 1, stop: 98, takeProfit: 102));
        var t = Assert.Single(r.Trades);
        // the high 102.5 reaches 102, the low 99 misses 98: out at 102, return 0.02
        Assert.Equal((102.0, ExitReasons.TakeProfit), (t.ExitPrice, t.ExitReason));
        Assert.Equal(0.02, t.NetReturn, 12);
    }

    [Fact]
    public void A_gap_through_the_stop_exits_at_the_open()
    {
        // the bar opens at 95, already below the stop 98: the stop cannot fill at 98
        var bars = new[] { Bar(0, 100, 100, 100, 100), Bar(60, 100, 100.5, 99.5, 100), Bar(120, 95, 96, 94, 95.5) };
        var r = Run(bars, Free, Target(0, 1, stop: 98, takeProfit: 102));
        var t = Assert.Single(r.Trades);
        Assert.Equal((95.0, ExitReasons.Stop), (t.ExitPrice, t.ExitReason));
        Assert.Equal(-0.05, t.NetReturn, 12); // (95 − 100) / 100
    }

    [Fact]
    public void A_short_stop_is_above_and_gaps_fill_at_the_open_too()
    {
        // short 1 at 100, stop 102: the bar opens at 104 → out at 104, return −1 × (104 − 100)/100 = −0.04
        var bars = new[] { Bar(0, 100, 100, 100, 100), Bar(60, 100, 100.5, 99.5, 100), Bar(120, 104, 105, 103, 104) };
        var t = Assert.Single(Run(bars, Free, Target(0, -1, stop: 102, takeProfit: 97)).Trades);
        Assert.Equal((104.0, ExitReasons.Stop), (t.ExitPrice, t.ExitReason));
        Assert.Equal(-0.04, t.NetReturn, 12);
    }

    [Fact]
    public void A_resize_trades_only_the_difference()
    {
        // fee 10 bps, no slippage. long 1 at 100 (t2), cut to 0.5 at 110 (t3), raised to 0.75 at 120 (t4), end at 120
        var bars = new[] { Tick(1, 100), Tick(2, 100), Tick(3, 110), Tick(4, 120), Tick(5, 120) };
        var r = Run(bars, new CostModel(10, 0), Target(1, 1), Target(2, 0.5), Target(3, 0.75));
        Assert.Equal(3, r.Trades.Count);
        var (cut, rest, added) = (r.Trades[0], r.Trades[1], r.Trades[2]);
        // cut 0.5 at 110: gross 0.5 × 10/100 = 0.05; costs: half the entry fee 0.5 × 0.001 = 0.0005 + exit fee
        // 0.001 × 0.5 × 110/100 = 0.00055 → 0.00105; net 0.04895
        Assert.Equal((0.5, 2 * S, 3 * S, ExitReasons.Target), (cut.Position, cut.EntryTs, cut.ExitTs, cut.ExitReason));
        Assert.Equal(0.04895, cut.NetReturn, 12);
        // the remaining 0.5 from 100 to 120: gross 0.1; costs 0.0005 + 0.001 × 0.5 × 120/100 = 0.0011; net 0.0989
        Assert.Equal((0.5, 2 * S, ExitReasons.End), (rest.Position, rest.EntryTs, rest.ExitReason));
        Assert.Equal(0.0989, rest.NetReturn, 12);
        // the added 0.25 at 120, out at 120: gross 0; fees 2 × 0.001 × 0.25 = 0.0005; net −0.0005
        Assert.Equal((0.25, 4 * S), (added.Position, added.EntryTs));
        Assert.Equal(-0.0005, added.NetReturn, 12);
        // equity at t4 (marked at 120): 1 + 0.04895 + (0.5 × 0.2 − 0.0005) + (0 − 0.00025) = 1.1482
        Assert.Equal(1.1482, r.Equity[3].Equity, 12);
        // final: 1 + 0.04895 + 0.0989 − 0.0005 = 1.14735
        Assert.Equal(1.14735, r.Equity[^1].Equity, 12);
    }

    [Fact]
    public void A_flip_closes_the_long_and_opens_the_short()
    {
        var bars = new[] { Tick(1, 100), Tick(2, 100), Tick(3, 110), Tick(4, 99) };
        var r = Run(bars, Free, Target(1, 1), Target(2, -1));
        // long 100 → 110: +0.1 (target); short 110 → 99: −1 × (99 − 110)/110 = +0.1 (end)
        Assert.Equal([ExitReasons.Target, ExitReasons.End], r.Trades.Select(t => t.ExitReason).ToArray());
        Assert.Equal(0.1, r.Trades[0].NetReturn, 12);
        Assert.Equal(0.1, r.Trades[1].NetReturn, 12);
        Assert.Equal(1.2, r.Equity[^1].Equity, 12);
    }

    [Fact]
    public void Targets_before_the_same_price_collapse_into_the_latest()
    {
        // long at 1 s and flat at 1.5 s both wait for the 2 s price: nothing is traded
        var r = TradeSimulator.Run("test", [Tick(1, 100), Tick(2, 100), Tick(3, 105)],
            [Target(1, 1), new PositionTarget(S + S / 2, 0, 0, double.NaN, double.NaN, "trending", double.NaN)], Free);
        Assert.Empty(r.Trades);
    }

    [Fact]
    public void The_end_of_the_data_closes_at_the_last_close()
    {
        var bars = new[] { Bar(0, 100, 100, 100, 100), Bar(60, 100, 101, 99, 100), Bar(120, 101, 103, 100, 102) };
        var t = Assert.Single(Run(bars, Free, Target(0, 1)).Trades);
        // last bar closes at 102 (not its open 101): (102 − 100)/100 = 0.02
        Assert.Equal((120 * S, 102.0, ExitReasons.End), (t.ExitTs, t.ExitPrice, t.ExitReason));
        Assert.Equal(0.02, t.NetReturn, 12);
    }

    [Fact]
    public void Buy_and_hold_earns_the_price_ratio_less_two_fees()
    {
        var bars = new[] { Tick(1, 100), Tick(2, 105), Tick(3, 120) };
        var r = TradeSimulator.Run(Strategies.BuyAndHold, bars, Strategies.BuyAndHoldTargets(bars), new CostModel(10, 0));
        var t = Assert.Single(r.Trades);
        Assert.Equal((1 * S, 100.0, 120.0), (t.EntryTs, t.EntryPrice, t.ExitPrice));
        // 120/100 − 1 − fee on the entry notional (0.001 × 1) − fee on the exit notional (0.001 × 1.2)
        // = 0.2 − 0.001 − 0.0012 = 0.1978
        Assert.Equal(0.1978, t.NetReturn, 12);
        Assert.Equal(1.1978, r.Equity[^1].Equity, 12);
    }

    [Fact]
    public void A_flat_strategy_has_no_trades_and_a_flat_equity_curve()
    {
        var bars = new[] { Tick(1, 100), Tick(2, 90), Tick(3, 120) };
        foreach (var targets in new[] { Array.Empty<PositionTarget>(), [Target(0, 0), Target(2, 0)] })
        {
            var r = TradeSimulator.Run("flat", bars, targets, CostModel.Spot);
            Assert.Empty(r.Trades);
            Assert.All(r.Equity, e => Assert.Equal((1.0, 0.0), (e.Equity, e.Drawdown)));
            Assert.Equal(3, r.Equity.Count);
        }
    }

    [Theory]
    [InlineData(90, 0.1)] // short 1 from 100 to 90: −1 × (90 − 100)/100 = +0.1
    [InlineData(110, -0.1)] // and to 110: −1 × (110 − 100)/100 = −0.1
    public void A_short_earns_when_the_price_falls(double last, double expected)
    {
        var t = Assert.Single(Run([Tick(1, 100), Tick(2, 100), Tick(3, last)], Free, Target(1, -1)).Trades);
        Assert.Equal(-1, t.Position);
        Assert.Equal(expected, t.GrossReturn, 12);
        Assert.Equal(expected, t.NetReturn, 12);
    }

    [Fact]
    public void Price_points_run_as_ticks()
    {
        var points = new[] { new PricePoint(1 * S, 100), new PricePoint(2 * S, 100, 0.5), new PricePoint(3 * S, 101) };
        var t = Assert.Single(TradeSimulator.Run("p", points, [Target(1, 1)], Free).Trades);
        Assert.Equal(100.5, t.EntryPrice); // the point's half-spread is used
    }

    [Fact]
    public void Out_of_order_prices_are_refused() =>
        Assert.Throws<ArgumentException>(() => Run([Tick(2, 100), Tick(1, 100)], Free));

    [Fact]
    public void A_long_pays_funding_at_each_settlement_it_is_held_through_on_its_notional_then()
    {
        // Long 0.5 filled at 2 s (100), held to the end at 5 s (close 120). Settlements: at 1 s (before the entry: not
        // paid), at 3 s (rate 0.0001, price 110: 0.5 × 110/100 × 0.0001 = 0.0000550), at 4.5 s (−0.0002, received,
        // priced at the next open 120: 0.5 × 1.2 × −0.0002 = −0.00012), at 6 s (after the exit: not paid).
        // Funding paid = 0.000055 − 0.00012 = −0.000065; net = gross 0.1 − 0 costs + 0.000065.
        var bars = new[] { Tick(1, 100), Tick(2, 100), Tick(3, 110), Tick(5, 120) };
        FundingSettlement[] funding = [new(1 * S, 0.01), new(3 * S, 0.0001), new(9 * S / 2, -0.0002), new(6 * S, 0.01)];
        var r = TradeSimulator.Run("test", bars, [Target(1, 0.5)], Free, funding);
        var t = Assert.Single(r.Trades);
        Assert.Equal(0.1, t.GrossReturn, 12);
        Assert.Equal(-0.000065, t.Funding, 12);
        Assert.Equal(0.1 + 0.000065, t.NetReturn, 12);
        // the equity at 3 s already carries the funding paid there: 1 + 0.5 × 0.1 − 0.000055
        Assert.Equal(1 + 0.05 - 0.000055, r.Equity[2].Equity, 12);
        Assert.Equal(1 + 0.1 + 0.000065, r.Equity[^1].Equity, 12);
    }

    [Fact]
    public void A_short_receives_positive_funding_and_a_settlement_at_its_fill_is_not_its_own()
    {
        // Short 1 filled at 2 s; settlement exactly at 2 s: the lot did not exist before it → not paid. At 3 s the
        // short receives 1 × 100/100 × 0.0003. A resize to −0.5 at 4 s splits the received funding by the parts closed.
        var bars = new[] { Tick(1, 100), Tick(2, 100), Tick(3, 100), Tick(4, 100), Tick(5, 100) };
        FundingSettlement[] funding = [new(2 * S, 0.05), new(3 * S, 0.0003)];
        var r = TradeSimulator.Run("test", bars, [Target(1, -1), Target(3, -0.5)], Free, funding);
        Assert.Equal(2, r.Trades.Count);
        Assert.Equal(-0.00015, r.Trades[0].Funding, 12);
        Assert.Equal(-0.00015, r.Trades[1].Funding, 12);
        Assert.Equal(0.0003, r.Trades.Sum(t => t.NetReturn), 12);
    }

    [Fact]
    public void Default_fees_come_from_the_venue_schedule()
    {
        Assert.Equal(5, CostModel.Perp.FeeBps);
        Assert.Equal(10, CostModel.Spot.FeeBps);
        Assert.All(FeeSchedule.Defaults, f => Assert.False(string.IsNullOrWhiteSpace(f.Source)));
        Assert.Equal(0, FeeSchedule.For(Hrm.Protocol.Market.Venue.Deribit).MakerBps);
        Assert.Throws<ArgumentOutOfRangeException>(() => FeeSchedule.For(Hrm.Protocol.Market.Venue.OnChain));
    }
}

using Hrm.Backtesting;
using Hrm.Protocol.Layers;
using Hrm.Protocol.Market;
using Hrm.Signals.Evaluation;
using Hrm.Signals.Evaluation.Trading;
using Hrm.Signals.Evaluation.WalkForward;

namespace Hrm.Backtesting.Tests;

/// <summary>Hand-computed folds: what a fold's entity is fed, which of its signals are scored, and how windows add up.</summary>
public sealed class WalkForwardWindowsTests
{
    private const long Hour = 3_600_000_000_000;

    // Fold 1: train [100 h, 200 h), test [200 h, 300 h).
    private static readonly WalkForwardFold Fold = new(1, 100 * Hour, 200 * Hour, 300 * Hour);

    [Fact]
    public void A_fold_sees_only_its_train_and_test_windows_under_its_own_entity()
    {
        var events = new[] { 99, 100, 150, 199, 200, 299, 300, 301 }.Select(h => BarClosingAt(h * Hour, 10)).ToArray();

        var fed = WalkForwardWindows.FoldEvents(events, Fold).ToArray();

        Assert.Equal(new[] { 100, 150, 199, 200, 299 }.Select(h => h * Hour), fed.Select(e => e.TsEvent));
        Assert.All(fed, e => Assert.Equal("BTCUSDT~f1", e.Symbol));
        Assert.Equal("BTCUSDT", WalkForwardWindows.SymbolOf("BTCUSDT~f1"));
        Assert.Equal("BTCUSDT~f1", WalkForwardWindows.EntityName("BTCUSDT", Fold));
    }

    [Fact]
    public void Only_signals_stamped_in_the_test_window_are_scored_and_they_carry_the_symbol_again()
    {
        var signals = new[] { 150, 199, 200, 250, 299, 300 }.Select((h, i) => Signal("ETHUSDT~f1", i + 1, h * Hour)).Reverse().ToArray();

        var test = WalkForwardWindows.TestSignals(signals, Fold);
        var train = WalkForwardWindows.TrainSignals(signals, Fold);

        Assert.Equal(new[] { 200, 250, 299 }.Select(h => h * Hour), test.Select(s => s.TsEvent));
        Assert.Equal(new[] { 150, 199 }.Select(h => h * Hour), train.Select(s => s.TsEvent));
        Assert.All(test.Concat(train), s => Assert.Equal("ETHUSDT", s.Symbol));
    }

    [Fact]
    public void Prices_are_the_candles_opening_in_the_window_stamped_at_their_open()
    {
        // 1h candles closing at 200 h (opens 199 h: before the window), 201 h and 300 h (opens 299 h), 301 h (opens 300 h).
        var bars = new[] { 200, 201, 300, 301 }.Select(h => BarClosingAt(h * Hour, 10)).ToArray();

        var prices = WalkForwardWindows.PriceBars(bars, Fold.TestFrom, Fold.TestTo);

        Assert.Equal(new[] { 200 * Hour, 299 * Hour }, prices.Select(p => p.TsEvent));
        Assert.Equal(new PriceBar(200 * Hour, 10, 11, 9, 10.5), prices[0]);
    }

    [Fact]
    public void Windows_chain_additively_and_symbols_share_the_capital_equally()
    {
        // BTC: window 1 ends at 1.10, window 2 at 0.95 (its own start 1) → P&L +0.10 then +0.10 − 0.05 = +0.05.
        // ETH: one window ending at 1.20 → +0.20. Each symbol has half the capital.
        var btc = new[]
        {
            Result(new EquityPoint(1, 1.00, 0), new EquityPoint(2, 1.10, 0)),
            Result(new EquityPoint(3, 1.00, 0), new EquityPoint(4, 0.95, -0.05)),
        };
        var eth = new[] { WithTrades([new(2, 1.00, 0), new(4, 1.20, 0)], new Trade(2, 4, 1, 10, 12, 0.2, 0.001, 0.199, "trending", "end", 0.6)) };

        var combined = WalkForwardWindows.Combine("hierarchy", [btc, eth]);

        Assert.Equal(new long[] { 1, 2, 3, 4 }, combined.Equity.Select(e => e.TsEvent));
        // t1: btc 0, eth none → 1; t2: btc .10/2, eth 0 → 1.05; t3: btc (.10 + 0)/2 → 1.05; t4: btc .05/2 + eth .20/2 → 1.125
        Assert.Equal(new[] { 1.0, 1.05, 1.05, 1.125 }, combined.Equity.Select(e => Math.Round(e.Equity, 12)));
        var trade = Assert.Single(combined.Trades);
        Assert.Equal(0.5, trade.Position);
        Assert.Equal(0.0995, trade.NetReturn, 12);
    }

    private static StrategyResult Result(params EquityPoint[] equity) => new("x", [], equity);

    private static StrategyResult WithTrades(EquityPoint[] equity, params Trade[] trades) => new("x", trades, equity);

    private static Bar BarClosingAt(long ts, double close) => new()
    {
        Symbol = "BTCUSDT",
        Venue = Venue.BinanceUsdm,
        TsEvent = ts,
        TsInit = ts,
        Period = BarPeriod.H1,
        Open = close,
        High = close + 1,
        Low = close - 1,
        Close = close + 0.5,
        Volume = 1,
    };

    private static AlphaSignal Signal(string entity, long sequence, long ts) =>
        new(entity, sequence, ts, 1, 0.5, 0.1, 3600, 9, 12, "trending", "breakout", [], [], 10);
}

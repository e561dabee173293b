using System.Text.Json;
using Hrm.Backtesting;
using Hrm.Protocol.Market;

namespace Hrm.Backtesting.Tests;

/// <summary><c>summary.json</c> names why a run was not scored, and only then: a scored run's summary keeps its fields.</summary>
public sealed class BacktestSummaryTests
{
    private static readonly BacktestSummary Scored = new(
        "data", ["BTCUSDT"], ["orders.csv.gz"], new() { ["l3_order"] = 3 }, [], new() { ["flat"] = 0 }, 3, 1, 1, 3, true);

    [Fact]
    public void A_scored_run_has_no_not_scored_field()
    {
        using var json = JsonDocument.Parse(Scored.ToJson());

        Assert.False(json.RootElement.TryGetProperty("not_scored", out _));
        Assert.Equal(0, json.RootElement.GetProperty("warmup_signals_excluded").GetInt64());
    }

    [Fact]
    public void An_unscored_run_says_which_venue_had_no_quotes_and_what_it_read()
    {
        var summary = Scored with { NotScored = CaptureEvaluation.NotScored(Venue.BinanceUsdm, Scored.EventsRead.Keys) };

        using var json = JsonDocument.Parse(summary.ToJson());

        Assert.Equal(
            "not scored: no symbol has a book ticker on the primary venue (BinanceUsdm), the quotes a capture backtest trades at; events read: l3_order",
            json.RootElement.GetProperty("not_scored").GetString());
    }
}

using Hrm.Backtesting;
using Hrm.MarketData.Replay;
using Hrm.Testing;

namespace Hrm.Backtesting.Tests;

public sealed class BacktestSourcesTests
{
    [Fact]
    public void History_brings_spot_1h_funding_and_the_finest_perp_bars_that_reach_back_to_the_warm_up()
    {
        var sources = RecordedSources.Open(ReplayRecoveryTests.Options(SharedData.NewTempDirectory("sources")).Input);

        // saam0's perp 15m starts 2024-01-01 and covers the 120-day warm-up before 2024-08-08; roshan's starts 2025-08.
        Assert.Equal(
            ["./cm_ethusd_perp", "./spot_ethusdt", "./usdm_ethusdt", "ETH_USDT-spot-1h.csv.gz", "ETH_USDT_USDT-funding_rate.csv.gz", "ETH_USDT_USDT-perp-15m.csv.gz"],
            sources.Names);
    }

    [Fact]
    public void History_stops_at_the_first_tick_and_starts_at_the_warm_up()
    {
        var options = ReplayRecoveryTests.Options(SharedData.NewTempDirectory("sources")) with { Warmup = TimeSpan.FromDays(2) };
        var events = RecordedSources.Open(options.Input).Events.ToList();

        var firstTick = events.First(e => e is not Hrm.Protocol.Market.Bar and not Hrm.Protocol.Market.FundingRate).TsEvent;
        var history = events.Where(e => e is Hrm.Protocol.Market.Bar or Hrm.Protocol.Market.FundingRate).ToList();
        Assert.NotEmpty(history);
        Assert.All(history, e => Assert.InRange(e.TsEvent, firstTick - TimeSpan.FromDays(2).Ticks * 100, firstTick - 1));
        // Two days: 48 spot 1h bars, 192 perp 15m bars, 6 funding settlements.
        Assert.Equal(48 + 192 + 6, history.Count);
    }
}

using Hrm.MarketData.Binance;
using Hrm.MarketData.Replay;
using Hrm.Protocol.Commands;
using Hrm.Protocol.Layers;
using Hrm.Protocol.Market;
using Hrm.Signals.Layers;
using Hrm.Testing;

namespace Hrm.Signals.Tests.Layers;

/// <summary>Which timeframe meso speaks from, and which venue micro speaks from, on real data.</summary>
public sealed class LayerVenueAndTimeframeTests
{
    private const string Perp15m = "macro_meso/binance_freqtrade_saam0/BTC_USDT_USDT-perp-15m.csv.gz";
    private const string Perp5m = "meso/binance_freqtrade_harthor_5m/BTC_USDT_USDT-perp-5m.csv.gz";

    [Fact]
    public void Meso_speaks_from_15m_history_until_enough_5m_bars_exist_then_from_5m()
    {
        // 2025-01-01 00:00 → 2025-01-03 00:00 UTC: 192 real 15m bars, then 2025-01-03 00:00 → 03:00: 36 real 5m bars.
        var fifteen = RealData.ReadCandles(Perp15m, Venue.BinanceUsdm, BarPeriod.M15, 1_735_689_600_000, 1_735_862_400_000);
        var five = RealData.ReadCandles(Perp5m, Venue.BinanceUsdm, BarPeriod.M5, 1_735_862_400_000, 1_735_873_200_000);
        var meso = (MesoLayer)LayerFactory.Create(LayerKind.Meso, "BTCUSDT", null);

        foreach (var bar in fifteen)
        {
            meso.Apply(bar);
        }

        Assert.Equal(BarPeriod.M15, meso.PatternPeriod);
        Assert.NotNull(meso.Output(fifteen[^1].TsEvent));

        foreach (var bar in five)
        {
            meso.Apply(bar);
        }

        Assert.Equal(BarPeriod.M5, meso.PatternPeriod);
    }

    [Fact]
    public void Meso_is_silent_before_any_timeframe_is_ready()
    {
        var fifteen = RealData.ReadCandles(Perp15m, Venue.BinanceUsdm, BarPeriod.M15, 1_735_689_600_000, 1_735_689_600_000 + 10 * 900_000);
        var meso = (MesoLayer)LayerFactory.Create(LayerKind.Meso, "BTCUSDT", null);
        foreach (var bar in fifteen)
        {
            meso.Apply(bar);
        }

        Assert.Equal(10, fifteen.Count);
        Assert.Null(meso.PatternPeriod);
        Assert.Null(meso.Output(fifteen[^1].TsEvent));
    }

    [Fact]
    public void Micro_moves_off_a_venue_whose_feed_ended_while_another_venue_goes_on()
    {
        // The 2024 USD-M ETH capture ends at 2024-08-09 00:00; spot ETH goes on to about 00:05.
        var captures = CaptureCatalog.Discover(SharedData.Window2024)
            .Where(c => c.Symbol == "ETHUSDT" && c.Venue is Venue.BinanceUsdm or Venue.BinanceSpot)
            .Select(c => (IEnumerable<MarketEvent>)new BinanceCaptureReader(c))
            .ToList();
        var micro = (MicroLayer)LayerFactory.Create(LayerKind.Micro, "ETHUSDT", null);
        const long midnight = 1_723_161_600_000_000_000;
        long lastUsdm = 0;
        Venue? beforeMidnight = null;

        foreach (var e in EventMerger.Merge(captures))
        {
            if (e.TsEvent >= midnight - 60_000_000_000 && beforeMidnight is null)
            {
                beforeMidnight = micro.Primary()?.Venue;
            }

            if (e.Venue == Venue.BinanceUsdm)
            {
                lastUsdm = e.TsEvent;
            }

            micro.Apply(e);
            if (e.TsEvent > midnight + 60_000_000_000)
            {
                break;
            }
        }

        Assert.Equal(Venue.BinanceUsdm, beforeMidnight);
        Assert.True(lastUsdm < midnight + 2_000_000_000, "the USD-M feed ends about a second after midnight (event time)");
        Assert.Equal(Venue.BinanceSpot, micro.Primary()?.Venue);
        Assert.NotNull(micro.Output(midnight + 60_000_000_000));
    }
}

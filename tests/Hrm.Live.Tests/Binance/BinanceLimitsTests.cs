using Hrm.Live.Binance;
using Hrm.Protocol.Market;

namespace Hrm.Live.Tests.Binance;

public sealed class BinanceLimitsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 18, 0, 10, TimeSpan.Zero);

    [Fact]
    public void Connection_attempts_wait_once_the_window_is_full()
    {
        var gate = new ConnectAttemptGate(attemptsPerWindow: 2, window: TimeSpan.FromMinutes(5));
        gate.Record(T0);
        gate.Record(T0.AddSeconds(30));
        Assert.Equal(TimeSpan.FromMinutes(4), gate.Delay(T0.AddMinutes(1)));
        Assert.Equal(TimeSpan.Zero, gate.Delay(T0.AddMinutes(5)));
    }

    [Fact]
    public void Rest_weight_waits_for_the_next_minute_and_a_refusal_for_its_retry_after()
    {
        var gate = new RestWeightGate(weightPerMinute: 100);
        Assert.Equal(TimeSpan.Zero, gate.Reserve(T0, 50));
        gate.Observe(T0, usedWeight: 90);
        Assert.Equal(TimeSpan.FromSeconds(50), gate.Reserve(T0, 20));
        Assert.Equal(TimeSpan.Zero, gate.Reserve(T0.AddSeconds(50), 20));

        gate.Refuse(T0.AddSeconds(50), TimeSpan.FromSeconds(30));
        Assert.Equal(TimeSpan.FromSeconds(25), gate.Reserve(T0.AddSeconds(55), 1));
    }

    [Fact]
    public void Backoff_doubles_to_its_cap_and_adds_at_most_the_jitter()
    {
        var options = new BinanceOptions { MinBackoff = TimeSpan.FromSeconds(1), MaxBackoff = TimeSpan.FromSeconds(10), BackoffJitter = 0.2 };
        Assert.Equal(TimeSpan.FromSeconds(1), Backoff.Delay(options, 0, 0));
        Assert.Equal(TimeSpan.FromSeconds(4), Backoff.Delay(options, 2, 0));
        Assert.Equal(TimeSpan.FromSeconds(10), Backoff.Delay(options, 9, 0));
        Assert.Equal(TimeSpan.FromSeconds(12), Backoff.Delay(options, 9, 1));
    }

    [Fact]
    public void Urls_follow_the_venue_and_keep_a_base_path()
    {
        var fake = new BinanceVenueSettings(Venue.BinanceCoinm, "ws://127.0.0.1:5000/binance-coinm", "http://127.0.0.1:5000/binance-coinm/");
        Assert.Equal("ws://127.0.0.1:5000/binance-coinm/stream?streams=btcusd_perp@depth@0ms/btcusd_perp@bookTicker/btcusd_perp@trade/btcusd_perp@markPrice@1s",
            BinanceUrls.CombinedStream(fake, ["btcusd_perp"]).ToString());
        Assert.Equal("http://127.0.0.1:5000/binance-coinm/dapi/v1/depth?symbol=BTCUSD_PERP&limit=1000",
            BinanceUrls.DepthSnapshot(fake, "btcusd_perp", 1000).ToString());
        Assert.Equal("https://api.binance.com/api/v3/depth?symbol=BTCUSDT&limit=1000",
            BinanceUrls.DepthSnapshot(BinanceVenueSettings.Spot, "btcusdt", 1000).ToString());
        Assert.Equal("wss://stream.binance.com:9443/stream?streams=btcusdt@depth@100ms/btcusdt@bookTicker/btcusdt@trade",
            BinanceUrls.CombinedStream(BinanceVenueSettings.Spot, ["btcusdt"]).ToString());
        Assert.Equal((50, 20), (BinanceUrls.DepthWeight(Venue.BinanceSpot, 1000), BinanceUrls.DepthWeight(Venue.BinanceUsdm, 1000)));
    }
}

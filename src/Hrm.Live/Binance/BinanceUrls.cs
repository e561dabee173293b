using Hrm.Protocol.Market;

namespace Hrm.Live.Binance;

/// <summary>The combined-stream and REST depth addresses, and the REST weights, of Binance's public market data.</summary>
public static class BinanceUrls
{
    /// <summary>The streams subscribed for one instrument (lower case, e.g. <c>btcusd_perp</c>).</summary>
    public static IReadOnlyList<string> Streams(Venue venue, string instrument) => venue.IsFutures()
        ? [$"{instrument}@depth@0ms", $"{instrument}@bookTicker", $"{instrument}@trade", $"{instrument}@markPrice@1s"]
        : [$"{instrument}@depth@100ms", $"{instrument}@bookTicker", $"{instrument}@trade"];

    public static Uri CombinedStream(BinanceVenueSettings settings, IEnumerable<string> instruments) =>
        new($"{settings.WebSocketBase.TrimEnd('/')}/stream?streams="
            + string.Join('/', instruments.SelectMany(i => Streams(settings.Venue, i))));

    public static Uri DepthSnapshot(BinanceVenueSettings settings, string instrument, int limit) =>
        new($"{settings.RestBase.TrimEnd('/')}{DepthPath(settings.Venue)}?symbol={instrument.ToUpperInvariant()}&limit={limit}");

    private static string DepthPath(Venue venue) => venue switch
    {
        Venue.BinanceSpot => "/api/v3/depth",
        Venue.BinanceUsdm => "/fapi/v1/depth",
        Venue.BinanceCoinm => "/dapi/v1/depth",
        _ => throw new ArgumentOutOfRangeException(nameof(venue), venue, "not a Binance venue"),
    };

    /// <summary>The request weight Binance charges for a depth snapshot of <paramref name="limit"/> levels.</summary>
    public static int DepthWeight(Venue venue, int limit) => venue.IsFutures()
        ? limit switch { <= 50 => 2, <= 100 => 5, <= 500 => 10, _ => 20 }
        : limit switch { <= 100 => 5, <= 500 => 25, <= 1000 => 50, _ => 250 };

    /// <summary>Binance's per-IP request weight per minute: spot 6000, USD-M and COIN-M 2400.</summary>
    public static int WeightLimitPerMinute(Venue venue) => venue.IsFutures() ? 2400 : 6000;

    /// <summary>The capture file prefix a recorder writes this instrument's messages under (<c>cm_btcusd_perp</c>).</summary>
    public static string CapturePrefix(Venue venue, string instrument) => venue switch
    {
        Venue.BinanceSpot => "spot_",
        Venue.BinanceUsdm => "usdm_",
        Venue.BinanceCoinm => "cm_",
        _ => throw new ArgumentOutOfRangeException(nameof(venue), venue, "not a Binance venue"),
    } + instrument;
}

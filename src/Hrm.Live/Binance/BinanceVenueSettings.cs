using Hrm.Protocol.Market;

namespace Hrm.Live.Binance;

/// <summary>
/// Where one Binance venue lives. A base may carry a path (<c>ws://127.0.0.1:5000/binance-spot</c>); the stream and
/// REST paths are appended to it.
/// </summary>
public sealed record BinanceVenueSettings(Venue Venue, string WebSocketBase, string RestBase)
{
    public static BinanceVenueSettings Spot { get; } =
        new(Venue.BinanceSpot, "wss://stream.binance.com:9443", "https://api.binance.com");

    public static BinanceVenueSettings Usdm { get; } =
        new(Venue.BinanceUsdm, "wss://fstream.binance.com", "https://fapi.binance.com");

    public static BinanceVenueSettings Coinm { get; } =
        new(Venue.BinanceCoinm, "wss://dstream.binance.com", "https://dapi.binance.com");

    /// <summary>The real endpoints of <paramref name="venue"/>.</summary>
    public static BinanceVenueSettings Default(Venue venue) => venue switch
    {
        Venue.BinanceSpot => Spot,
        Venue.BinanceUsdm => Usdm,
        Venue.BinanceCoinm => Coinm,
        _ => throw new ArgumentOutOfRangeException(nameof(venue), venue, "not a Binance venue"),
    };
}

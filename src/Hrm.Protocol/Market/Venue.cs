namespace Hrm.Protocol.Market;

/// <summary>A market an instrument trades on. One symbol entity owns all venues of its base asset.</summary>
public enum Venue : byte
{
    BinanceSpot = 0,
    BinanceUsdm = 1,
    BinanceCoinm = 2,
    Bitstamp = 3,
    Deribit = 4,

    /// <summary>Blockchain metrics (Coin Metrics): not a market, but a source with its own clock.</summary>
    OnChain = 5,
    BinanceUs = 6,
    Kraken = 7,
}

public static class VenueNames
{
    /// <summary>How many venues there are: the length of an array indexed by <c>(int)venue</c>.</summary>
    public static int Count { get; } = Enum.GetValues<Venue>().Length;

    /// <summary>
    /// The Binance venues in the order a symbol's primary venue is chosen from, and fallen back to: the USD-M perpetual
    /// (deepest book; funding and basis are quoted against it), spot, COIN-M.
    /// </summary>
    public static IReadOnlyList<Venue> PrimaryPreference { get; } = [Venue.BinanceUsdm, Venue.BinanceSpot, Venue.BinanceCoinm];

    public static string Name(this Venue venue) => venue switch
    {
        Venue.BinanceSpot => "binance-spot",
        Venue.BinanceUsdm => "binance-usdm",
        Venue.BinanceCoinm => "binance-coinm",
        Venue.Bitstamp => "bitstamp",
        Venue.Deribit => "deribit",
        Venue.OnChain => "onchain",
        Venue.BinanceUs => "binance-us",
        Venue.Kraken => "kraken",
        _ => throw new ArgumentOutOfRangeException(nameof(venue), venue, null),
    };

    /// <summary>
    /// A venue from its name (<c>binance-spot</c>, <c>deribit</c>, …) or, for Binance, its short name (<c>spot</c>,
    /// <c>usdm</c>, <c>coinm</c> or <c>cm</c>); any case.
    /// </summary>
    public static bool TryParse(string? text, out Venue venue)
    {
        var name = text?.Trim().ToLowerInvariant();
        name = name switch { "spot" => "binance-spot", "usdm" => "binance-usdm", "coinm" or "cm" => "binance-coinm", _ => name };
        foreach (var candidate in Enum.GetValues<Venue>())
        {
            if (candidate.Name() == name)
            {
                venue = candidate;
                return true;
            }
        }

        venue = default;
        return false;
    }

    /// <summary>Futures venues chain diffs with <c>pu</c> and use the futures snapshot rule.</summary>
    public static bool IsFutures(this Venue venue) => venue is Venue.BinanceUsdm or Venue.BinanceCoinm;
}

using Hrm.Protocol.Market;

namespace Hrm.MarketData.Binance;

/// <summary>
/// One recorder connection: the files in one directory sharing the prefix before the date
/// (<c>spot_btcusdt_20240808.gz</c> + <c>spot_btcusdt_20240809.gz</c>), read as one stream in file-name order.
/// </summary>
/// <param name="Name">Directory name + prefix, e.g. <c>2024-08-09_window/spot_btcusdt</c>.</param>
/// <param name="Instrument">Native instrument, e.g. <c>btcusd_perp</c>.</param>
/// <param name="Symbol">Canonical symbol, e.g. <c>BTCUSDT</c>.</param>
public sealed record Capture(string Name, Venue Venue, string Instrument, string Symbol, IReadOnlyList<string> Files)
{
    /// <summary>Parses <c>spot_</c>/<c>usdm_</c>/<c>cm_</c> + instrument from a prefix; null if the venue is unknown.</summary>
    public static (Venue Venue, string Instrument)? ParsePrefix(string prefix)
    {
        var underscore = prefix.IndexOf('_');
        if (underscore <= 0 || underscore == prefix.Length - 1) return null;
        Venue? venue = prefix[..underscore] switch
        {
            "spot" => Venue.BinanceSpot,
            "usdm" => Venue.BinanceUsdm,
            "cm" => Venue.BinanceCoinm,
            _ => null,
        };
        return venue is null ? null : (venue.Value, prefix[(underscore + 1)..]);
    }
}

using System.Text.RegularExpressions;
using Hrm.Protocol.Market;

namespace Hrm.MarketData.Candles;

public enum CandleKind
{
    Spot,
    Perp,

    /// <summary>Mark-price candles: not read (they would collide with the perp bars of the same symbol and period).</summary>
    Mark,
    Funding,
}

/// <summary>
/// What a freqtrade-style file name says: <c>BTC_USDT-spot-1h.csv.gz</c> (spot bars), <c>BTC_USDT_USDT-perp-4h</c>
/// (USD-M perp bars), <c>BTC_USDT_USDT-mark-1h</c> (mark), <c>BTC_USDT_USDT-funding_rate[-8h]</c> (funding).
/// </summary>
public sealed partial record CandleFile(string Path, string Symbol, Venue Venue, CandleKind Kind, BarPeriod? Period)
{
    [GeneratedRegex(@"^(?<pair>[A-Z0-9]+_[A-Z0-9]+(_[A-Z0-9]+)?)-(?<kind>spot|perp|mark|funding_rate)(-(?<period>\d+[mhd]))?\.csv(\.gz)?$")]
    private static partial Regex FileName();

    public static CandleFile? TryParse(string path)
    {
        var match = FileName().Match(System.IO.Path.GetFileName(path));
        if (!match.Success) return null;
        var kind = match.Groups["kind"].Value switch
        {
            "spot" => CandleKind.Spot,
            "perp" => CandleKind.Perp,
            "mark" => CandleKind.Mark,
            _ => CandleKind.Funding,
        };
        var period = PeriodOf(match.Groups["period"].Value);
        if (kind != CandleKind.Funding && period is null) return null;
        var venue = kind == CandleKind.Spot ? Venue.BinanceSpot : Venue.BinanceUsdm;
        return new CandleFile(path, Symbols.Canonical(match.Groups["pair"].Value), venue, kind,
            kind == CandleKind.Funding ? null : period);
    }

    /// <summary>The bar period a file name labels "1m" … "1d" (<see cref="BarPeriods.Label"/>); null for any other label.</summary>
    internal static BarPeriod? PeriodOf(string label) => Array.FindIndex(BarPeriods.Chain, p => p.Label() == label) is var i and >= 0 ? BarPeriods.Chain[i] : null;

    /// <summary>Readable candle and funding files below <paramref name="directory"/> (mark files left out), ordered by path.</summary>
    public static IReadOnlyList<CandleFile> Discover(string directory)
    {
        var files = new List<CandleFile>();
        foreach (var path in Directory.EnumerateFiles(directory, "*.csv*", SearchOption.AllDirectories))
        {
            if (TryParse(path) is { Kind: not CandleKind.Mark } file) files.Add(file);
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return files;
    }
}

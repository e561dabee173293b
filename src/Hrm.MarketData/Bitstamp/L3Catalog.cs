using System.Text;
using Hrm.MarketData.Parsing;

namespace Hrm.MarketData.Bitstamp;

/// <summary>
/// Finds Bitstamp L3 order files (obAnalytics <c>orders.csv[.gz]</c>) under a directory. The name says nothing (any
/// <c>*.csv*</c> could be one), so a file is one when its first line is <see cref="BitstampL3Reader.Header"/>.
/// The layout names no pair: obAnalytics records Bitstamp's BTC/USD book, so every file is read as BTC/USD and
/// joins the entity of that base asset (<see cref="Symbol"/>), as Binance's COIN-M <c>btcusd_perp</c> does.
/// </summary>
public static class L3Catalog
{
    /// <summary>The entity symbol of Bitstamp's BTC/USD: the base asset's (<see cref="Symbols.Canonical"/>).</summary>
    public static readonly string Symbol = Symbols.Canonical("BTCUSD");

    private static readonly byte[] Header = Encoding.ASCII.GetBytes(BitstampL3Reader.Header);

    /// <summary>The L3 files below <paramref name="directory"/>, ordered by path (ordinal) so runs are reproducible.</summary>
    public static IReadOnlyList<BitstampL3Reader> Discover(string directory) =>
        Directory.EnumerateFiles(directory, "*.csv*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Where(HasHeader)
            .Select(p => new BitstampL3Reader(p, Symbol))
            .ToList();

    private static bool HasHeader(string path)
    {
        using var lines = new LineReader(path, new RejectCounts());
        return lines.TryReadLine(out var first) && first.SequenceEqual(Header);
    }
}

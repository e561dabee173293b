using System.Text.RegularExpressions;
using Hrm.Protocol.Market;

namespace Hrm.MarketData.Candles;

public enum CrossExchangeFormat
{
    /// <summary><c>open_time,open,high,low,close,volume</c> with a header; open time <c>2023-03-01 00:00:00+00:00</c>.</summary>
    BinanceUsKlines,

    /// <summary>Kraken OHLCVT export, no header: <c>unix seconds,open,high,low,close,volume,trades</c>.</summary>
    KrakenOhlcvt,
}

/// <summary>
/// A cross-exchange bar file of <c>meso/cross_exchange_2023Q1_iaqf/</c>: <c>binanceus_BTCUSDC_1m_20230301_20230321.csv.gz</c>
/// (Binance.US klines) or <c>kraken_XBTUSDT_60.csv.gz</c> (Kraken OHLCVT, period in minutes). <see cref="Quote"/> is the
/// quote currency of the book (USD, USDT, USDC); the symbol is canonical (XBT → BTC, every quote → BTCUSDT), so the quote
/// variants of one venue belong to one entity (see <see cref="CrossExchangeBars"/>).
/// </summary>
public sealed partial record CrossExchangeFile(string Path, string Symbol, Venue Venue, string Quote, BarPeriod Period, CrossExchangeFormat Format)
{
    [GeneratedRegex(@"^binanceus_(?<base>[A-Z0-9]+?)(?<quote>USDT|USDC|USD)_(?<period>\d+[mhd])_\d{8}_\d{8}\.csv(\.gz)?$")]
    private static partial Regex BinanceUsName();

    [GeneratedRegex(@"^kraken_(?<base>[A-Z0-9]+?)(?<quote>USDT|USDC|USD)_(?<minutes>\d+)\.csv(\.gz)?$")]
    private static partial Regex KrakenName();

    /// <summary>Quote preference for prices when several books of a venue close the same bar: the USD book first.</summary>
    public static int QuotePriority(string quote) => quote switch
    {
        "USD" => 0,
        "USDT" => 1,
        _ => 2,
    };

    public static CrossExchangeFile? TryParse(string path)
    {
        var name = System.IO.Path.GetFileName(path);
        var m = BinanceUsName().Match(name);
        if (m.Success)
        {
            var period = CandleFile.PeriodOf(m.Groups["period"].Value);
            return period is null ? null
                : new CrossExchangeFile(path, Canonical(m.Groups["base"].Value), Venue.BinanceUs, m.Groups["quote"].Value, period.Value,
                    CrossExchangeFormat.BinanceUsKlines);
        }

        m = KrakenName().Match(name);
        if (!m.Success) return null;
        BarPeriod? minutes = m.Groups["minutes"].Value switch
        {
            "1" => BarPeriod.M1,
            "5" => BarPeriod.M5,
            "15" => BarPeriod.M15,
            "60" => BarPeriod.H1,
            "240" => BarPeriod.H4,
            "1440" => BarPeriod.D1,
            _ => null,
        };
        return minutes is null ? null
            : new CrossExchangeFile(path, Canonical(m.Groups["base"].Value), Venue.Kraken, m.Groups["quote"].Value, minutes.Value,
                CrossExchangeFormat.KrakenOhlcvt);
    }

    /// <summary>Every recognised file below <paramref name="directory"/>, ordered by path.</summary>
    public static IReadOnlyList<CrossExchangeFile> Discover(string directory) =>
        Directory.EnumerateFiles(directory, "*.csv*", SearchOption.AllDirectories)
            .Select(TryParse)
            .OfType<CrossExchangeFile>()
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ToList();

    private static string Canonical(string asset) => Symbols.Canonical(asset == "XBT" ? "BTC" : asset);
}

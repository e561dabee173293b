namespace Hrm.MarketData;

/// <summary>Maps native instrument names to the canonical entity symbol: base asset + USDT.</summary>
public static class Symbols
{
    private static readonly string[] Quotes = ["USDT", "USDC", "BUSD", "USD"];

    /// <summary><c>btcusd_perp</c>, <c>btcusdt</c>, <c>BTC_USDT</c>, <c>BTC_USDT_USDT</c> → <c>BTCUSDT</c>.</summary>
    public static string Canonical(string native)
    {
        var upper = native.Trim().ToUpperInvariant();
        var first = upper.Split('_')[0];
        foreach (var quote in Quotes)
        {
            if (first.Length > quote.Length && first.EndsWith(quote, StringComparison.Ordinal))
            {
                first = first[..^quote.Length];
                break;
            }
        }

        return first + "USDT";
    }

    /// <summary>
    /// The Binance instrument of a canonical symbol on <paramref name="venue"/>: <c>btcusdt</c> on spot and USD-M,
    /// <c>btcusd_perp</c> (the inverse perpetual) on COIN-M.
    /// </summary>
    public static string Native(Protocol.Market.Venue venue, string symbol)
    {
        var lower = symbol.Trim().ToLowerInvariant();
        return venue == Protocol.Market.Venue.BinanceCoinm && lower.EndsWith("usdt", StringComparison.Ordinal)
            ? lower[..^4] + "usd_perp"
            : lower;
    }

    /// <summary>
    /// The asset a data file's name names as a word of its own: <c>coinmetrics_btc_…</c>, <c>deribit_btc_option_chain_…</c>
    /// → BTCUSDT, <c>…_eth_…</c> → ETHUSDT; null for any other name (the on-chain and option files cover only these two).
    /// </summary>
    public static string? InFileName(string path)
    {
        foreach (var part in Path.GetFileName(path).ToLowerInvariant().Split('_', '-', '.'))
        {
            if (part is "btc" or "eth") return Canonical(part);
        }

        return null;
    }
}

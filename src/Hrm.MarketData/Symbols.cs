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

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
}

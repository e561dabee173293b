namespace Hrm.MarketData.Deribit;

/// <summary>
/// One Deribit recording: the files in one directory sharing the prefix <c>deribit_&lt;currency&gt;</c> before the date
/// (<c>deribit_btc_20260812.gz</c>), read as one stream in file-name order. Each line is <c>&lt;receive ns&gt; &lt;frame&gt;</c>,
/// one received websocket frame of the JSON-RPC API.
/// </summary>
/// <param name="Name">Directory name + prefix, e.g. <c>live/deribit_btc</c>.</param>
/// <param name="Symbol">Canonical symbol of the currency, e.g. <c>BTCUSDT</c>.</param>
public sealed record DeribitCapture(string Name, string Symbol, IReadOnlyList<string> Files)
{
    public const string PrefixStart = "deribit_";

    /// <summary>The capture prefix of a currency's recording: BTC → <c>deribit_btc</c>.</summary>
    public static string Prefix(string currency) => PrefixStart + currency.ToLowerInvariant();
}

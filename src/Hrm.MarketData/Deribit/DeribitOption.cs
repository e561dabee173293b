using System.Globalization;

namespace Hrm.MarketData.Deribit;

/// <summary>
/// What a Deribit option's name says: <c>BTC-24SEP21-8000-P</c> is a BTC put struck at 8000 expiring 24 Sep 2021 at
/// 08:00 UTC (Deribit's expiry time). Futures and perpetuals (<c>BTC-24SEP21</c>, <c>BTC-PERPETUAL</c>) are not options.
/// </summary>
public sealed record DeribitOption(string Currency, long ExpiryNanos, double Strike, bool IsCall)
{
    private const long ExpiryHourNanos = 8 * 3600L * 1_000_000_000;

    public static DeribitOption? TryParse(string instrument)
    {
        var parts = instrument.Split('-');
        if (parts.Length != 4 || parts[0].Length == 0) return null;
        bool isCall;
        if (parts[3] == "C") isCall = true;
        else if (parts[3] == "P") isCall = false;
        else return null;
        if (!DateTime.TryParseExact(parts[1], ["dMMMyy", "ddMMMyy"], CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var day))
            return null;
        // strikes of the linear USDC options use "d" for the decimal point (XRP_USDC-30MAY25-2d2-C)
        if (!double.TryParse(parts[2].Replace('d', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var strike) || !(strike > 0))
            return null;
        var expiry = (day.Ticks - DateTime.UnixEpoch.Ticks) * 100 + ExpiryHourNanos;
        return new DeribitOption(parts[0], expiry, strike, isCall);
    }
}

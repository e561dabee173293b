namespace Hrm.Protocol.Market;

/// <summary>
/// Prices and quantities are fixed-point longs with 8 decimals (Binance never sends more), so book keys compare
/// exactly and the book can be checked against the exchange to the last digit.
/// </summary>
public static class Fixed
{
    public const long Scale = 100_000_000;
    public const double InverseScale = 1.0 / Scale;

    public static double ToDouble(long value) => value * InverseScale;

    public static long FromDouble(double value) => (long)Math.Round(value * Scale);

    public static string Format(long value) =>
        (value / (decimal)Scale).ToString("0.########", System.Globalization.CultureInfo.InvariantCulture);
}

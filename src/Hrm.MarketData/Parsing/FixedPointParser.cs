using Hrm.Protocol.Market;

namespace Hrm.MarketData.Parsing;

/// <summary>
/// Parses ASCII decimals such as <c>61737.63000000</c> straight into <see cref="Fixed"/> longs (8 decimals) without a
/// string or a double in between, so book prices match the exchange's to the last digit.
/// </summary>
public static class FixedPointParser
{
    private const int Decimals = 8;
    private static readonly long[] Pow10 = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000];

    /// <summary>
    /// Accepts <c>[-+]digits[.digits]</c> (also <c>.5</c> and <c>5.</c>, at least one digit). Fails on anything else,
    /// on overflow, and on a non-zero digit beyond the 8th decimal (rounding it would silently change the value).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (text.Length > 0 && (text[0] == (byte)'-' || text[0] == (byte)'+'))
        {
            negative = text[0] == (byte)'-';
            i = 1;
        }

        ulong integer = 0;
        var digits = 0;
        for (; i < text.Length; i++)
        {
            var d = (uint)(text[i] - '0');
            if (d > 9) break;
            if (integer > 100_000_000_000_000UL) return false;
            integer = integer * 10 + d;
            digits++;
        }

        long fraction = 0;
        var fractionDigits = 0;
        if (i < text.Length && text[i] == (byte)'.')
        {
            for (i++; i < text.Length; i++)
            {
                var d = (uint)(text[i] - '0');
                if (d > 9) return false;
                digits++;
                if (fractionDigits < Decimals)
                {
                    fraction = fraction * 10 + d;
                    fractionDigits++;
                }
                else if (d != 0)
                {
                    return false;
                }
            }
        }

        if (i != text.Length || digits == 0) return false;
        if (integer > (ulong)(long.MaxValue / Fixed.Scale)) return false;
        var scaled = (long)integer * Fixed.Scale;
        var total = scaled + fraction * Pow10[Decimals - fractionDigits];
        if (total < scaled) return false;
        value = negative ? -total : total;
        return true;
    }
}

namespace Hrm.MarketData.Parsing;

/// <summary>Unix time normalisation to nanoseconds.</summary>
public static class Timestamps
{
    public const long NanosPerMilli = 1_000_000;

    /// <summary>
    /// Parses an unsigned decimal Unix time and scales it to nanoseconds by its digit count: 19 digits are ns (the
    /// 2024 captures), 16 µs (the 2023 <c>.dat.gz</c> captures), 13 ms. Any other length is refused rather than guessed.
    /// </summary>
    public static bool TryParseToNanos(ReadOnlySpan<byte> digits, out long nanos)
    {
        nanos = 0;
        long scale = digits.Length switch
        {
            19 => 1,
            16 => 1_000,
            13 => NanosPerMilli,
            _ => 0,
        };
        if (scale == 0) return false;

        ulong value = 0;
        foreach (var c in digits)
        {
            var d = (uint)(c - '0');
            if (d > 9) return false;
            value = value * 10 + d;
        }

        if (value > (ulong)(long.MaxValue / scale)) return false;
        nanos = (long)value * scale;
        return true;
    }
}

using System.Text;
using Hrm.MarketData.Parsing;

namespace Hrm.MarketData.Tests.Parsing;

public class TimestampsTests
{
    [Theory]
    [InlineData("1723161254087891268", 1_723_161_254_087_891_268L)] // 2024 capture: ns
    [InlineData("1680652700423575", 1_680_652_700_423_575_000L)] // 2023 .dat.gz capture: µs
    [InlineData("1680652700435", 1_680_652_700_435_000_000L)] // ms
    public void Normalises_to_nanoseconds_by_digit_count(string digits, long nanos)
    {
        Assert.True(Timestamps.TryParseToNanos(Encoding.ASCII.GetBytes(digits), out var value));
        Assert.Equal(nanos, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("168065270042357")]
    [InlineData("16806527004235750")]
    [InlineData("1680652700a23575")]
    [InlineData("9999999999999999999")]
    public void Refuses_other_lengths_and_non_digits(string digits)
    {
        Assert.False(Timestamps.TryParseToNanos(Encoding.ASCII.GetBytes(digits), out _));
    }
}

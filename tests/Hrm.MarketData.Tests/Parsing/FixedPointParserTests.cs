using System.Text;
using Hrm.MarketData.Parsing;

namespace Hrm.MarketData.Tests.Parsing;

public class FixedPointParserTests
{
    [Theory]
    [InlineData("61737.63000000", 6_173_763_000_000L)]
    [InlineData("0.00000000", 0L)]
    [InlineData("0.000", 0L)]
    [InlineData("35", 3_500_000_000L)]
    [InlineData("61804.7", 6_180_470_000_000L)]
    [InlineData("0.00000001", 1L)]
    [InlineData(".5", 50_000_000L)]
    [InlineData("5.", 500_000_000L)]
    [InlineData("-0.00004", -4_000L)]
    [InlineData("+1", 100_000_000L)]
    [InlineData("1.000000000000", 100_000_000L)]
    [InlineData("00012.5", 1_250_000_000L)]
    [InlineData("92233720368.54775807", long.MaxValue)]
    public void Parses_exactly(string text, long expected)
    {
        Assert.True(FixedPointParser.TryParse(Encoding.ASCII.GetBytes(text), out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("-")]
    [InlineData("1e5")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1.000000001")]
    [InlineData("1,5")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("1.2.3")]
    [InlineData("--1")]
    [InlineData("92233720368.54775808")]
    [InlineData("92233720369")]
    [InlineData("123456789012345678901234567890")]
    public void Refuses_anything_else(string text)
    {
        Assert.False(FixedPointParser.TryParse(Encoding.ASCII.GetBytes(text), out _));
    }
}

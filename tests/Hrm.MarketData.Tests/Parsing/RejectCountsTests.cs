using Hrm.MarketData.Parsing;

namespace Hrm.MarketData.Tests.Parsing;

/// <summary>Rejects of several readers add up per reason, in one place for every replay.</summary>
public sealed class RejectCountsTests
{
    [Fact]
    public void Rejects_of_several_readers_sum_per_reason_in_ordinal_order()
    {
        var a = new RejectCounts();
        a.Add("negative-price");
        a.Add("malformed-json", 2);
        var b = new RejectCounts();
        b.Add("negative-price", 3);

        var sum = RejectCounts.Sum([a, b, new RejectCounts()]);

        Assert.Equal(["malformed-json", "negative-price"], sum.Keys);
        Assert.Equal([2L, 4L], sum.Values);
        a.Add(b);
        Assert.Equal(6, a.Total);
        Assert.Equal(4, a["negative-price"]);
    }
}

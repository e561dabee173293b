using Hrm.Signals.Learning.Hierarchy;

namespace Hrm.Signals.Tests.Learning.Hierarchy;

public sealed class PanelStatisticsTests
{
    // Hand rows (x = [1, x₁, x₂], group, regime, y).
    private static readonly (double[] X, int Group, int Regime, double Y)[] Rows =
    [
        ([1, 2, -1], 0, 0, 3),
        ([1, -1, 0.5], 1, 0, -2),
        ([1, 0, 4], 0, 1, 1),
        ([1, 3, 3], 1, 1, 0.5),
        ([1, -2, 1], 0, 0, -1),
        ([1, 1, -3], 1, 1, 2),
    ];

    private static PanelStatistics Of(IEnumerable<(double[] X, int Group, int Regime, double Y)> rows)
    {
        var stats = new PanelStatistics(3, 2, 2);
        foreach (var (x, g, r, y) in rows)
        {
            stats.Add(x, g, r, y);
        }

        return stats;
    }

    [Fact]
    public void A_cell_holds_the_sums_of_x_x_transposed_x_y_and_the_weight()
    {
        var stats = Of(Rows);

        // Cell (0, 0): rows [1, 2, −1]·3 and [1, −2, 1]·(−1).
        Assert.Equal(2, stats.Weight(0, 0));
        Assert.Equal(8, stats.XtX(0, 0, 1, 1));
        Assert.Equal(-4, stats.XtX(0, 0, 1, 2));
        Assert.Equal(-4, stats.XtX(0, 0, 2, 1));
        Assert.Equal(0, stats.XtX(0, 0, 0, 1));
        Assert.Equal(2, stats.Xty(0, 0, 0));
        Assert.Equal(8, stats.Xty(0, 0, 1));
        Assert.Equal(-4, stats.Xty(0, 0, 2));
        Assert.Equal(6, stats.Rows);
        Assert.Equal(3, stats.GroupRows(0));
        Assert.Equal(3, stats.RegimeRows(1));
    }

    [Fact]
    public void Merging_two_halves_equals_adding_every_row()
    {
        var all = Of(Rows);
        var merged = Of(Rows[..3]);
        merged.Merge(Of(Rows[3..]));

        Assert.Equal(all.Rows, merged.Rows);
        for (var g = 0; g < 2; g++)
        {
            for (var r = 0; r < 2; r++)
            {
                Assert.Equal(all.Weight(g, r), merged.Weight(g, r));
                for (var i = 0; i < 3; i++)
                {
                    Assert.Equal(all.Xty(g, r, i), merged.Xty(g, r, i), 12);
                    for (var j = 0; j < 3; j++)
                    {
                        Assert.Equal(all.XtX(g, r, i, j), merged.XtX(g, r, i, j), 12);
                    }
                }
            }
        }
    }

    [Fact]
    public void Decaying_by_one_half_halves_every_statistic()
    {
        var stats = Of(Rows);

        stats.Decay(0.5);

        Assert.Equal(3, stats.Rows);
        Assert.Equal(1, stats.Weight(0, 0));
        Assert.Equal(4, stats.XtX(0, 0, 1, 1));
        Assert.Equal(4, stats.Xty(0, 0, 1));
    }

    [Fact]
    public void A_copy_is_independent_of_its_original()
    {
        var stats = Of(Rows);
        var copy = stats.Copy();

        stats.Decay(0.5);

        Assert.Equal(6, copy.Rows);
        Assert.Equal(8, copy.XtX(0, 0, 1, 1));
    }

    [Fact]
    public void A_weighted_row_counts_its_weight_times()
    {
        var stats = new PanelStatistics(2, 1, 1);

        stats.Add([1, 3], 0, 0, 2, weight: 2.5);

        Assert.Equal(2.5, stats.Rows);
        Assert.Equal(22.5, stats.XtX(0, 0, 1, 1));
        Assert.Equal(15, stats.Xty(0, 0, 1));
    }
}

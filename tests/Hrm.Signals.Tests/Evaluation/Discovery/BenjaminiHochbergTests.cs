using Hrm.Signals.Evaluation.Discovery;

namespace Hrm.Signals.Tests.Evaluation.Discovery;

public sealed class BenjaminiHochbergTests
{
    // Benjamini & Hochberg (1995), section 4: the 15 p-values of the published example, sorted.
    private static readonly double[] Published =
    [
        0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.000,
    ];

    [Fact]
    public void At_five_percent_exactly_the_four_smallest_p_values_of_the_published_example_are_rejected()
    {
        var q = BenjaminiHochberg.QValues(Published);

        Assert.Equal([true, true, true, true, false, false, false, false, false, false, false, false, false, false, false], q.Select(v => v <= 0.05));
    }

    [Fact]
    public void The_q_values_are_the_step_up_minimum_of_p_times_m_over_rank()
    {
        // m = 15: p₍ᵢ₎·15/i is 0.0015, 0.003, 0.0095, 0.035625, then 0.0603 at rank 5, which no later rank undercuts.
        var q = BenjaminiHochberg.QValues(Published);

        Assert.Equal(0.0015, q[0], 1e-12);
        Assert.Equal(0.003, q[1], 1e-12);
        Assert.Equal(0.0095, q[2], 1e-12);
        Assert.Equal(0.035625, q[3], 1e-12);
        Assert.Equal(0.0603, q[4], 1e-12);
        Assert.Equal(1.0, q[14], 1e-12);
    }

    [Fact]
    public void The_input_order_does_not_matter()
    {
        int[] permutation = [7, 14, 2, 11, 0, 9, 4, 13, 1, 6, 12, 3, 10, 5, 8];
        var shuffled = permutation.Select(i => Published[i]).ToArray();
        var sorted = BenjaminiHochberg.QValues(Published);

        var q = BenjaminiHochberg.QValues(shuffled);

        for (var k = 0; k < permutation.Length; k++)
        {
            Assert.Equal(sorted[permutation[k]], q[k], 15);
        }
    }

    [Fact]
    public void Nan_p_values_stay_nan_and_do_not_count_towards_m()
    {
        double[] withNan = [double.NaN, .. Published[..8], double.NaN, .. Published[8..]];

        var q = BenjaminiHochberg.QValues(withNan);

        Assert.True(double.IsNaN(q[0]));
        Assert.True(double.IsNaN(q[9]));
        double[] finite = [.. q[1..9], .. q[10..]];
        Assert.Equal(BenjaminiHochberg.QValues(Published), finite);
        Assert.Equal(0.0015, q[1], 1e-12);
    }

    [Fact]
    public void A_later_rank_can_lower_the_q_value_of_an_earlier_one()
    {
        // m = 3: p·m/rank is 2.7, 1.425 and 0.99; the step-up minimum gives every hypothesis 0.99.
        var q = BenjaminiHochberg.QValues([0.9, 0.95, 0.99]);

        Assert.Equal([0.99, 0.99, 0.99], q.Select(v => Math.Round(v, 12)));
    }
}

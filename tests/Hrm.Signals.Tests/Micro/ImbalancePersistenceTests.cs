using Hrm.Signals.Micro;
using static Hrm.Signals.Tests.Micro.MicroTestEvents;

namespace Hrm.Signals.Tests.Micro;

public sealed class ImbalancePersistenceTests
{
    [Fact]
    public void Fraction_is_the_time_share_of_the_window_in_the_state()
    {
        var p = new ImbalancePersistence(10 * S, 0.2);
        p.Update(0, 0.5);       // +1 from 0 s
        p.Update(4 * S, 0.1);   // 0 from 4 s (|0.1| < 0.2)
        p.Update(6 * S, 0.3);   // +1 from 6 s
        p.Update(6 * S, 0.35);  // same state: nothing new

        // (0, 10]: +1 on [0, 4) and [6, 10] = 4 + 4 = 8 s of 10 → 0.8
        Assert.Equal(0.8, p.Fraction(10 * S, 1), 12);
        Assert.Equal(0.0, p.Fraction(10 * S, -1), 12);
        // (2, 12]: [2, 4) = 2 s, [6, 12] = 6 s → 0.8
        Assert.Equal(0.8, p.Fraction(12 * S, 1), 12);
        // (6, 16]: all +1 → 1.0
        Assert.Equal(1.0, p.Fraction(16 * S, 1), 12);

        p.Update(13 * S, -0.4); // −1 from 13 s
        // (5, 15]: +1 on [6, 13) = 7 s → 0.7; −1 on [13, 15] = 2 s → 0.2
        Assert.Equal(0.7, p.Fraction(15 * S, 1), 12);
        Assert.Equal(0.2, p.Fraction(15 * S, -1), 12);

        p.Update(30 * S, 0.0); // 0 from 30 s; drops the segments before (20, 30] except the one covering 20 (−1 since 13)
        // (20, 30]: −1 all along → 1.0; (25, 35]: −1 on [25, 30) = 5 s → 0.5
        Assert.Equal(1.0, p.Fraction(30 * S, -1), 12);
        Assert.Equal(0.5, p.Fraction(35 * S, -1), 12);
        Assert.Equal(0, p.Current);
    }

    [Fact]
    public void Full_persistence_needs_a_whole_window_and_state_round_trips()
    {
        var p = new ImbalancePersistence(10 * S, 0.2);
        p.Update(100 * S, -0.9);
        // Only 3 s of history at 103 s: time before the first observation does not count → 0.3
        Assert.Equal(0.3, p.Fraction(103 * S, -1), 12);
        Assert.Equal(0.0, p.Fraction(103 * S, 0), 12); // direction 0 is never "persistent"

        var restored = StateCodec.Load<ImbalancePersistence>(StateCodec.Save(p));
        Assert.Equal(p.Fraction(107 * S, -1), restored.Fraction(107 * S, -1));
        Assert.Equal(StateCodec.Save(p), StateCodec.Save(restored));
    }
}

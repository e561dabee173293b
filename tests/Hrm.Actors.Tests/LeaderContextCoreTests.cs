using Hrm.Actors.Symbol;
using Hrm.Protocol.Layers;
using static Hrm.Actors.Tests.SyntheticTrades;

namespace Hrm.Actors.Tests;

/// <summary>The cross-asset context in the pure core: when a follower may close a tick, and which leader view it uses.</summary>
public sealed class LeaderContextCoreTests
{
    private static readonly MacroSignal Up = new(Regime.Trending, 1.0, ["direction:up"], 0.5, 24);
    private static readonly MacroSignal Down = new(Regime.Trending, 1.0, ["direction:down"], 0.5, 24);

    [Fact]
    public void A_tick_closes_only_once_the_leader_is_known_up_to_its_end()
    {
        var core = new SymbolCore("ETHUSDT", new SymbolSettings());
        Assert.True(core.LeaderReady(T0 + Second)); // no leader: nothing to wait for
        core.Follow("BTCUSDT");
        Assert.False(core.LeaderReady(T0 + Second));

        Assert.True(core.AcceptLeader(new LeaderContext("BTCUSDT", T0 + Second / 2, long.MinValue, [])));
        Assert.False(core.LeaderReady(T0 + Second));
        Assert.True(core.AcceptLeader(new LeaderContext("BTCUSDT", T0 + Second, T0 + Second / 2, [])));
        Assert.True(core.LeaderReady(T0 + Second));
    }

    [Fact]
    public void A_missed_publication_is_a_gap_and_a_repeat_is_ignored()
    {
        var core = new SymbolCore("ETHUSDT", new SymbolSettings());
        core.Follow("BTCUSDT");
        Assert.True(core.AcceptLeader(new LeaderContext("BTCUSDT", T0 + Second, long.MinValue, [new(T0 + Second, Up)])));

        // This one covers changes after T0 + 3 s, but we only know up to T0 + 1 s: something was missed.
        Assert.False(core.AcceptLeader(new LeaderContext("BTCUSDT", T0 + 5 * Second, T0 + 3 * Second, [])));
        Assert.Equal(T0 + Second, core.LeaderWatermark);

        // The same publication again, or another leader's, changes nothing.
        Assert.True(core.AcceptLeader(new LeaderContext("BTCUSDT", T0 + Second, long.MinValue, [new(T0 + Second, Up)])));
        Assert.True(core.AcceptLeader(new LeaderContext("SOLUSDT", T0 + 9 * Second, long.MinValue, [])));
        Assert.Equal(T0 + Second, core.LeaderWatermark);
    }

    [Fact]
    public void The_follower_decides_with_the_leaders_view_as_of_its_own_tick_end()
    {
        var core = new SymbolCore("ETHUSDT", new SymbolSettings());
        core.Follow("BTCUSDT");
        // Leader went up at T0 + 1 s and down at T0 + 3 s; known up to T0 + 4 s.
        core.AcceptLeader(new LeaderContext("BTCUSDT", T0 + 4 * Second, long.MinValue, [new(T0 + Second, Up), new(T0 + 3 * Second, Down)]));

        // The follower's tick [T0 + 1 s, T0 + 2 s) closes at T0 + 2 s: the leader's view then is "up", not the later "down".
        core.Route(At(T0 + Second + Second / 10));
        Assert.Equal(T0 + 2 * Second, core.TickEnd);
        core.CloseTick();
        Assert.Same(Up, core.LeaderMacro);

        // A snapshot keeps what is known of the leader; the next tick, [T0 + 3 s, T0 + 4 s), sees "down".
        var restored = SymbolCore.Restore(core.ExportState());
        Assert.Equal(T0 + 4 * Second, restored.LeaderWatermark);
        restored.Route(At(T0 + 3 * Second));
        restored.CloseTick();
        Assert.Equal(Regime.Trending, restored.LeaderMacro!.Regime);
        Assert.Equal(["direction:down"], restored.LeaderMacro.Drivers);
    }
}

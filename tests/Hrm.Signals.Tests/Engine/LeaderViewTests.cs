using Hrm.Protocol.Layers;
using Hrm.Signals.Engine;
using static Hrm.Testing.SyntheticTrades;

namespace Hrm.Signals.Tests.Engine;

/// <summary>The cross-asset context in the pure engine: when a follower may close a tick, and which leader view it uses.</summary>
public sealed class LeaderViewTests
{
    private static readonly MacroSignal Up = new(Regime.Trending, 1.0, ["direction:up"], 0.5, 24);
    private static readonly MacroSignal Down = new(Regime.Trending, 1.0, ["direction:down"], 0.5, 24);

    [Fact]
    public void A_tick_closes_only_once_the_leader_is_known_up_to_its_end()
    {
        var view = new LeaderView();
        Assert.True(view.Ready(T0 + Second)); // no leader: nothing to wait for
        view.Follow("BTCUSDT");
        Assert.False(view.Ready(T0 + Second));

        Assert.True(view.Accept(new LeaderContext("BTCUSDT", T0 + Second / 2, long.MinValue, [])));
        Assert.False(view.Ready(T0 + Second));
        Assert.True(view.Accept(new LeaderContext("BTCUSDT", T0 + Second, T0 + Second / 2, [])));
        Assert.True(view.Ready(T0 + Second));
    }

    [Fact]
    public void A_missed_publication_is_a_gap_and_a_repeat_is_ignored()
    {
        var view = new LeaderView();
        view.Follow("BTCUSDT");
        Assert.True(view.Accept(new LeaderContext("BTCUSDT", T0 + Second, long.MinValue, [new(T0 + Second, Up)])));

        // This one covers changes after T0 + 3 s, but we only know up to T0 + 1 s: something was missed.
        Assert.False(view.Accept(new LeaderContext("BTCUSDT", T0 + 5 * Second, T0 + 3 * Second, [])));
        Assert.Equal(T0 + Second, view.Watermark);

        // The same publication again, or another leader's, changes nothing.
        Assert.True(view.Accept(new LeaderContext("BTCUSDT", T0 + Second, long.MinValue, [new(T0 + Second, Up)])));
        Assert.True(view.Accept(new LeaderContext("SOLUSDT", T0 + 9 * Second, long.MinValue, [])));
        Assert.Equal(T0 + Second, view.Watermark);
    }

    [Fact]
    public void The_follower_decides_with_the_leaders_view_as_of_its_own_tick_end()
    {
        var engine = new SymbolEngine("ETHUSDT", Settings.Default);
        engine.Leader.Follow("BTCUSDT");
        // Leader went up at T0 + 1 s and down at T0 + 3 s; known up to T0 + 4 s.
        engine.Leader.Accept(new LeaderContext("BTCUSDT", T0 + 4 * Second, long.MinValue, [new(T0 + Second, Up), new(T0 + 3 * Second, Down)]));

        // The follower's tick [T0 + 1 s, T0 + 2 s) closes at T0 + 2 s: the leader's view then is "up", not the later "down".
        engine.Route(At(T0 + Second + Second / 10));
        Assert.Equal(T0 + 2 * Second, engine.TickEnd);
        Assert.True(engine.LeaderReady());
        MacroSignal? recorded = null;
        engine.CloseTick(outputs => recorded = outputs.Leader);
        Assert.Same(Up, recorded);
        Assert.Same(Up, engine.Leader.Current);

        // A snapshot keeps what is known of the leader; the next tick, [T0 + 3 s, T0 + 4 s), sees "down".
        var restored = SymbolEngine.Restore(engine.Export(), Settings.Default);
        Assert.Equal(T0 + 4 * Second, restored.Leader.Watermark);
        restored.Route(At(T0 + 3 * Second));
        restored.CloseTick();
        Assert.Equal(Down, restored.Leader.Current);
    }

    [Fact]
    public void A_leader_serves_its_macro_changes_after_a_time_up_to_its_newest_event()
    {
        var view = new LeaderView();
        view.Record(T0 + Second, Up);
        view.Record(T0 + 3 * Second, Down);

        var context = view.ContextSince("BTCUSDT", T0 + 2 * Second, T0 + 5 * Second);

        Assert.Equal(new LeaderContext("BTCUSDT", T0 + 5 * Second, T0 + 2 * Second, []) with { Changes = context.Changes }, context);
        Assert.Equal([new LeaderMacro(T0 + 3 * Second, Down)], context.Changes);
    }
}

using Hrm.Actors.Symbol;
using Hrm.Protocol.Layers;
using Hrm.Protocol.Market;
using Hrm.Signals.Engine;
using static Hrm.Testing.SyntheticTrades;

namespace Hrm.Actors.Tests.Symbol;

/// <summary>
/// A feed batch through the engine: it pauses where a follower's tick may not close before the leader's view is final,
/// goes on from the same event once it is, and closes the open tick at the end of the feed (synthetic trades: timing only).
/// </summary>
public sealed class BatchRunTests
{
    private static readonly EngineSettings Settings = new(Second, Venue.BinanceUsdm);

    [Fact]
    public void A_follower_batch_waits_for_the_leader_and_resumes_at_the_same_event()
    {
        var engine = new SymbolEngine("ETHUSDT", Settings);
        engine.Leader.Follow("BTCUSDT");
        var run = new BatchRun(engine, [At(T0), At(T0 + Second), At(T0 + 2 * Second)], endOfFeed: true, publish: null);

        Assert.False(run.Advance());
        Assert.Equal(1, run.Routed); // the second trade would close the first tick

        engine.Leader.Accept(new LeaderContext("BTCUSDT", T0 + 2 * Second, long.MinValue, []));
        Assert.False(run.Advance());
        Assert.Equal(3, run.Routed); // every event routed; the last tick ends past the leader's watermark

        engine.Leader.Accept(new LeaderContext("BTCUSDT", long.MaxValue, T0 + 2 * Second, []));
        Assert.True(run.Advance());
        Assert.False(engine.TickOpen);
    }

    [Fact]
    public void Without_a_leader_a_batch_runs_through_and_a_mid_feed_batch_leaves_its_last_tick_open()
    {
        var engine = new SymbolEngine("BTCUSDT", Settings);
        var published = new List<LayerOutputs>();
        var run = new BatchRun(engine, [At(T0), At(T0 + Second)], endOfFeed: false, published.Add);

        Assert.True(run.Advance());

        Assert.Equal(2, run.Routed);
        Assert.True(engine.TickOpen);
        Assert.Equal([T0 + Second], published.Select(o => o.TsEvent));
    }
}

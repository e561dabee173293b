using Hrm.Signals.Engine;
using Hrm.Testing;
using static Hrm.Testing.SyntheticTrades;

namespace Hrm.Signals.Tests.Engine;

/// <summary>
/// The learning cutoff of a walk-forward test window: learning stops at the first event stamped at or after it, and
/// every layer is told once, before the events of its next step.
/// </summary>
public sealed class LearnUntilTests
{
    [Fact]
    public void Learning_stops_at_the_first_event_at_or_after_the_cutoff_and_every_layer_is_told_once()
    {
        var layers = new ScriptedLayers();
        var engine = new SymbolEngine("BTCUSDT", Settings.Default, layers.Factories);
        engine.LearnUntil(T0 + 2 * Second);

        engine.Route(At(T0 + Second));
        engine.Step();
        Assert.False(engine.LearningFrozen);
        Assert.Empty(layers.Micro.Learning);

        engine.Route(At(T0 + 2 * Second));
        Assert.True(engine.LearningFrozen);
        engine.Route(At(T0 + 3 * Second));
        engine.Step();

        Assert.Equal([false], layers.Macro.Learning);
        Assert.Equal([false], layers.Meso.Learning);
        Assert.Equal([false], layers.Micro.Learning);
    }

    [Fact]
    public void The_cutoff_survives_a_snapshot_of_the_engine()
    {
        var engine = new SymbolEngine("BTCUSDT", Settings.Default);
        engine.LearnUntil(T0 + 2 * Second);
        var restored = SymbolEngine.Restore(engine.Export(), Settings.Default);

        restored.Route(At(T0 + 5 * Second));

        Assert.True(restored.LearningFrozen);
    }
}

using Hrm.Protocol.Layers;

namespace Hrm.Protocol.Tests;

/// <summary>
/// The engine re-sends context only when a layer's view changed, comparing views by value: two views with the same
/// fields and equal arrays are equal, and any one field (an array element included) makes them differ.
/// </summary>
public sealed class LayerSignalEqualityTests
{
    private static MacroSignal Macro() => new(Regime.Trending, 0.7, ["regime_model:markov", "direction:up"], 0.5, 24);

    private static MesoSignal Meso() => new("bull_flag", 0.8, 0.6, [new PatternLevel(100, "entry_low"), new PatternLevel(101, "entry_high")],
        new PatternLevel(98, "invalidation"), [new MicroSignal(MicroSignalType.Flow, 1, 0.5, 60, 0.7, 2, "ofi")], 1);

    [Fact]
    public void Macro_views_with_the_same_fields_are_equal_and_one_driver_makes_them_differ()
    {
        Assert.Equal(Macro(), Macro());
        Assert.Equal(Macro().GetHashCode(), Macro().GetHashCode());
        Assert.NotEqual(Macro(), Macro() with { Drivers = ["regime_model:markov", "direction:down"] });
        Assert.NotEqual(Macro(), Macro() with { Drivers = ["regime_model:markov"] });
        Assert.NotEqual(Macro(), Macro() with { Strength = 0.71 });
        Assert.False(Macro().Equals(null));
    }

    [Fact]
    public void Meso_views_with_the_same_fields_are_equal_and_one_zone_or_child_makes_them_differ()
    {
        Assert.Equal(Meso(), Meso());
        Assert.Equal(Meso().GetHashCode(), Meso().GetHashCode());
        Assert.NotEqual(Meso(), Meso() with { EntryZones = [new PatternLevel(100, "entry_low"), new PatternLevel(102, "entry_high")] });
        Assert.NotEqual(Meso(), Meso() with { ChildSignals = [] });
        Assert.NotEqual(Meso(), Meso() with { Invalidation = new PatternLevel(97, "invalidation") });
        Assert.NotEqual(Meso(), Meso() with { Completion = 0.9 });
    }
}

using Hrm.Protocol.Layers;
using Hrm.Signals.Engine;
using Hrm.Signals.Layers;
using Hrm.Testing;
using static Hrm.Testing.SyntheticTrades;

namespace Hrm.Signals.Tests.Engine;

/// <summary>
/// Context flows down and evidence up through the engine at decision-tick boundaries, with scripted layers in place
/// of the real ones; a view is told again only when it changed by value. The trades are synthetic vehicles for
/// routing; no market result is drawn from them.
/// </summary>
public sealed class LayerFlowTests
{
    private readonly ScriptedLayers _layers = new();
    private readonly SymbolEngine _engine;

    public LayerFlowTests() => _engine = new SymbolEngine("BTCUSDT", Settings.Default, _layers.Factories);

    [Fact]
    public void Micro_evidence_reaches_meso_and_macro_at_their_next_step()
    {
        _layers.Micro.Next = new MicroEvidence("BTCUSDT", T0 + Second, [], 0.8, 2.0, false);

        _engine.Route(At(T0));
        _engine.CloseTick();
        Assert.Single(_layers.Micro.Applied);
        Assert.Empty(_layers.Meso.Observed);

        _engine.Route(At(T0 + Second + Second / 2));
        _engine.Step();
        Assert.Equal(0.8, Assert.Single(_layers.Meso.Observed).Micro!.AggressorRatio);
        Assert.Equal(0.8, Assert.Single(_layers.Macro.Observed).Micro!.AggressorRatio);
        Assert.Empty(_layers.Micro.Observed); // micro is not told its own evidence
    }

    [Fact]
    public void A_regime_change_reaches_meso_and_micro_once_and_an_equal_view_is_not_told_again()
    {
        _layers.Macro.Next = new MacroSignal(Regime.Trending, 0.9, ["test"], 0.02, 24);
        _engine.Route(At(T0));
        _engine.Route(new Protocol.Market.FundingRate { Symbol = "BTCUSDT", Venue = Protocol.Market.Venue.BinanceUsdm, TsEvent = T0, TsInit = T0, Rate = 0.0001 });
        _engine.CloseTick();

        _engine.Route(At(T0 + Second));
        _engine.CloseTick();
        Assert.Equal(Regime.Trending, Assert.Single(_layers.Meso.Observed).Macro!.Signal.Regime);
        Assert.Equal(Regime.Trending, Assert.Single(_layers.Micro.Observed, o => o.Macro is not null).Macro!.Signal.Regime);

        // A new instance with the same content: not a change.
        _layers.Macro.Next = new MacroSignal(Regime.Trending, 0.9, ["test"], 0.02, 24);
        _engine.Route(new Protocol.Market.FundingRate { Symbol = "BTCUSDT", Venue = Protocol.Market.Venue.BinanceUsdm, TsEvent = T0 + 2 * Second, TsInit = T0, Rate = 0.0001 });
        _engine.CloseTick();
        _engine.Route(At(T0 + 3 * Second));
        _engine.CloseTick();
        Assert.Single(_layers.Micro.Observed, o => o.Macro is not null);

        // A changed driver is.
        _layers.Macro.Next = new MacroSignal(Regime.Trending, 0.9, ["other"], 0.02, 24);
        _engine.Route(new Protocol.Market.FundingRate { Symbol = "BTCUSDT", Venue = Protocol.Market.Venue.BinanceUsdm, TsEvent = T0 + 4 * Second, TsInit = T0, Rate = 0.0001 });
        _engine.CloseTick();
        _engine.Route(At(T0 + 5 * Second));
        _engine.CloseTick();
        Assert.Equal(2, _layers.Micro.Observed.Count(o => o.Macro is not null));
    }

    [Fact]
    public void Features_are_read_only_when_asked_and_the_vector_puts_each_slice_in_place()
    {
        double[]? features = null;
        _engine.Route(At(T0));
        _engine.CloseTick(outputs => features = outputs.Features);
        Assert.Equal(0, _layers.Micro.FeatureReads);
        Assert.All(features!, v => Assert.True(double.IsNaN(v)));

        var reading = new SymbolEngine("BTCUSDT", Settings.Default with { Features = true }, new ScriptedLayers().Factories);
        reading.Route(At(T0));
        reading.CloseTick(outputs => features = outputs.Features);

        var slice = FeatureSchema.Slice(Protocol.Commands.LayerKind.Micro);
        Assert.Equal(FeatureSchema.Count, features!.Length);
        Assert.Equal(Enumerable.Range(0, slice.Count).Select(i => 200 + i + 0.5), features[slice.Offset..slice.End]);
        Assert.All(features[..slice.Offset], v => Assert.True(double.IsNaN(v))); // macro and meso had no work
        Assert.Equal(features, SymbolEngine.Restore(reading.Export(), Settings.Default, new ScriptedLayers().Factories).Layers.Features());
    }
}

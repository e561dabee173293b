using Hrm.Protocol.Layers;
using Hrm.Protocol.Market;
using Hrm.Signals.Layers;
using Hrm.Signals.Macro;

namespace Hrm.Signals.Tests.Macro;

/// <summary>The issue-3 analyzers inside <see cref="MacroLayer"/>: drivers, risk scaling, availability, purity, state.</summary>
public sealed class MacroContextDriverTests
{
    private const long H = 3600L * 1_000_000_000;
    private const long Day = 24 * H;

    private static MacroLayer ReadyLayer()
    {
        // The heuristic regime model is ready after ~60 4h bars; these tests are about the context drivers.
        var layer = new MacroLayer("BTCUSDT", new HeuristicRegimeModel());
        for (var i = 0; i < 80; i++)
        {
            var close = 100 + 5 * Math.Sin(i * 0.7) + 0.01 * i;
            layer.Apply(new Bar
            {
                Symbol = "BTCUSDT",
                Venue = Venue.BinanceUsdm,
                TsEvent = (i + 1) * 4 * H,
                TsInit = (i + 1) * 4 * H,
                Period = BarPeriod.H4,
                Open = close,
                High = close,
                Low = close,
                Close = close,
                Volume = 1,
            });
        }

        return layer;
    }

    [Fact]
    public void Without_context_inputs_nothing_is_added_and_the_risk_budget_is_unchanged()
    {
        var layer = ReadyLayer();
        var signal = (MacroSignal)layer.Output(80 * 4 * H)!;
        Assert.DoesNotContain(signal.Drivers, d => d.StartsWith("gex", StringComparison.Ordinal) || d.StartsWith("mvrv", StringComparison.Ordinal) ||
            d.StartsWith("onchain", StringComparison.Ordinal) || d.StartsWith("dominance", StringComparison.Ordinal));
        Assert.Equal(MacroParameters.RiskBudget(signal.Regime, signal.Strength), signal.RiskBudget, 12);
    }

    [Fact]
    public void Overextended_valuation_and_negative_gamma_add_drivers_and_scale_risk_then_expire()
    {
        var layer = ReadyLayer();
        var t = 80 * 4 * H;
        var baseline = (MacroSignal)layer.Output(t)!;
        // 100 days of market cap 10, then 1 000, realised cap 10: mean 19.80, population std = √((100 × 9.80² + 980.20²)/101)
        // = √(9 604 + 960 792)/√101 = 98.02 → z = (1 000 − 10)/98.02 = 10.1 ≥ 7: overextended
        for (var d = 0; d < 101; d++)
        {
            var ts = t - (100 - d) * Day;
            layer.Apply(MacroTestEvents.Metric(OnChainMetrics.MarketCap, ts, d < 100 ? 10 : 1000));
            layer.Apply(MacroTestEvents.Metric(OnChainMetrics.RealizedCap, ts, 10));
        }

        Assert.True(layer.Network.MvrvZ >= 7);
        // puts: Γ 0.0004 × OI 100 × 100² × 0.01 = 4 per put; calls 0.4 → net negative gamma
        double[] calls = [0.40, 0.25, 0.10], puts = [-0.40, -0.25, -0.10];
        foreach (var d in calls) layer.Apply(MacroTestEvents.Option(t - 60_000_000_000, 100 + 100 * (0.5 - d), true, d, 60));
        foreach (var d in puts) layer.Apply(MacroTestEvents.Option(t - 60_000_000_000, 100 - 100 * (0.5 + d), false, d, 70));
        layer.Options.Close();
        var signal = (MacroSignal)layer.Output(t)!;
        Assert.Contains(MacroParameters.OnChainOverextended, signal.Drivers);
        Assert.Contains(MacroParameters.GexNegative, signal.Drivers);
        Assert.Contains(MacroParameters.SkewPrefix + "10", signal.Drivers); // 70 − 60
        // risk = base × 0.5 (overextended) × 0.75 (negative gamma)
        Assert.Equal(baseline.RiskBudget * 0.5 * 0.75, signal.RiskBudget, 12);
        // a pure read: reading twice or after a state round trip gives the same signal
        Assert.Equal(signal.Drivers, ((MacroSignal)layer.Output(t)!).Drivers);
        var copy = StateCodec.Load<MacroLayer>(layer.ExportState());
        Assert.Equal(signal.Drivers, ((MacroSignal)copy.Output(t)!).Drivers);
        Assert.Equal(signal.RiskBudget, ((MacroSignal)copy.Output(t)!).RiskBudget);
        // four days later both inputs are stale: unavailable, never carried forward
        var later = (MacroSignal)layer.Output(t + 4 * Day)!;
        Assert.DoesNotContain(MacroParameters.OnChainOverextended, later.Drivers);
        Assert.DoesNotContain(MacroParameters.GexNegative, later.Drivers);
    }
}

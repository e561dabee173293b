using Hrm.Protocol.Layers;
using Hrm.Signals.Integration;
using Hrm.Signals.Meso;

namespace Hrm.Signals.Tests.Integration;

/// <summary>The integrator learns each micro signal's hit rate given the pattern, only from prices after the call.</summary>
public sealed class FlowLearningTests
{
    private const long Second = 1_000_000_000;

    private static readonly MesoSignal Breakout = new(MesoParameters.Breakout, 1.0, 0.73, [], new PatternLevel(99, "x"), [], 1);

    private static MicroEvidence Up(long ts) =>
        new("BTCUSDT", ts, [new MicroSignal(MicroSignalType.Flow, 1, 0.5, 10, 1.0, 0, "aggressor_ratio")], 0.8, 0, false);

    [Fact]
    public void A_call_is_scored_after_its_duration_on_the_later_price_and_then_weighs_more()
    {
        var integrator = new SignalIntegrator();
        var key = SignalIntegrator.FlowKey("aggressor_ratio", MesoParameters.Breakout);

        integrator.Decide("BTCUSDT", 1, 0, 100, null, Breakout, Up(0));           // opens "up" due at 10 s
        integrator.Decide("BTCUSDT", 1, 9 * Second, 101, null, Breakout, Up(9 * Second));
        Assert.Equal(0, integrator.Flow.Estimate(key, SignalIntegrator.FlowPrior).Observations); // not due yet

        integrator.Decide("BTCUSDT", 1, 10 * Second, 101, null, Breakout, Up(10 * Second));
        // prior 0.6 × strength 20: α = 12, β = 8; 101 > 100 in the called direction: α = 13 → h = 13/21
        var learned = integrator.Flow.Estimate(key, SignalIntegrator.FlowPrior);
        Assert.Equal((1L, 0L), (learned.Successes, learned.Failures));
        Assert.Equal(13.0 / 21, learned.Mean, 12);

        // Its weight in the log-odds is now 0.5 × ln(13/8) instead of 0.5 × ln(12/8).
        var d = SignalIntegrator.Evaluate(101, null, Breakout, Up(10 * Second), integrator.Flow);
        Assert.Equal(0.5 * Math.Log(13.0 / 8), d.MicroLogLikelihood, 12);
    }

    [Fact]
    public void A_signal_that_keeps_being_wrong_ends_up_counting_against_its_direction()
    {
        var integrator = new SignalIntegrator();
        var price = 100.0;
        for (var t = 0L; t <= 400; t += 10)
        {
            integrator.Decide("BTCUSDT", 1, t * Second, price, null, Breakout, Up(t * Second));
            price -= 1; // every "up" call is followed by a fall
        }

        var learned = integrator.Flow.Estimate(SignalIntegrator.FlowKey("aggressor_ratio", MesoParameters.Breakout), SignalIntegrator.FlowPrior);
        Assert.Equal(0, learned.Successes);
        Assert.Equal(40, learned.Failures); // calls at 0…390 s resolved; the one at 400 s is still open
        // h = 12 / 60 = 0.2 → the "up" call now lowers the odds of up: 0.5 × ln(0.2/0.8)
        var d = SignalIntegrator.Evaluate(price, null, Breakout, Up(400 * Second), integrator.Flow);
        Assert.Equal(0.5 * Math.Log(0.25), d.MicroLogLikelihood, 12);
    }
}

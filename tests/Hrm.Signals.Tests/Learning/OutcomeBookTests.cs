using Hrm.Signals.Learning;

namespace Hrm.Signals.Tests.Learning;

public sealed class OutcomeBookTests
{
    private const long Minute = 60_000_000_000;

    [Fact]
    public void A_beta_estimate_starts_at_its_prior_and_moves_by_one_pseudo_observation_per_outcome()
    {
        // prior 0.73 × strength 20: α = 14.6, β = 5.4. One success: 15.6 / 21 = 0.742857…; then a failure: 15.6 / 22.
        var estimate = BetaEstimate.FromPrior(0.73, 20);
        Assert.Equal(0.73, estimate.Mean, 12);
        estimate.Record(true);
        Assert.Equal(15.6 / 21, estimate.Mean, 12);
        estimate.Record(false);
        Assert.Equal(15.6 / 22, estimate.Mean, 12);
        Assert.Equal(2, estimate.Observations);
    }

    [Fact]
    public void A_level_trial_succeeds_when_the_target_is_reached_before_the_stop()
    {
        var book = new OutcomeBook(20);
        book.OpenLevels("breakout|trending", 0.73, 1, entry: 100, target: 104, stop: 98, at: 0, due: 60 * Minute);

        book.Observe(low: 99, high: 103, last: 102, from: Minute, at: 2 * Minute);   // neither level: still open
        Assert.Equal(1, book.Open);
        book.Observe(low: 101, high: 104, last: 104, from: 2 * Minute, at: 3 * Minute); // target touched

        Assert.Equal(0, book.Open);
        Assert.Equal(15.6 / 21, book.Probability("breakout|trending", 0.73), 12);
    }

    [Fact]
    public void Touching_stop_and_target_in_one_range_counts_as_a_failure()
    {
        var book = new OutcomeBook(20);
        book.OpenLevels("breakout|trending", 0.73, 1, 100, 104, 98, at: 0, due: 60 * Minute);

        book.Observe(low: 97, high: 105, last: 100, from: Minute, at: 2 * Minute);

        Assert.Equal(14.6 / 21, book.Probability("breakout|trending", 0.73), 12);
    }

    [Fact]
    public void A_trial_past_due_without_touching_either_level_is_no_trial()
    {
        var book = new OutcomeBook(20);
        book.OpenLevels("exhaustion|volatile", 0.68, -1, entry: 100, target: 97, stop: 102, at: 0, due: 30 * Minute);

        book.Observe(99, 101, 100, from: 10 * Minute, at: 20 * Minute);
        Assert.Equal(1, book.Open);
        book.Observe(99, 101, 100, from: 20 * Minute, at: 30 * Minute);

        // Expired untouched: closed, but neither a success nor a failure, so the estimate stays at its prior.
        Assert.Equal(0, book.Open);
        Assert.Equal(0.68, book.Probability("exhaustion|volatile", 0.68), 12);
    }

    [Fact]
    public void A_price_range_that_began_before_the_trial_never_resolves_it()
    {
        var book = new OutcomeBook(20);
        book.OpenLevels("breakout|trending", 0.73, 1, 100, 104, 98, at: 10 * Minute, due: 70 * Minute);

        // An hourly bar from 0:00 to 1:00 closes after the trial opened, but its low may predate it.
        book.Observe(low: 90, high: 110, last: 100, from: 0, at: 60 * Minute);

        Assert.Equal(1, book.Open);
        Assert.Equal(0.73, book.Probability("breakout|trending", 0.73), 12);
    }

    [Fact]
    public void Direction_trials_resolve_on_the_price_at_due_and_a_flat_price_is_no_trial()
    {
        var book = new OutcomeBook(10);
        book.OpenDirection("ofi|breakout", 0.6, 1, entry: 100, at: 0, due: 10);
        book.OpenDirection("ofi|breakout", 0.6, 1, entry: 100, at: 1, due: 11);   // one open trial per key: ignored
        book.Observe(100, 100, 100, from: 5, at: 5);
        Assert.Equal(1, book.Open);
        book.Observe(100, 100, 100, from: 10, at: 10);                            // flat at due: void
        Assert.Equal(0, book.Open);
        Assert.Equal(0, book.Estimate("ofi|breakout", 0.6).Observations);

        book.OpenDirection("ofi|breakout", 0.6, -1, entry: 100, at: 20, due: 30);
        book.Observe(99.5, 99.5, 99.5, from: 30, at: 30);                          // down as predicted
        // prior 0.6 × 10: α = 6, β = 4 → success: 7 / 11
        Assert.Equal(7.0 / 11, book.Probability("ofi|breakout", 0.6), 12);
    }

    [Fact]
    public void The_book_round_trips_through_the_state_codec()
    {
        var book = new OutcomeBook(20);
        book.OpenLevels("breakout|trending", 0.73, 1, 100, 104, 98, at: 0, due: 60 * Minute);
        book.OpenDirection("ofi|none", 0.6, 1, 100, at: 0, due: 10);

        var restored = StateCodec.Load<OutcomeBook>(StateCodec.Save(book));
        restored.Observe(101, 104, 104, from: Minute, at: 2 * Minute);
        book.Observe(101, 104, 104, from: Minute, at: 2 * Minute);

        Assert.Equal(book.Open, restored.Open);
        Assert.Equal(book.Probability("breakout|trending", 0.73), restored.Probability("breakout|trending", 0.73));
    }
}

using Hrm.Signals.Evaluation;
using Hrm.Signals.Evaluation.Anchors;

namespace Hrm.Signals.Tests.Evaluation.Anchors;

/// <summary>Calendar resampling of 1h closes against hand-made hour sequences.</summary>
public sealed class WeeklyReturnsTests
{
    private const long H = Protocol.EventTime.NanosPerHour;

    // Monday 2024-01-01 00:00 UTC (Unix day 19723; (19723 − 4) mod 7 = 0, a Monday).
    private static readonly long Monday = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;

    /// <summary>
    /// Hourly closes stamped at each candle's close, from <paramref name="first"/> to Monday + 14 days inclusive. Every
    /// close is 1000 + hour index except the three Monday 00:00 boundaries: 100 (Jan 1), 110 (Jan 8), 99 (Jan 15).
    /// The Monday 01:00 closes are 5000, so a week that used the candle after the boundary would show it.
    /// </summary>
    private static List<PricePoint> TwoWeeks(long first, params long[] missing)
    {
        var closes = new List<PricePoint>();
        for (var ts = first; ts <= Monday + 14 * 24 * H; ts += H)
        {
            if (missing.Contains(ts))
            {
                continue;
            }

            var price = ((ts - Monday) / H) switch
            {
                0 => 100.0,
                168 => 110.0,
                336 => 99.0,
                1 or 169 => 5000.0,
                var i => 1000.0 + i,
            };
            closes.Add(new PricePoint(ts, price));
        }

        return closes;
    }

    [Fact]
    public void A_week_runs_monday_to_monday_on_the_close_of_the_sunday_23h_candle()
    {
        // P(Jan 1 00:00) = 100, P(Jan 8 00:00) = 110, P(Jan 15 00:00) = 99: weekly returns 110/100 − 1 = 0.1 and
        // 99/110 − 1 = −0.1; log returns ln 1.1 and ln 0.9. The Monday 01:00 closes (5000) play no part.
        var closes = TwoWeeks(Monday - 2 * H);

        var simple = WeeklyReturns.Weekly(closes, ReturnKind.Simple);
        Assert.Equal(2, simple.Count);
        Assert.Equal(Monday, simple[0].Start);
        Assert.Equal(Monday + WeeklyReturns.NanosPerWeek, simple[0].End);
        Assert.Equal(0.1, simple[0].Return!.Value, 12);
        Assert.Equal(-0.1, simple[1].Return!.Value, 12);

        var log = WeeklyReturns.Weekly(closes, ReturnKind.Log);
        Assert.Equal(Math.Log(1.1), log[0].Return!.Value, 12);
        Assert.Equal(Math.Log(0.9), log[1].Return!.Value, 12);
    }

    [Fact]
    public void The_first_week_starts_at_the_first_boundary_that_has_a_close()
    {
        // The first candle closes at Monday 01:00: no close at or before Jan 1 00:00, so the first week is Jan 8 → 15.
        var weeks = WeeklyReturns.Weekly(TwoWeeks(Monday + H), ReturnKind.Simple);

        Assert.Single(weeks);
        Assert.Equal(Monday + WeeklyReturns.NanosPerWeek, weeks[0].Start);
        Assert.Equal(-0.1, weeks[0].Return!.Value, 12);
    }

    [Fact]
    public void Up_to_six_missing_hours_before_a_boundary_use_the_last_earlier_close()
    {
        // Remove the closes of Sunday Jan 7 20:00 … Monday Jan 8 00:00 (5 candles): the boundary price is the
        // 19:00 close, 5 h old. Hour index 163 → 1000 + 163 = 1163, so week 1 = 1163/100 − 1 and week 2 = 99/1163 − 1.
        long boundary = Monday + 168 * H;
        var closes = TwoWeeks(Monday, boundary - 4 * H, boundary - 3 * H, boundary - 2 * H, boundary - H, boundary);

        var weeks = WeeklyReturns.Weekly(closes, ReturnKind.Simple);
        Assert.Equal(1163.0 / 100 - 1, weeks[0].Return!.Value, 12);
        Assert.Equal(99.0 / 1163 - 1, weeks[1].Return!.Value, 12);
    }

    [Fact]
    public void More_than_six_missing_hours_leave_both_weeks_without_a_return()
    {
        // Remove 18:00 … 00:00 (7 candles): the last close is 17:00, 7 h old > 6 h, so Jan 8 has no price; both weeks
        // that share it are null and the calendar keeps both slots.
        long boundary = Monday + 168 * H;
        var missing = Enumerable.Range(0, 7).Select(i => boundary - i * H).ToArray();

        var weeks = WeeklyReturns.Weekly(TwoWeeks(Monday, missing), ReturnKind.Simple);
        Assert.Equal(2, weeks.Count);
        Assert.Null(weeks[0].Return);
        Assert.Null(weeks[1].Return);
    }

    [Fact]
    public void Missing_hours_inside_a_week_do_not_change_its_return()
    {
        // Drop Wednesday Jan 3 (24 candles): the week still runs 100 → 110.
        var wednesday = Enumerable.Range(48, 24).Select(i => Monday + i * H).ToArray();

        Assert.Equal(0.1, WeeklyReturns.Weekly(TwoWeeks(Monday, wednesday), ReturnKind.Simple)[0].Return!.Value, 12);
    }

    [Fact]
    public void A_day_runs_midnight_to_midnight_utc()
    {
        // Day Jan 1: P(Jan 1 00:00) = 100 → P(Jan 2 00:00) = 1000 + 24 = 1024; day Jan 2: 1024 → 1048.
        var days = WeeklyReturns.Daily(TwoWeeks(Monday), ReturnKind.Simple);

        Assert.Equal(14, days.Count);
        Assert.Equal(Monday, days[0].Start);
        Assert.Equal(1024.0 / 100 - 1, days[0].Return!.Value, 12);
        Assert.Equal(1048.0 / 1024 - 1, days[1].Return!.Value, 12);
        // Day Jan 7 ends on the week boundary: 1000 + 144 = 1144 → 110.
        Assert.Equal(110.0 / 1144 - 1, days[6].Return!.Value, 12);
    }

    [Fact]
    public void Compound_multiplies_simple_returns_and_adds_log_returns()
    {
        // Simple (1 + 0.1)(1 − 0.1) − 1 = −0.01; log ln 1.1 + ln 0.9 = ln 0.99. A null inside the range → null.
        var closes = TwoWeeks(Monday);
        Assert.Equal(-0.01, WeeklyReturns.Compound(WeeklyReturns.Weekly(closes, ReturnKind.Simple), 0, 2, ReturnKind.Simple)!.Value, 12);
        Assert.Equal(Math.Log(0.99), WeeklyReturns.Compound(WeeklyReturns.Weekly(closes, ReturnKind.Log), 0, 2, ReturnKind.Log)!.Value, 12);

        PeriodReturn[] gap = [new(0, 1, 0.1), new(1, 2, null)];
        Assert.Null(WeeklyReturns.Compound(gap, 0, 2, ReturnKind.Simple));
        Assert.Null(WeeklyReturns.Compound(gap, 1, 3, ReturnKind.Simple));
    }

    [Fact]
    public void No_closes_give_no_weeks_and_unsorted_closes_are_rejected()
    {
        Assert.Empty(WeeklyReturns.Weekly([], ReturnKind.Simple));
        Assert.Throws<ArgumentException>(() => WeeklyReturns.Weekly([new(2 * H, 1), new(H, 1)], ReturnKind.Simple));
    }
}

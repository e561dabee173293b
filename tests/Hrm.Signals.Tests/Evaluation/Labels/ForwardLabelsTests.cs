using Hrm.Signals.Evaluation.Labels;
using Hrm.Signals.Evaluation.Trading;

namespace Hrm.Signals.Tests.Evaluation.Labels;

public sealed class ForwardLabelsTests
{
    private const long H = 3_600_000_000_000;

    /// <summary>Hourly bars opening at 0h, 1h, … with the given opens (o = h = l = c).</summary>
    private static PriceBar[] Hourly(params double[] opens) =>
        opens.Select((o, i) => PriceBar.Tick(i * H, o)).ToArray();

    [Fact]
    public void A_label_starts_at_the_fill_after_the_decision_and_ends_one_horizon_later()
    {
        // Decision at 1h + 1 s (the tick after the 1h candle closed): fill at the open of the bar opening at 2h (103),
        // 1h horizon ends at the bar opening at 3h (99): ln(99/103). The bar opening at 1h is not used: its open was
        // before the decision.
        var bars = Hourly(100, 101, 103, 99, 98);
        var label = ForwardLabels.Label(bars, H + 1_000_000_000, 3600, double.NaN, 3600);
        Assert.Equal(2 * H, label.FillTs);
        Assert.Equal(3 * H, label.EndTs);
        Assert.Equal(Math.Log(99.0 / 103.0), label.Return, 12);
        Assert.False(label.Up);
        Assert.True(double.IsNaN(label.Scaled));
    }

    [Fact]
    public void A_decision_exactly_at_a_bar_open_fills_at_the_next_bar()
    {
        // The fill is strictly after t: at t = 1h the 1h bar's open is the price the decision saw, not one it can trade.
        var label = ForwardLabels.Label(Hourly(100, 101, 103, 99), H, 3600, double.NaN, 3600);
        Assert.Equal(2 * H, label.FillTs);
        Assert.Equal(Math.Log(99.0 / 103.0), label.Return, 12);
    }

    [Fact]
    public void A_label_past_the_data_or_across_a_gap_is_unknown()
    {
        var bars = Hourly(100, 101, 103);
        // fill at 2h (the last bar), horizon ends at 3h: no price → unknown
        Assert.False(ForwardLabels.Label(bars, H, 3600, double.NaN, 3600).IsKnown);
        // a 4h hole: bars at 0h, 1h, then 6h; a 1h label filled at 1h would end at 6h, five hours late → unknown
        PriceBar[] gap = [PriceBar.Tick(0, 100), PriceBar.Tick(H, 101), PriceBar.Tick(6 * H, 120), PriceBar.Tick(7 * H, 121)];
        Assert.False(ForwardLabels.Label(gap, 0, 3600, double.NaN, 3600).IsKnown);
        // no bar after the decision at all: no fill
        Assert.Equal(0, ForwardLabels.Label(bars, 5 * H, 3600, double.NaN, 3600).FillTs);
    }

    [Fact]
    public void Sigma_is_the_sample_std_of_grid_returns_known_at_the_decision_scaled_by_the_root_of_the_horizon()
    {
        // Opens 100, 110, 99, 108.9 at 0..3h; at t = 3h with K = 3 hourly returns: ln 1.1, ln 0.9, ln 1.1.
        // mean m = (2 ln 1.1 + ln 0.9)/3; sample variance = Σ(r − m)²/2.
        var bars = Hourly(100, 110, 99, 108.9, 50);
        double[] r = [Math.Log(1.1), Math.Log(0.9), Math.Log(1.1)];
        var m = r.Average();
        var expected = Math.Sqrt(r.Sum(x => (x - m) * (x - m)) / 2);
        var sigma = ForwardLabels.TrailingSigma(bars, 3 * H, 3600, 3);
        Assert.Equal(expected, sigma, 12);
        // the 50 at 4h is after the decision: it must not change σ
        Assert.Equal(sigma, ForwardLabels.TrailingSigma(bars.Take(4).ToArray(), 3 * H, 3600, 3), 15);
        // four returns need a price 4h before t: not there → unknown
        Assert.True(double.IsNaN(ForwardLabels.TrailingSigma(bars, 3 * H, 3600, 4)));
        // a 4h label at t = 3h on a 1h σ: σ·√4; the scaled label is r/σ_h
        var label = ForwardLabels.Label(Hourly(100, 110, 99, 108.9, 50, 51, 52, 53, 54), 3 * H, 4 * 3600, sigma, 3600);
        Assert.Equal(2 * sigma, label.Sigma, 12);
        Assert.Equal(Math.Log(54.0 / 50.0) / (2 * sigma), label.Scaled, 12);
    }

    [Fact]
    public void For_labels_every_decision_at_every_horizon_of_the_spec()
    {
        var bars = Hourly(Enumerable.Range(0, 400).Select(i => 100 + Math.Sin(i / 5.0)).ToArray());
        var labels = ForwardLabels.For(bars, [200 * H, 300 * H], LabelSpec.Candles);
        Assert.Equal(4, labels.Length);
        Assert.All(labels, l => Assert.Equal(2, l.Length));
        Assert.True(labels[0][0].IsKnown && double.IsFinite(labels[0][0].Sigma));
        // the 1w label at 300h would end at 469h, past the 400 bars
        Assert.False(labels[3][1].IsKnown);
        Assert.Equal(labels[0][0].Sigma * Math.Sqrt(24), labels[2][0].Sigma, 12);
    }
}

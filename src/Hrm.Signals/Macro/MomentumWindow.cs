using Hrm.Protocol.Market;
using Hrm.Signals.Indicators;
using MessagePack;

namespace Hrm.Signals.Macro;

/// <summary>
/// Momentum and volatility of one venue's 4h closes C_0 (newest), C_1, …: the log return over k bars,
/// m_k = ln(C_0 / C_k), for k = 6, 42, 168 (1 day, 1 week, 4 weeks); σ_4h = sample standard deviation (÷ n − 1) of the
/// last 180 one-bar log returns ln(C_i / C_{i+1}) (30 days); the vol-scaled momentum z_k = m_k / (σ_4h·√k), and the
/// annualised volatility σ_4h·√(6·365). Bars are counted, not hours: a missing 4h bar is not filled in. Non-positive
/// or non-finite closes are skipped (as the regime model does). Each value is NaN until enough bars exist
/// (k + 1 closes, 181 for σ), and z_k also when σ_4h = 0. Reads are pure; O(1) per bar, O(180) per σ read.
/// </summary>
[MessagePackObject]
public sealed class MomentumWindow
{
    public const int DayBars = 6;
    public const int WeekBars = 42;
    public const int FourWeekBars = 168;
    public const int VolatilityReturns = 180;

    /// <summary>4h bars per year: √ of it annualises a 4h σ.</summary>
    public const double BarsPerYear = 6 * 365;

    [Key(0)] private RollingWindow<double> _closes = new(FourWeekBars + 1);
    [Key(1)] private RollingStats _returns = new(VolatilityReturns);

    [IgnoreMember] public int Closes => _closes.Count;

    public void Update(Bar bar)
    {
        var close = bar.Close;
        if (!(close > 0) || !double.IsFinite(close)) return;
        if (_closes.Count > 0) _returns.Update(Math.Log(close / _closes[0]));
        _closes.Add(close);
    }

    /// <summary>ln(C_0 / C_bars); NaN with fewer than bars + 1 closes.</summary>
    public double LogReturn(int bars) =>
        bars >= 1 && _closes.Count > bars ? Math.Log(_closes[0] / _closes[bars]) : double.NaN;

    /// <summary>σ_4h: sample std of the last 180 one-bar log returns; NaN until 180 returns exist.</summary>
    [IgnoreMember] public double Sigma => _returns.IsReady ? _returns.SampleStd : double.NaN;

    /// <summary>σ_4h·√(6·365).</summary>
    [IgnoreMember] public double AnnualisedVolatility => Sigma * Math.Sqrt(BarsPerYear);

    /// <summary>m_k / (σ_4h·√k) with σ_4h <paramref name="sigma"/> (pass <see cref="Sigma"/>); NaN when either is missing or σ = 0.</summary>
    public double ZScore(int bars, double sigma)
    {
        var m = LogReturn(bars);
        return double.IsNaN(m) || !(sigma > 0) ? double.NaN : m / (sigma * Math.Sqrt(bars));
    }
}

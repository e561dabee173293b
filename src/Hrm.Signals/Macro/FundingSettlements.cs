using Hrm.Signals.Indicators;
using MessagePack;

namespace Hrm.Signals.Macro;

/// <summary>
/// The last 90 settled USD-M funding rates (<c>FundingRate</c> events: three a day, so 30 days) and the z-score of a
/// rate against them: z = (rate − mean) / sample std (÷ n − 1) of the 90. NaN until 90 settlements are held, when
/// the std is 0, or for a NaN rate. Live rates (mark-price updates) are not settlements and do not enter the window.
/// </summary>
[MessagePackObject]
public sealed class FundingSettlements
{
    public const int Window = 90;

    [Key(0)] private RollingStats _rates = new(Window);

    [IgnoreMember] public int Count => _rates.Count;

    public void OnSettlement(double rate)
    {
        if (double.IsFinite(rate)) _rates.Update(rate);
    }

    /// <summary>(rate − mean) / sample std of the last 90 settlements; NaN before 90 or when the std is 0.</summary>
    public double ZScore(double rate)
    {
        if (!_rates.IsReady || double.IsNaN(rate)) return double.NaN;
        var std = _rates.SampleStd;
        return std > 0 ? (rate - _rates.Mean) / std : double.NaN;
    }
}

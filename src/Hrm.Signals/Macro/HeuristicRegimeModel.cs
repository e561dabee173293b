using System.Globalization;
using Hrm.Protocol.Layers;
using Hrm.Protocol.Market;
using Hrm.Signals.Indicators;
using Hrm.Signals.Numerics;
using MessagePack;

namespace Hrm.Signals.Macro;

/// <summary>
/// First regime classifier on 4h closes (a later issue replaces it with a Markov-switching model). Over the last
/// W = 42 bars (7 days):
/// <list type="bullet">
/// <item>efficiency ratio ER = |C_t − C_{t−W}| / Σ|C_i − C_{i−1}| (Kaufman);</item>
/// <item>variance ratio VR(4) of the 1-bar log returns (<see cref="Stats.VarianceRatio"/>);</item>
/// <item>volatility = population std of the last 6 log returns (1 day); its mid-rank percentile among the last 180 such
/// values (30 days), the current one included.</item>
/// </list>
/// Rules, in order: vol percentile ≥ 0.8 → volatile, strength 0.5 + 0.5·(pct − 0.8)/0.2; ER ≥ 0.3 → trending, strength
/// min(1, ER/0.6), direction sign(C_t − C_{t−W}); vol percentile ≤ 0.25 → accumulation, strength (0.25 − pct)/0.25, halved
/// unless |funding| ≤ 0.0001 (funding compressed too); otherwise mean reverting, strength clamp(1 − VR, 0.1, 1).
/// Ready after W + 1 closes and 30 volatility values.
/// </summary>
[MessagePackObject]
public sealed class HeuristicRegimeModel : IRegimeModel
{
    public const int Window = 42;
    public const int VolBars = 6;
    public const int VolHistory = 180;
    public const int MinVolHistory = 30;
    public const int VarianceRatioLag = 4;
    public const double VolatilePercentile = 0.8;
    public const double TrendingEfficiency = 0.3;
    public const double CalmPercentile = 0.25;
    public const double CompressedFunding = 0.0001;

    [Key(0)] private RollingWindow<double> _closes = new(Window + 1);
    [Key(1)] private RollingWindow<double> _vols = new(VolHistory);
    [Key(2)] private double _funding = double.NaN;

    [IgnoreMember] public string Name => "heuristic";
    [IgnoreMember] public bool IsReady => _closes.IsFull && _vols.Count >= MinVolHistory;

    public void ObserveFunding(double rate) => _funding = rate;

    /// <summary>Nothing to freeze: fixed thresholds over rolling features, no parameter is estimated.</summary>
    public void SetLearning(bool enabled)
    {
    }

    public void Update(Bar bar)
    {
        if (bar.Close <= 0) return;
        _closes.Add(bar.Close);
        if (_closes.Count > VolBars) _vols.Add(RecentVolatility(_closes));
    }

    public RegimeEstimate Estimate()
    {
        if (!IsReady) throw new InvalidOperationException("regime model not ready");
        var er = EfficiencyRatio(_closes, Window);
        var vr = VarianceRatio(_closes, Window, VarianceRatioLag);
        var pct = Percentile(_vols);
        var direction = Math.Sign(_closes[0] - _closes[Window]);
        var drivers = new[]
        {
            Driver("efficiency_ratio", er), Driver("variance_ratio", vr), Driver("vol_percentile", pct),
        };
        if (pct >= VolatilePercentile)
            return new RegimeEstimate(Regime.Volatile, 0.5 + 0.5 * (pct - VolatilePercentile) / (1 - VolatilePercentile), 0, drivers);
        if (er >= TrendingEfficiency)
            return new RegimeEstimate(Regime.Trending, Math.Min(1.0, er / (2 * TrendingEfficiency)), direction, drivers);
        if (pct <= CalmPercentile)
        {
            var compressed = !double.IsNaN(_funding) && Math.Abs(_funding) <= CompressedFunding;
            var s = (CalmPercentile - pct) / CalmPercentile * (compressed ? 1.0 : 0.5);
            return new RegimeEstimate(Regime.Accumulation, s, 0, drivers);
        }

        return new RegimeEstimate(Regime.MeanReverting, Math.Clamp(1 - vr, 0.1, 1.0), 0, drivers);
    }

    private static string Driver(string name, double value) => name + "=" + value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>Kaufman's efficiency ratio over the last <paramref name="n"/> changes (index 0 = newest); 0 on a flat series.</summary>
    public static double EfficiencyRatio(RollingWindow<double> closes, int n)
    {
        Span<double> levels = stackalloc double[n + 1];
        for (var i = 0; i <= n; i++) levels[i] = closes[i];
        return Stats.EfficiencyRatio(levels);
    }

    /// <summary><see cref="Stats.VarianceRatio"/> of the last <paramref name="n"/> log returns at lag q; 1 on a flat series.</summary>
    public static double VarianceRatio(RollingWindow<double> closes, int n, int q) => Stats.VarianceRatio(LogReturns(closes, n), q) ?? 1.0;

    /// <summary>Population std of the last <see cref="VolBars"/> log returns.</summary>
    public static double RecentVolatility(RollingWindow<double> closes) => Stats.PopulationStd(LogReturns(closes, VolBars));

    /// <summary>The last n log returns, newest first: the order the statistics sum in, which the pinned signals depend on.</summary>
    private static double[] LogReturns(RollingWindow<double> closes, int n)
    {
        var r = new double[n];
        for (var i = 0; i < n; i++) r[i] = Math.Log(closes[i] / closes[i + 1]);
        return r;
    }

    /// <summary>Mid-rank percentile of the newest value among the held ones (itself included): (#below + ½ #equal)/n.</summary>
    public static double Percentile(RollingWindow<double> values)
    {
        var current = values[0];
        double below = 0;
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] < current) below += 1;
            else if (values[i] == current) below += 0.5;
        }

        return below / values.Count;
    }
}

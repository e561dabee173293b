using MessagePack;

namespace Hrm.Signals.Indicators;

/// <summary>
/// Mean and standard deviation of the last <c>period</c> values. Both the population (divide by n) and the sample
/// (divide by n − 1) deviation are offered, named as such. Computed on demand with two passes over the window (no
/// running-sum drift), so reads cost O(period); updates are O(1). Ready when the window is full.
/// </summary>
[MessagePackObject]
public sealed class RollingStats
{
    [Key(0)] private RollingWindow<double> _window;

    [SerializationConstructor]
    public RollingStats() => _window = new RollingWindow<double>(1);

    public RollingStats(int period) => _window = new RollingWindow<double>(period);

    [IgnoreMember] public int Period => _window.Capacity;
    [IgnoreMember] public int Count => _window.Count;
    [IgnoreMember] public bool IsReady => _window.IsFull;
    [IgnoreMember] public RollingWindow<double> Window => _window;

    public void Update(double x) => _window.Add(x);

    /// <summary>Mean of the values held (even before the window is full); NaN when empty.</summary>
    [IgnoreMember]
    public double Mean
    {
        get
        {
            var n = _window.Count;
            if (n == 0) return double.NaN;
            var sum = 0.0;
            for (var i = n - 1; i >= 0; i--) sum += _window[i];
            return sum / n;
        }
    }

    /// <summary>Σ(x − mean)² / n over the values held; NaN when empty.</summary>
    [IgnoreMember] public double PopulationStd => Std(sample: false);

    /// <summary>Σ(x − mean)² / (n − 1) over the values held; NaN with fewer than two values.</summary>
    [IgnoreMember] public double SampleStd => Std(sample: true);

    private double Std(bool sample)
    {
        var n = _window.Count;
        if (n == 0 || (sample && n < 2)) return double.NaN;
        var mean = Mean;
        var ss = 0.0;
        for (var i = n - 1; i >= 0; i--)
        {
            var d = _window[i] - mean;
            ss += d * d;
        }

        return Math.Sqrt(ss / (sample ? n - 1 : n));
    }
}

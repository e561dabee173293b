using MessagePack;

namespace Hrm.Signals.Learning.Hierarchy;

/// <summary>
/// Sufficient statistics of a linear model on a panel: per cell (group g, regime r) the weighted sums Σw·x·xᵀ, Σw·x·y
/// and Σw, over design vectors x of length <see cref="Width"/> (x₀ = 1, the intercept). Cells add and decay, so a fit
/// on a union of time blocks is a sum of the blocks' statistics, and an online learner forgets with a half-life.
/// </summary>
[MessagePackObject]
public sealed class PanelStatistics
{
    [Key(0)] private double[][] _xtx;
    [Key(1)] private double[][] _xty;
    [Key(2)] private double[] _weight;

    [SerializationConstructor]
    private PanelStatistics()
    {
        _xtx = [];
        _xty = [];
        _weight = [];
    }

    public PanelStatistics(int width, int groups, int regimes)
    {
        Width = width;
        Groups = groups;
        Regimes = regimes;
        var cells = groups * regimes;
        _xtx = new double[cells][];
        _xty = new double[cells][];
        _weight = new double[cells];
        for (var c = 0; c < cells; c++)
        {
            _xtx[c] = new double[width * width];
            _xty[c] = new double[width];
        }
    }

    [Key(3)] public int Width { get; private set; }

    [Key(4)] public int Groups { get; private set; }

    [Key(5)] public int Regimes { get; private set; }

    /// <summary>Total weight (rows) over every cell.</summary>
    [IgnoreMember] public double Rows => _weight.Sum();

    public double GroupRows(int group) => Enumerable.Range(0, Regimes).Sum(r => _weight[Cell(group, r)]);

    public double RegimeRows(int regime) => Enumerable.Range(0, Groups).Sum(g => _weight[Cell(g, regime)]);

    public void Add(ReadOnlySpan<double> x, int group, int regime, double y, double weight = 1)
    {
        var c = Cell(group, regime);
        var xtx = _xtx[c];
        var xty = _xty[c];
        var w = Width;
        for (var i = 0; i < w; i++)
        {
            var wxi = weight * x[i];
            if (wxi == 0)
            {
                continue;
            }

            xty[i] += wxi * y;
            var row = i * w;
            for (var j = i; j < w; j++)
            {
                xtx[row + j] += wxi * x[j];
            }
        }

        _weight[c] += weight;
    }

    /// <summary>Adds <paramref name="other"/>'s statistics (same shape) to these.</summary>
    public void Merge(PanelStatistics other)
    {
        for (var c = 0; c < _weight.Length; c++)
        {
            Accumulate(_xtx[c], other._xtx[c]);
            Accumulate(_xty[c], other._xty[c]);
            _weight[c] += other._weight[c];
        }
    }

    /// <summary>Multiplies every statistic by <paramref name="factor"/> (0 &lt; factor ≤ 1): exponential forgetting.</summary>
    public void Decay(double factor)
    {
        for (var c = 0; c < _weight.Length; c++)
        {
            Scale(_xtx[c], factor);
            Scale(_xty[c], factor);
            _weight[c] *= factor;
        }
    }

    /// <summary>Σw·xᵢ·xⱼ of one cell (upper triangle stored; both orders answered).</summary>
    public double XtX(int group, int regime, int i, int j) =>
        i <= j ? _xtx[Cell(group, regime)][(i * Width) + j] : _xtx[Cell(group, regime)][(j * Width) + i];

    public double Xty(int group, int regime, int i) => _xty[Cell(group, regime)][i];

    public double Weight(int group, int regime) => _weight[Cell(group, regime)];

    public PanelStatistics Copy()
    {
        var copy = new PanelStatistics(Width, Groups, Regimes);
        copy.Merge(this);
        return copy;
    }

    private int Cell(int group, int regime) => (group * Regimes) + regime;

    private static void Accumulate(double[] into, double[] from)
    {
        for (var i = 0; i < into.Length; i++)
        {
            into[i] += from[i];
        }
    }

    private static void Scale(double[] values, double factor)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] *= factor;
        }
    }
}

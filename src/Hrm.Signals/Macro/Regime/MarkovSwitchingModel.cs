namespace Hrm.Signals.Macro.Regimes;

/// <summary>
/// The shape of a Markov-switching model: <see cref="States"/> regimes, an AR(<see cref="Order"/>) in Hamilton's
/// mean-adjusted form y_t − μ(S_t) = Σ φ_i(S_t)·(y_{t−i} − μ(S_{t−i})) + σ(S_t)·ε_t, with the AR coefficients and the
/// standard deviation either shared by all regimes or switching with the current regime S_t. The mean always switches.
/// </summary>
public sealed record MarkovSwitchingSpec(int States, int Order = 0, bool SwitchingAr = false, bool SwitchingVariance = false)
{
    /// <summary>Number of (S_t, …, S_{t−p}) tuples the filter carries: k^(p+1).</summary>
    public int Tuples => Pow(States, Order + 1);

    /// <summary>Length of the unconstrained parameter vector (see <see cref="MarkovSwitchingParameters.ToVector"/>).</summary>
    public int VectorLength => States * (States - 1) + States + (SwitchingAr ? States : 1) * Order + (SwitchingVariance ? States : 1);

    public void Validate()
    {
        if (States < 2) throw new ArgumentOutOfRangeException(nameof(States), States, "at least 2 states");
        if (Order < 0) throw new ArgumentOutOfRangeException(nameof(Order), Order, "AR order must be ≥ 0");
        if (Tuples > 1 << 16) throw new ArgumentOutOfRangeException(nameof(Order), Order, "k^(p+1) tuples exceed 65536");
    }

    internal static int Pow(int b, int e)
    {
        var r = 1;
        for (var i = 0; i < e; i++)
        {
            r *= b;
        }

        return r;
    }
}

/// <summary>
/// Natural parameters. <see cref="Transition"/>[i][j] = Pr(S_t = i | S_{t−1} = j): columns sum to 1 (Hamilton's,
/// E-Views', Stata's and statsmodels' orientation; <c>p00</c> = [0][0], <c>p10</c> = Pr(1→0) = [0][1]).
/// <see cref="Ar"/>[s] holds φ_1..φ_p used when S_t = s (all rows equal when the AR is shared).
/// </summary>
public sealed class MarkovSwitchingParameters
{
    public required double[][] Transition { get; init; }

    public required double[] Means { get; init; }

    public required double[][] Ar { get; init; }

    public required double[] Sigmas { get; init; }

    public int States => Means.Length;

    /// <summary>Two-state shorthand with the published names: p00, p10, μ, σ and AR coefficients (shared unless given per state).</summary>
    public static MarkovSwitchingParameters TwoState(double p00, double p10, double[] means, double[] sigmas, params double[][] ar)
    {
        var k = 2;
        var rows = ar.Length == 0 ? [[], []] : ar.Length == 1 ? new[] { ar[0], ar[0] } : ar;
        var s = sigmas.Length == 1 ? new[] { sigmas[0], sigmas[0] } : sigmas;
        return new MarkovSwitchingParameters
        {
            Transition = [[p00, p10], [1 - p00, 1 - p10]],
            Means = means,
            Ar = rows.Select(r => (double[])r.Clone()).ToArray(),
            Sigmas = s,
        }.CheckedFor(k);
    }

    private MarkovSwitchingParameters CheckedFor(int k)
    {
        if (Means.Length != k || Sigmas.Length != k || Ar.Length != k || Transition.Length != k)
        {
            throw new ArgumentException("parameter arrays do not match the number of states");
        }

        return this;
    }

    /// <summary>The transition matrix as row = FROM-state (row-stochastic): the transpose of <see cref="Transition"/>.</summary>
    public double[][] TransitionFromTo()
    {
        var k = States;
        var t = new double[k][];
        for (var from = 0; from < k; from++)
        {
            t[from] = new double[k];
            for (var to = 0; to < k; to++)
            {
                t[from][to] = Transition[to][from];
            }
        }

        return t;
    }

    /// <summary>
    /// Unconstrained vector for the optimiser: for each FROM-state j the logits of Pr(→0..k−2 | j) against →k−1
    /// (softmax), then the k means, then the AR coefficients (k·p if switching, else p), then log σ (k or 1).
    /// </summary>
    public double[] ToVector(MarkovSwitchingSpec spec)
    {
        var k = spec.States;
        var v = new double[spec.VectorLength];
        var n = 0;
        for (var j = 0; j < k; j++)
        {
            var last = Math.Max(Transition[k - 1][j], 1e-300);
            for (var i = 0; i < k - 1; i++)
            {
                v[n++] = Math.Log(Math.Max(Transition[i][j], 1e-300) / last);
            }
        }

        for (var i = 0; i < k; i++)
        {
            v[n++] = Means[i];
        }

        for (var s = 0; s < (spec.SwitchingAr ? k : 1); s++)
        {
            for (var i = 0; i < spec.Order; i++)
            {
                v[n++] = Ar[s][i];
            }
        }

        for (var s = 0; s < (spec.SwitchingVariance ? k : 1); s++)
        {
            v[n++] = Math.Log(Sigmas[s]);
        }

        return v;
    }

    public static MarkovSwitchingParameters FromVector(MarkovSwitchingSpec spec, ReadOnlySpan<double> v)
    {
        var k = spec.States;
        var p = spec.Order;
        var transition = new double[k][];
        for (var i = 0; i < k; i++)
        {
            transition[i] = new double[k];
        }

        var n = 0;
        for (var j = 0; j < k; j++)
        {
            var max = 0.0;
            for (var i = 0; i < k - 1; i++)
            {
                max = Math.Max(max, v[n + i]);
            }

            var sum = Math.Exp(-max);
            for (var i = 0; i < k - 1; i++)
            {
                sum += Math.Exp(v[n + i] - max);
            }

            for (var i = 0; i < k - 1; i++)
            {
                transition[i][j] = Math.Exp(v[n + i] - max) / sum;
            }

            transition[k - 1][j] = Math.Exp(-max) / sum;
            n += k - 1;
        }

        var means = new double[k];
        for (var i = 0; i < k; i++)
        {
            means[i] = v[n++];
        }

        var ar = new double[k][];
        if (spec.SwitchingAr)
        {
            for (var s = 0; s < k; s++)
            {
                ar[s] = v.Slice(n, p).ToArray();
                n += p;
            }
        }
        else
        {
            var shared = v.Slice(n, p).ToArray();
            n += p;
            for (var s = 0; s < k; s++)
            {
                ar[s] = (double[])shared.Clone();
            }
        }

        var sigmas = new double[k];
        for (var s = 0; s < k; s++)
        {
            sigmas[s] = Math.Exp(v[spec.SwitchingVariance ? n + s : n]);
        }

        return new MarkovSwitchingParameters { Transition = transition, Means = means, Ar = ar, Sigmas = sigmas };
    }

    /// <summary>The same model with the regimes relabelled so that new state r is old state <paramref name="order"/>[r].</summary>
    public MarkovSwitchingParameters Permute(int[] order)
    {
        var k = States;
        var transition = new double[k][];
        for (var i = 0; i < k; i++)
        {
            transition[i] = new double[k];
            for (var j = 0; j < k; j++)
            {
                transition[i][j] = Transition[order[i]][order[j]];
            }
        }

        return new MarkovSwitchingParameters
        {
            Transition = transition,
            Means = order.Select(o => Means[o]).ToArray(),
            Ar = order.Select(o => (double[])Ar[o].Clone()).ToArray(),
            Sigmas = order.Select(o => Sigmas[o]).ToArray(),
        };
    }

    /// <summary>Ergodic (stationary) distribution π = Pπ, Σπ = 1 of the column-stochastic transition matrix.</summary>
    public double[] Ergodic()
    {
        var k = States;
        // (P − I) π = 0 with the last equation replaced by Σ π = 1; Gaussian elimination with partial pivoting.
        var a = new double[k, k + 1];
        for (var i = 0; i < k - 1; i++)
        {
            for (var j = 0; j < k; j++)
            {
                a[i, j] = Transition[i][j] - (i == j ? 1 : 0);
            }
        }

        for (var j = 0; j < k; j++)
        {
            a[k - 1, j] = 1;
        }

        a[k - 1, k] = 1;
        for (var c = 0; c < k; c++)
        {
            var pivot = c;
            for (var r = c + 1; r < k; r++)
            {
                if (Math.Abs(a[r, c]) > Math.Abs(a[pivot, c]))
                {
                    pivot = r;
                }
            }

            for (var j = 0; j <= k; j++)
            {
                (a[c, j], a[pivot, j]) = (a[pivot, j], a[c, j]);
            }

            for (var r = 0; r < k; r++)
            {
                if (r == c || a[r, c] == 0)
                {
                    continue;
                }

                var f = a[r, c] / a[c, c];
                for (var j = c; j <= k; j++)
                {
                    a[r, j] -= f * a[c, j];
                }
            }
        }

        var pi = new double[k];
        for (var i = 0; i < k; i++)
        {
            pi[i] = Math.Max(0, a[i, k] / a[i, i]);
        }

        var sum = pi.Sum();
        for (var i = 0; i < k; i++)
        {
            pi[i] = sum > 0 && double.IsFinite(sum) ? pi[i] / sum : 1.0 / k;
        }

        return pi;
    }
}

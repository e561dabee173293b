namespace Hrm.Signals.Macro.Regimes;

/// <summary>Options for <see cref="MarkovSwitchingFitter.Fit"/>.</summary>
public sealed class MarkovSwitchingFitOptions
{
    /// <summary>Explicit starting points (e.g. the previous fit, for a warm start). Empty: the built-in grid.</summary>
    public IReadOnlyList<MarkovSwitchingParameters> Starts { get; init; } = [];

    public int MaxIterations { get; init; } = 500;

    /// <summary>σ below this fraction of the sample std makes the likelihood −∞ (keeps a regime from collapsing onto one point).</summary>
    public double SigmaFloor { get; init; } = 1e-3;
}

/// <summary>A maximum likelihood fit: parameters with states ordered by ascending mean (ties: ascending σ).</summary>
public sealed class MarkovSwitchingFitResult
{
    public required MarkovSwitchingSpec Spec { get; init; }

    public required MarkovSwitchingParameters Parameters { get; init; }

    public required double LogLikelihood { get; init; }

    public required int Iterations { get; init; }

    public required bool Converged { get; init; }

    public required int StartsTried { get; init; }
}

/// <summary>
/// Maximum likelihood for <see cref="MarkovSwitching"/>: BFGS (numerical gradients) on the unconstrained vector
/// of <see cref="MarkovSwitchingParameters.ToVector"/> from each start; the best log-likelihood wins. The default
/// starts are deterministic: OLS AR(p) with a constant gives φ, σ and the overall mean μ̄; the regime means are
/// μ̄ + c·sd(y) with c spread evenly over [−a, a], a ∈ {0.5, 1, 1.5} ({0, 0.5, 1} with switching variance, where σ
/// starts at σ_OLS·e^{±0.4}), and the diagonal of the transition matrix starts at 0.9 or 0.6.
/// </summary>
public static class MarkovSwitchingFitter
{
    public static MarkovSwitchingFitResult Fit(ReadOnlySpan<double> y, MarkovSwitchingSpec spec, MarkovSwitchingFitOptions? options = null)
    {
        spec.Validate();
        options ??= new MarkovSwitchingFitOptions();
        var data = y.ToArray();
        if (data.Length < MinimumObservations(spec))
        {
            throw new ArgumentException($"{data.Length} observations are too few for this model (need at least {MinimumObservations(spec)})", nameof(y));
        }

        var sd = StandardDeviation(data);
        var floor = Math.Log(Math.Max(sd, 1e-300) * options.SigmaFloor);
        var sigmaOffset = spec.VectorLength - (spec.SwitchingVariance ? spec.States : 1);
        double Objective(double[] x)
        {
            for (var i = sigmaOffset; i < x.Length; i++)
            {
                if (x[i] < floor || x[i] > floor + 50)
                {
                    return double.PositiveInfinity;
                }
            }

            var ll = MarkovSwitching.LogLikelihood(data, spec, MarkovSwitchingParameters.FromVector(spec, x));
            return double.IsFinite(ll) ? -ll : double.PositiveInfinity;
        }

        var starts = options.Starts.Count > 0 ? options.Starts : DefaultStarts(data, spec);
        MinimizeResult? best = null;
        foreach (var start in starts)
        {
            var result = Bfgs.Minimize(Objective, start.ToVector(spec), options.MaxIterations);
            if (double.IsFinite(result.Value) && (best is null || result.Value < best.Value.Value))
            {
                best = result;
            }
        }

        if (best is null)
        {
            throw new InvalidOperationException("no starting point gave a finite likelihood");
        }

        var fitted = MarkovSwitchingParameters.FromVector(spec, best.Value.X);
        var order = Enumerable.Range(0, spec.States)
            .OrderBy(s => fitted.Means[s])
            .ThenBy(s => fitted.Sigmas[s])
            .ToArray();
        return new MarkovSwitchingFitResult
        {
            Spec = spec,
            Parameters = fitted.Permute(order),
            LogLikelihood = -best.Value.Value,
            Iterations = best.Value.Iterations,
            Converged = best.Value.Converged,
            StartsTried = starts.Count,
        };
    }

    /// <summary>Fewest observations accepted: p presample values plus max(10, 2 × the number of free parameters).</summary>
    public static int MinimumObservations(MarkovSwitchingSpec spec) => spec.Order + Math.Max(10, 2 * spec.VectorLength);

    /// <summary>The deterministic grid of starting points described on the class.</summary>
    public static List<MarkovSwitchingParameters> DefaultStarts(double[] y, MarkovSwitchingSpec spec)
    {
        var k = spec.States;
        var p = spec.Order;
        var (phi, mu, sigma) = OlsAr(y, p);
        var sd = StandardDeviation(y);
        var spreads = spec.SwitchingVariance ? new[] { 0.0, 0.5, 1.0 } : new[] { 0.5, 1.0, 1.5 };
        var starts = new List<MarkovSwitchingParameters>();
        foreach (var diagonal in new[] { 0.9, 0.6 })
        {
            foreach (var spread in spreads)
            {
                var transition = new double[k][];
                for (var i = 0; i < k; i++)
                {
                    transition[i] = new double[k];
                    for (var j = 0; j < k; j++)
                    {
                        transition[i][j] = i == j ? diagonal : (1 - diagonal) / (k - 1);
                    }
                }

                var means = new double[k];
                var sigmas = new double[k];
                var ar = new double[k][];
                for (var s = 0; s < k; s++)
                {
                    var c = -1 + 2.0 * s / (k - 1);
                    means[s] = mu + spread * c * sd;
                    sigmas[s] = spec.SwitchingVariance ? sigma * Math.Exp(0.4 * c) : sigma;
                    ar[s] = (double[])phi.Clone();
                }

                starts.Add(new MarkovSwitchingParameters { Transition = transition, Means = means, Ar = ar, Sigmas = sigmas });
            }
        }

        return starts;
    }

    /// <summary>OLS of y_t on (1, y_{t−1}, …, y_{t−p}): φ, the implied mean c/(1 − Σφ) (sample mean if near a unit root) and the residual std.</summary>
    public static (double[] Phi, double Mean, double Sigma) OlsAr(double[] y, int p)
    {
        var mean = y.Average();
        if (p == 0)
        {
            return ([], mean, StandardDeviation(y));
        }

        var n = y.Length - p;
        var dim = p + 1;
        var xtx = new double[dim, dim + 1];
        for (var t = p; t < y.Length; t++)
        {
            for (var a = 0; a < dim; a++)
            {
                var xa = a == 0 ? 1 : y[t - a];
                for (var b = 0; b < dim; b++)
                {
                    xtx[a, b] += xa * (b == 0 ? 1 : y[t - b]);
                }

                xtx[a, dim] += xa * y[t];
            }
        }

        var beta = Solve(xtx, dim);
        if (beta is null)
        {
            return (new double[p], mean, StandardDeviation(y));
        }

        var ss = 0.0;
        for (var t = p; t < y.Length; t++)
        {
            var e = y[t] - beta[0];
            for (var i = 1; i <= p; i++)
            {
                e -= beta[i] * y[t - i];
            }

            ss += e * e;
        }

        var phi = beta[1..];
        var persistence = 1 - phi.Sum();
        var mu = Math.Abs(persistence) > 0.05 ? beta[0] / persistence : mean;
        return (phi, mu, Math.Sqrt(ss / Math.Max(1, n - dim)));
    }

    private static double[]? Solve(double[,] a, int n)
    {
        for (var c = 0; c < n; c++)
        {
            var pivot = c;
            for (var r = c + 1; r < n; r++)
            {
                if (Math.Abs(a[r, c]) > Math.Abs(a[pivot, c]))
                {
                    pivot = r;
                }
            }

            if (Math.Abs(a[pivot, c]) < 1e-300)
            {
                return null;
            }

            for (var j = 0; j <= n; j++)
            {
                (a[c, j], a[pivot, j]) = (a[pivot, j], a[c, j]);
            }

            for (var r = 0; r < n; r++)
            {
                if (r == c)
                {
                    continue;
                }

                var f = a[r, c] / a[c, c];
                for (var j = c; j <= n; j++)
                {
                    a[r, j] -= f * a[c, j];
                }
            }
        }

        var x = new double[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = a[i, n] / a[i, i];
        }

        return x;
    }

    private static double StandardDeviation(double[] y)
    {
        if (y.Length < 2)
        {
            return 0;
        }

        var mean = y.Average();
        var ss = 0.0;
        foreach (var v in y)
        {
            ss += (v - mean) * (v - mean);
        }

        return Math.Sqrt(ss / (y.Length - 1));
    }
}

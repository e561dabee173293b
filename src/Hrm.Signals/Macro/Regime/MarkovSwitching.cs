namespace Hrm.Signals.Macro.Regimes;

/// <summary>Output of the Hamilton filter and Kim smoother over y_p..y_{n−1} (row r is observation t = p + r).</summary>
public sealed class MarkovSwitchingResult
{
    /// <summary>Conditional log-likelihood Σ_{t=p}^{n−1} log f(y_t | y_0..y_{t−1}).</summary>
    public required double LogLikelihood { get; init; }

    /// <summary>Index of the first modelled observation (= the AR order p; the first p are presample).</summary>
    public required int FirstIndex { get; init; }

    /// <summary>Pr(S_t = j | y_0..y_{t−1}) (one-step-ahead prior).</summary>
    public required double[][] Predicted { get; init; }

    /// <summary>Pr(S_t = j | y_0..y_t): uses no later data.</summary>
    public required double[][] Filtered { get; init; }

    /// <summary>Pr(S_t = j | y_0..y_{n−1}) (Kim smoother; looks ahead, for analysis only). Null unless asked for.</summary>
    public double[][]? Smoothed { get; init; }

    /// <summary>Joint probabilities of the tuple (S_t, …, S_{t−p}), tuple index Σ_d S_{t−d}·k^d.</summary>
    public required double[][] PredictedJoint { get; init; }

    public required double[][] FilteredJoint { get; init; }

    public double[][]? SmoothedJoint { get; init; }
}

/// <summary>
/// k-state Markov-switching mean / AR(p) / variance model (Hamilton 1989): Hamilton filter over the k^(p+1) tuples
/// (S_t, …, S_{t−p}), Kim (1994) smoother, likelihood conditional on the first p observations, ergodic initial
/// distribution, and maximum likelihood by BFGS on an unconstrained parameterisation (transition logits, log σ).
/// Pure and deterministic.
/// </summary>
public static class MarkovSwitching
{
    private const double LogSqrt2Pi = 0.91893853320467274178;

    /// <summary>Log-likelihood only (no stored probabilities); −∞ if it cannot be evaluated.</summary>
    public static double LogLikelihood(ReadOnlySpan<double> y, MarkovSwitchingSpec spec, MarkovSwitchingParameters parameters) =>
        Run(y, spec, parameters, store: false, smooth: false).LogLikelihood;

    /// <summary>Hamilton filter (and the Kim smoother if <paramref name="smooth"/>) at fixed parameters.</summary>
    public static MarkovSwitchingResult Filter(ReadOnlySpan<double> y, MarkovSwitchingSpec spec, MarkovSwitchingParameters parameters, bool smooth = true) =>
        Run(y, spec, parameters, store: true, smooth: smooth);

    /// <summary>
    /// Prior of the first modelled tuple (S_p, …, S_0): π(S_0)·Π P[S_{m+1}][S_m] with π the ergodic distribution.
    /// </summary>
    public static double[] InitialTuplePrior(MarkovSwitchingSpec spec, MarkovSwitchingParameters parameters)
    {
        var k = spec.States;
        var p = spec.Order;
        var pi = parameters.Ergodic();
        var prior = new double[spec.Tuples];
        for (var idx = 0; idx < prior.Length; idx++)
        {
            // digit d of idx = S_{t−d}; S_0 is digit p
            var pr = pi[Digit(idx, p, k)];
            for (var d = p; d > 0; d--)
            {
                pr *= parameters.Transition[Digit(idx, d - 1, k)][Digit(idx, d, k)];
            }

            prior[idx] = pr;
        }

        return prior;
    }

    /// <summary>One step of the filter for an AR(0) model: prior ← P·filtered, then Bayes with y. Returns log f(y).</summary>
    public static double Step(double y, MarkovSwitchingParameters parameters, double[] probabilities)
    {
        var k = parameters.States;
        Span<double> prior = stackalloc double[k];
        Span<double> logDensity = stackalloc double[k];
        for (var i = 0; i < k; i++)
        {
            var sum = 0.0;
            for (var j = 0; j < k; j++)
            {
                sum += parameters.Transition[i][j] * probabilities[j];
            }

            prior[i] = sum;
            var z = (y - parameters.Means[i]) / parameters.Sigmas[i];
            logDensity[i] = -LogSqrt2Pi - Math.Log(parameters.Sigmas[i]) - 0.5 * z * z;
        }

        return Update(prior, logDensity, probabilities);
    }

    private static int Digit(int idx, int d, int k)
    {
        for (var i = 0; i < d; i++)
        {
            idx /= k;
        }

        return idx % k;
    }

    /// <summary>posterior ∝ prior·exp(logDensity), scaled by the largest log density; returns log Σ prior·density.</summary>
    private static double Update(ReadOnlySpan<double> prior, ReadOnlySpan<double> logDensity, Span<double> posterior)
    {
        var max = double.NegativeInfinity;
        for (var i = 0; i < prior.Length; i++)
        {
            if (prior[i] > 0 && logDensity[i] > max)
            {
                max = logDensity[i];
            }
        }

        if (!double.IsFinite(max))
        {
            return double.NegativeInfinity;
        }

        var total = 0.0;
        for (var i = 0; i < prior.Length; i++)
        {
            posterior[i] = prior[i] * Math.Exp(logDensity[i] - max);
            total += posterior[i];
        }

        if (!(total > 0) || !double.IsFinite(total))
        {
            return double.NegativeInfinity;
        }

        for (var i = 0; i < prior.Length; i++)
        {
            posterior[i] /= total;
        }

        return max + Math.Log(total);
    }

    private static MarkovSwitchingResult Run(ReadOnlySpan<double> y, MarkovSwitchingSpec spec, MarkovSwitchingParameters parameters, bool store, bool smooth)
    {
        spec.Validate();
        var k = spec.States;
        var p = spec.Order;
        var m = spec.Tuples;
        var kp = m / k; // k^p
        var n = y.Length - p;
        if (n < 1)
        {
            throw new ArgumentException($"need more than {p} observations for an AR({p}) model", nameof(y));
        }

        var tr = parameters.Transition;
        var logSigma = new double[k];
        var inverseSigma = new double[k];
        for (var s = 0; s < k; s++)
        {
            if (!(parameters.Sigmas[s] > 0) || !double.IsFinite(parameters.Sigmas[s]))
            {
                return Empty(double.NegativeInfinity, p);
            }

            logSigma[s] = Math.Log(parameters.Sigmas[s]);
            inverseSigma[s] = 1 / parameters.Sigmas[s];
        }

        // per tuple: current state and the AR offset Σ φ_i(S_t)·μ(S_{t−i}) that the tuple implies
        var current = new int[m];
        var tupleMean = new double[m];
        var lagStates = new int[m * Math.Max(p, 1)];
        for (var idx = 0; idx < m; idx++)
        {
            var s = idx % k;
            current[idx] = s;
            var mean = parameters.Means[s];
            var rest = idx / k;
            for (var i = 1; i <= p; i++)
            {
                var lag = rest % k;
                rest /= k;
                lagStates[idx * p + i - 1] = lag;
                mean -= parameters.Ar[s][i - 1] * parameters.Means[lag];
            }

            tupleMean[idx] = mean;
        }

        var predictedJoint = store ? new double[n][] : [];
        var filteredJoint = store ? new double[n][] : [];
        var prior = InitialTuplePrior(spec, parameters);
        var filtered = new double[m];
        var logDensity = new double[m];
        var arTerm = new double[k];
        var logLik = 0.0;
        for (var r = 0; r < n; r++)
        {
            var t = r + p;
            if (r > 0)
            {
                if (p == 0)
                {
                    for (var s = 0; s < k; s++)
                    {
                        var sum = 0.0;
                        for (var j = 0; j < k; j++)
                        {
                            sum += tr[s][j] * filtered[j];
                        }

                        prior[s] = sum;
                    }
                }
                else
                {
                    for (var rest = 0; rest < kp; rest++)
                    {
                        var marginal = 0.0;
                        for (var old = 0; old < k; old++)
                        {
                            marginal += filtered[rest + kp * old];
                        }

                        var previous = rest % k;
                        for (var s = 0; s < k; s++)
                        {
                            prior[s + k * rest] = tr[s][previous] * marginal;
                        }
                    }
                }
            }

            // y_t − μ(S_t) − Σ φ_i(S_t)(y_{t−i} − μ(S_{t−i})) = y_t − Σ φ_i(S_t) y_{t−i} − tupleMean
            for (var s = 0; s < k; s++)
            {
                var a = 0.0;
                for (var i = 1; i <= p; i++)
                {
                    a += parameters.Ar[s][i - 1] * y[t - i];
                }

                arTerm[s] = a;
            }

            for (var idx = 0; idx < m; idx++)
            {
                var s = current[idx];
                var z = (y[t] - arTerm[s] - tupleMean[idx]) * inverseSigma[s];
                logDensity[idx] = -LogSqrt2Pi - logSigma[s] - 0.5 * z * z;
            }

            var step = Update(prior, logDensity, filtered);
            if (!double.IsFinite(step))
            {
                return Empty(double.NegativeInfinity, p);
            }

            logLik += step;
            if (store)
            {
                predictedJoint[r] = (double[])prior.Clone();
                filteredJoint[r] = (double[])filtered.Clone();
            }
        }

        if (!store)
        {
            return Empty(logLik, p);
        }

        double[][]? smoothedJoint = null;
        if (smooth)
        {
            smoothedJoint = new double[n][];
            smoothedJoint[n - 1] = (double[])filteredJoint[n - 1].Clone();
            var ratio = new double[m];
            for (var r = n - 2; r >= 0; r--)
            {
                var next = smoothedJoint[r + 1];
                var nextPrior = predictedJoint[r + 1];
                for (var idx = 0; idx < m; idx++)
                {
                    ratio[idx] = nextPrior[idx] > 0 ? next[idx] / nextPrior[idx] : 0;
                }

                var row = new double[m];
                var f = filteredJoint[r];
                for (var idx = 0; idx < m; idx++)
                {
                    // successors of tuple idx: (s', S_t, …, S_{t−p+1}) reached with Pr P[s'][S_t]
                    var s = idx % k;
                    var shifted = p == 0 ? 0 : k * (idx % kp);
                    var sum = 0.0;
                    for (var s2 = 0; s2 < k; s2++)
                    {
                        sum += tr[s2][s] * ratio[p == 0 ? s2 : s2 + shifted];
                    }

                    row[idx] = f[idx] * sum;
                }

                smoothedJoint[r] = row;
            }
        }

        return new MarkovSwitchingResult
        {
            LogLikelihood = logLik,
            FirstIndex = p,
            PredictedJoint = predictedJoint,
            FilteredJoint = filteredJoint,
            SmoothedJoint = smoothedJoint,
            Predicted = Marginals(predictedJoint, k),
            Filtered = Marginals(filteredJoint, k),
            Smoothed = smoothedJoint is null ? null : Marginals(smoothedJoint, k),
        };
    }

    private static MarkovSwitchingResult Empty(double logLik, int p) => new()
    {
        LogLikelihood = logLik,
        FirstIndex = p,
        Predicted = [],
        Filtered = [],
        PredictedJoint = [],
        FilteredJoint = [],
    };

    private static double[][] Marginals(double[][] joint, int k)
    {
        var result = new double[joint.Length][];
        for (var r = 0; r < joint.Length; r++)
        {
            var row = new double[k];
            for (var idx = 0; idx < joint[r].Length; idx++)
            {
                row[idx % k] += joint[r][idx];
            }

            result[r] = row;
        }

        return result;
    }
}

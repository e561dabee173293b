namespace Hrm.Signals.Macro.Regimes;

/// <summary>Result of a minimisation: the point, its value, iterations used and whether the gradient test passed.</summary>
public readonly record struct MinimizeResult(double[] X, double Value, int Iterations, bool Converged);

/// <summary>
/// Quasi-Newton BFGS minimiser with central-difference gradients and a backtracking (Armijo) line search that also
/// backs off from non-finite values. Deterministic; no dependencies.
/// </summary>
public static class Bfgs
{
    public static MinimizeResult Minimize(Func<double[], double> f, double[] start, int maxIterations = 500, double gradientTolerance = 1e-6)
    {
        var n = start.Length;
        var x = (double[])start.Clone();
        var fx = f(x);
        if (!double.IsFinite(fx))
        {
            return new MinimizeResult(x, fx, 0, false);
        }

        var g = Gradient(f, x, fx);
        var h = Identity(n);
        var direction = new double[n];
        var candidate = new double[n];
        var stall = 0;
        for (var iteration = 1; iteration <= maxIterations; iteration++)
        {
            if (MaxAbs(g) < gradientTolerance)
            {
                return new MinimizeResult(x, fx, iteration - 1, true);
            }

            for (var i = 0; i < n; i++)
            {
                var d = 0.0;
                for (var j = 0; j < n; j++)
                {
                    d -= h[i, j] * g[j];
                }

                direction[i] = d;
            }

            var slope = Dot(direction, g);
            if (!(slope < 0))
            {
                // not a descent direction: restart from steepest descent
                h = Identity(n);
                for (var i = 0; i < n; i++)
                {
                    direction[i] = -g[i];
                }

                slope = Dot(direction, g);
            }

            // keep the first trial step bounded (the logits and log σ live on unit scales)
            var norm = Math.Sqrt(Dot(direction, direction));
            var step = norm > 5 ? 5 / norm : 1.0;
            var fc = double.NaN;
            var accepted = false;
            for (var tries = 0; tries < 60; tries++)
            {
                for (var i = 0; i < n; i++)
                {
                    candidate[i] = x[i] + step * direction[i];
                }

                fc = f(candidate);
                if (double.IsFinite(fc) && fc <= fx + 1e-4 * step * slope)
                {
                    accepted = true;
                    break;
                }

                step *= 0.5;
            }

            if (!accepted)
            {
                return new MinimizeResult(x, fx, iteration, MaxAbs(g) < 1e-3);
            }

            var gc = Gradient(f, candidate, fc);
            var s = new double[n];
            var yv = new double[n];
            for (var i = 0; i < n; i++)
            {
                s[i] = candidate[i] - x[i];
                yv[i] = gc[i] - g[i];
            }

            var sy = Dot(s, yv);
            if (sy > 1e-12)
            {
                // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ
                var rho = 1 / sy;
                var hy = new double[n];
                for (var i = 0; i < n; i++)
                {
                    var v = 0.0;
                    for (var j = 0; j < n; j++)
                    {
                        v += h[i, j] * yv[j];
                    }

                    hy[i] = v;
                }

                var yhy = Dot(yv, hy);
                for (var i = 0; i < n; i++)
                {
                    for (var j = 0; j < n; j++)
                    {
                        h[i, j] += (1 + rho * yhy) * rho * s[i] * s[j] - rho * (hy[i] * s[j] + s[i] * hy[j]);
                    }
                }
            }

            var improvement = fx - fc;
            Array.Copy(candidate, x, n);
            fx = fc;
            g = gc;
            stall = improvement < 1e-12 * (1 + Math.Abs(fx)) ? stall + 1 : 0;
            if (stall >= 3)
            {
                return new MinimizeResult(x, fx, iteration, MaxAbs(g) < 1e-3);
            }
        }

        return new MinimizeResult(x, fx, maxIterations, MaxAbs(g) < gradientTolerance);
    }

    /// <summary>Central differences with step 1e-5·max(1, |x_i|).</summary>
    public static double[] Gradient(Func<double[], double> f, double[] x, double fx)
    {
        var n = x.Length;
        var g = new double[n];
        var probe = (double[])x.Clone();
        for (var i = 0; i < n; i++)
        {
            var h = 1e-5 * Math.Max(1, Math.Abs(x[i]));
            probe[i] = x[i] + h;
            var up = f(probe);
            probe[i] = x[i] - h;
            var down = f(probe);
            probe[i] = x[i];
            g[i] = double.IsFinite(up) && double.IsFinite(down)
                ? (up - down) / (2 * h)
                : double.IsFinite(up) ? (up - fx) / h : double.IsFinite(down) ? (fx - down) / h : 0;
        }

        return g;
    }

    private static double[,] Identity(int n)
    {
        var h = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            h[i, i] = 1;
        }

        return h;
    }

    private static double Dot(double[] a, double[] b)
    {
        var s = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }

        return s;
    }

    private static double MaxAbs(double[] a)
    {
        var m = 0.0;
        foreach (var v in a)
        {
            m = Math.Max(m, Math.Abs(v));
        }

        return m;
    }
}

namespace Hrm.Signals.Macro.Regimes;

/// <summary>A variance-ratio test: VR(q), its z statistic, the asymptotic variance θ and the two-sided p-value.</summary>
public readonly record struct VarianceRatioResult(double Ratio, double Z, double Theta, double PValue);

/// <summary>
/// Lo–MacKinlay (1988) variance ratio of a level series y (e.g. log prices), exactly as arch's <c>VarianceRatio</c>
/// (reference/04_variance_ratio_ff_mktrf/EXPECTED.md). Increments Δy (nq = n − 1 of them), drift
/// μ = (y_{n−1} − y_0)/nq (0 without trend), σ²_1 = Σ(Δy − μ)²/nq, overlapping σ²_q = Σ_{t≥q}(y_t − y_{t−q} − qμ)²/(nq·q);
/// de-biased: σ²_1·nq/(nq − 1) and σ²_q·nq·q/m with m = q(nq − q + 1)(1 − q/nq). z = √nq (VR − 1)/√θ with θ the
/// heteroskedasticity-robust Σ_{k=1}^{q−1} 4(1 − k/q)² δ_k, δ_k = nq·Σ_t e_t e_{t−k}/(Σ_t e_t)², e_t = (Δy_t − μ)² (z*),
/// or the homoskedastic 2(2q − 1)(q − 1)/(3q) (z). Non-overlapping: the last nq mod q values are dropped,
/// σ²_q = Σ_j (y_{jq} − y_{(j−1)q} − qμ)²/nq, θ = 2(q − 1), no de-biasing.
/// </summary>
public static class VarianceRatio
{
    public static VarianceRatioResult Test(ReadOnlySpan<double> levels, int q, bool overlap = true, bool debiased = true, bool robust = true, bool trend = true)
    {
        if (q < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(q), q, "lag must be ≥ 2");
        }

        var y = levels;
        if (!overlap)
        {
            var drop = (y.Length - 1) % q;
            y = y[..(y.Length - drop)];
        }

        var n = y.Length;
        var nq = n - 1;
        if (nq < 2 * q)
        {
            throw new ArgumentException($"{n} values are too few for lag {q}", nameof(levels));
        }

        var mu = trend ? (y[n - 1] - y[0]) / nq : 0.0;
        var sigma1 = 0.0;
        for (var t = 1; t < n; t++)
        {
            var d = y[t] - y[t - 1] - mu;
            sigma1 += d * d;
        }

        sigma1 /= nq;
        double sigmaQ = 0;
        double theta;
        if (overlap)
        {
            for (var t = q; t < n; t++)
            {
                var d = y[t] - y[t - q] - q * mu;
                sigmaQ += d * d;
            }

            sigmaQ /= nq * (double)q;
            if (debiased)
            {
                sigma1 *= nq / (nq - 1.0);
                var m = q * (nq - q + 1.0) * (1 - (double)q / nq);
                sigmaQ *= nq * (double)q / m;
            }

            theta = robust ? RobustTheta(y, q, mu) : 2.0 * (2 * q - 1) * (q - 1) / (3.0 * q);
        }
        else
        {
            for (var j = 1; j * q < n; j++)
            {
                var d = y[j * q] - y[(j - 1) * q] - q * mu;
                sigmaQ += d * d;
            }

            sigmaQ /= nq;
            theta = 2.0 * (q - 1);
        }

        var ratio = sigmaQ / sigma1;
        var z = Math.Sqrt(nq) * (ratio - 1) / Math.Sqrt(theta);
        return new VarianceRatioResult(ratio, z, theta, 2 * NormalUpperTail(Math.Abs(z)));
    }

    /// <summary>The same test on a return series r: levels 0, r_1, r_1 + r_2, ….</summary>
    public static VarianceRatioResult TestReturns(ReadOnlySpan<double> returns, int q, bool overlap = true, bool debiased = true, bool robust = true, bool trend = true)
    {
        var levels = new double[returns.Length + 1];
        for (var i = 0; i < returns.Length; i++)
        {
            levels[i + 1] = levels[i] + returns[i];
        }

        return Test(levels, q, overlap, debiased, robust, trend);
    }

    private static double RobustTheta(ReadOnlySpan<double> y, int q, double mu)
    {
        var nq = y.Length - 1;
        var e = new double[nq];
        var total = 0.0;
        for (var t = 0; t < nq; t++)
        {
            var d = y[t + 1] - y[t] - mu;
            e[t] = d * d;
            total += e[t];
        }

        var theta = 0.0;
        for (var k = 1; k < q; k++)
        {
            var cross = 0.0;
            for (var t = k; t < nq; t++)
            {
                cross += e[t] * e[t - k];
            }

            var delta = nq * cross / (total * total);
            var w = 1 - (double)k / q;
            theta += 4 * w * w * delta;
        }

        return theta;
    }

    /// <summary>1 − Φ(x) via the complementary error function (Numerical Recipes erfcc, |error| &lt; 1.2e−7).</summary>
    public static double NormalUpperTail(double x)
    {
        var z = Math.Abs(x) / Math.Sqrt(2);
        var t = 1 / (1 + 0.5 * z);
        var erfc = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
            + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        var upper = 0.5 * erfc;
        return x >= 0 ? upper : 1 - upper;
    }
}

namespace Hrm.Signals.Evaluation.Metrics;

/// <summary>Logistic recalibration: P(o = 1) = σ(a + b·logit(p)). Calibrated forecasts have a = 0 and b = 1.</summary>
public sealed record CalibrationLine(double Intercept, double Slope, int N);

/// <summary>
/// Calibration slope and intercept (Cox 1958): the maximum-likelihood logistic regression of the outcomes on the
/// forecasts' log-odds, fitted by Newton–Raphson. b &lt; 1 means the forecasts are too extreme (over-confident), b &lt; 0
/// that they point the wrong way (anti-calibrated); a is the bias in log-odds. Probabilities are clipped to
/// [1e-6, 1 − 1e-6] before the logit.
/// </summary>
public static class CalibrationFit
{
    private const double Clip = 1e-6;

    /// <summary>
    /// Null when fewer than 10 outcomes, the outcomes are all equal, the forecasts are constant (no slope to fit) or
    /// the fit does not converge (a separable sample, |b| running away).
    /// </summary>
    public static CalibrationLine? Fit(IReadOnlyList<ProbabilityOutcome> calls)
    {
        var valid = calls.Where(c => double.IsFinite(c.Probability)).ToArray();
        var n = valid.Length;
        if (n < 10 || valid.All(c => c.Outcome) || valid.All(c => !c.Outcome))
        {
            return null;
        }

        var x = valid.Select(c => Logit(c.Probability)).ToArray();
        if (x.Max() - x.Min() < 1e-12)
        {
            return null;
        }

        var y = valid.Select(c => c.Outcome ? 1.0 : 0.0).ToArray();
        double a = 0, b = 0;
        for (var iteration = 0; iteration < 100; iteration++)
        {
            double g0 = 0, g1 = 0, h00 = 0, h01 = 0, h11 = 0;
            for (var i = 0; i < n; i++)
            {
                var p = 1 / (1 + Math.Exp(-(a + b * x[i])));
                var w = p * (1 - p);
                g0 += y[i] - p;
                g1 += (y[i] - p) * x[i];
                h00 += w;
                h01 += w * x[i];
                h11 += w * x[i] * x[i];
            }

            var det = h00 * h11 - h01 * h01;
            if (!(det > 1e-300))
            {
                return null;
            }

            var da = (h11 * g0 - h01 * g1) / det;
            var db = (h00 * g1 - h01 * g0) / det;
            a += da;
            b += db;
            if (!double.IsFinite(a) || !double.IsFinite(b) || Math.Abs(b) > 1e3)
            {
                return null;
            }

            if (Math.Abs(da) < 1e-10 && Math.Abs(db) < 1e-10)
            {
                return new CalibrationLine(a, b, n);
            }
        }

        return null;
    }

    public static double Logit(double p)
    {
        var q = Math.Clamp(p, Clip, 1 - Clip);
        return Math.Log(q / (1 - q));
    }
}

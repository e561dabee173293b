namespace Hrm.Signals.Micro;

/// <summary>
/// The arithmetic VPIN's bulk volume classification needs: the standard normal CDF Φ through the complementary
/// error function, and the buy share of a bar, Φ(ΔP/σ).
/// </summary>
public static class VpinMath
{
    // W. J. Cody, "Rational Chebyshev approximations for the error function", Math. Comp. 23 (1969) 631–638, as
    // published in netlib specfun (CALERF): erf on |x| ≤ 0.46875, erfc on 0.46875 < |x| ≤ 4 and |x| > 4; at least
    // 18 significant digits in theory, a few ulp in double precision.
    private static readonly double[] A = [3.16112374387056560e00, 1.13864154151050156e02, 3.77485237685302021e02, 3.20937758913846947e03, 1.85777706184603153e-1];
    private static readonly double[] B = [2.36012909523441209e01, 2.44024637934444173e02, 1.28261652607737228e03, 2.84423683343917062e03];
    private static readonly double[] C =
    [
        5.64188496988670089e-1, 8.88314979438837594e00, 6.61191906371416295e01, 2.98635138197400131e02, 8.81952221241769090e02,
        1.71204761263407058e03, 2.05107837782607147e03, 1.23033935479799725e03, 2.15311535474403846e-8,
    ];
    private static readonly double[] D =
    [
        1.57449261107098347e01, 1.17693950891312499e02, 5.37181101862009858e02, 1.62138957456669019e03, 3.29079923573345963e03,
        4.36261909014324716e03, 3.43936767414372164e03, 1.23033935480374942e03,
    ];
    private static readonly double[] P = [3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1, 1.60837851487422766e-2, 6.58749161529837803e-4, 1.63153871373020978e-2];
    private static readonly double[] Q = [2.56852019228982242e00, 1.87295284992346047e00, 5.27905102951428412e-1, 6.05183413124413191e-2, 2.33520497626869185e-3];

    private const double InvSqrtPi = 0.56418958354775628695;
    private const double Sqrt2 = 1.41421356237309504880;
    private const double ErfcZeroAbove = 26.543; // erfc(x) underflows to 0 in double precision beyond this

    /// <summary>erf(x), accurate to a few ulp.</summary>
    public static double Erf(double x)
    {
        var y = Math.Abs(x);
        if (y <= 0.46875)
        {
            return SmallErf(x);
        }

        var tail = ErfcPositive(y); // erfc(|x|) ≤ 0.51
        return x < 0 ? tail - 1 : 1 - tail;
    }

    /// <summary>erfc(x) = 1 − erf(x), with full relative accuracy in the upper tail.</summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        var y = Math.Abs(x);
        if (y <= 0.46875)
        {
            return 1 - SmallErf(x);
        }

        var tail = ErfcPositive(y);
        return x < 0 ? 2 - tail : tail;
    }

    /// <summary>Standard normal CDF Φ(x) = erfc(−x/√2)/2; relative accuracy ~1e-15 down to the far lower tail.</summary>
    public static double NormalCdf(double x) => 0.5 * Erfc(-x / Sqrt2);

    /// <summary>
    /// Bulk volume classification: the share of a bar's volume classified as buys, Φ(ΔP/σ). With σ = 0 (a flat history)
    /// the share is 1, ½ or 0 by the sign of ΔP (the limit of Φ).
    /// </summary>
    public static double BuyFraction(double priceChange, double sigma)
    {
        if (sigma > 0)
        {
            return NormalCdf(priceChange / sigma);
        }

        return priceChange > 0 ? 1.0 : priceChange < 0 ? 0.0 : 0.5;
    }

    private static double SmallErf(double x)
    {
        var ysq = x * x;
        var num = A[4] * ysq;
        var den = ysq;
        for (var i = 0; i < 3; i++)
        {
            num = (num + A[i]) * ysq;
            den = (den + B[i]) * ysq;
        }

        return x * (num + A[3]) / (den + B[3]);
    }

    /// <summary>erfc(y) for y &gt; 0.46875.</summary>
    private static double ErfcPositive(double y)
    {
        double ratio;
        if (y <= 4)
        {
            var num = C[8] * y;
            var den = y;
            for (var i = 0; i < 7; i++)
            {
                num = (num + C[i]) * y;
                den = (den + D[i]) * y;
            }

            ratio = (num + C[7]) / (den + D[7]);
        }
        else
        {
            if (y >= ErfcZeroAbove)
            {
                return 0;
            }

            var z = 1 / (y * y);
            var num = P[5] * z;
            var den = z;
            for (var i = 0; i < 4; i++)
            {
                num = (num + P[i]) * z;
                den = (den + Q[i]) * z;
            }

            ratio = (InvSqrtPi - z * (num + P[4]) / (den + Q[4])) / y;
        }

        // exp(−y²) split as exp(−h²)·exp(−(y − h)(y + h)) with h = y rounded down to 1/16, so that y² loses no bits.
        var h = Math.Truncate(y * 16) / 16;
        var del = (y - h) * (y + h);
        return Math.Exp(-h * h) * Math.Exp(-del) * ratio;
    }
}

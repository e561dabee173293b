using MathNet.Numerics.Distributions;

namespace Hrm.Signals.Evaluation.Discovery;

/// <summary>
/// The Deflated Sharpe Ratio (Bailey &amp; López de Prado, "The Deflated Sharpe Ratio: Correcting for Selection Bias,
/// Backtest Overfitting and Non-Normality", Journal of Portfolio Management 40(5), 2014): the probability that a
/// strategy's true Sharpe ratio exceeds the best one N independent trials of zero skill would show, given the sample
/// length, skewness and kurtosis of its returns. Sharpe ratios are per observation (not annualised).
/// </summary>
public static class DeflatedSharpe
{
    private const double EulerGamma = 0.5772156649015329;

    /// <summary>
    /// SR₀, the expected maximum Sharpe ratio of <paramref name="trials"/> zero-skill trials whose Sharpe ratios vary
    /// with <paramref name="trialSharpeVariance"/>: √V·((1−γ)·Z⁻¹(1 − 1/N) + γ·Z⁻¹(1 − 1/(N·e))). Zero for one trial.
    /// </summary>
    public static double ExpectedMaxSharpe(int trials, double trialSharpeVariance)
    {
        if (trials <= 1 || !(trialSharpeVariance > 0))
        {
            return 0;
        }

        var n = (double)trials;
        return Math.Sqrt(trialSharpeVariance)
            * (((1 - EulerGamma) * Normal.InvCDF(0, 1, 1 - (1 / n))) + (EulerGamma * Normal.InvCDF(0, 1, 1 - (1 / (n * Math.E)))));
    }

    /// <summary>
    /// The Probabilistic Sharpe Ratio of an observed <paramref name="sharpe"/> against <paramref name="benchmark"/>:
    /// Φ((SR − SR*)·√(T − 1) / √(1 − γ₃·SR + (γ₄ − 1)/4·SR²)), with γ₄ the (non-excess) kurtosis. NaN for T &lt; 2.
    /// </summary>
    public static double Probabilistic(double sharpe, double benchmark, int observations, double skewness, double kurtosis)
    {
        var denominator = 1 - (skewness * sharpe) + ((kurtosis - 1) / 4 * sharpe * sharpe);
        if (observations < 2 || !double.IsFinite(sharpe) || !(denominator > 0))
        {
            return double.NaN;
        }

        return Normal.CDF(0, 1, (sharpe - benchmark) * Math.Sqrt(observations - 1) / Math.Sqrt(denominator));
    }

    /// <summary>The DSR: the probabilistic Sharpe ratio against <see cref="ExpectedMaxSharpe"/> of every trial made.</summary>
    public static double Compute(double sharpe, int observations, double skewness, double kurtosis, int trials, double trialSharpeVariance) =>
        Probabilistic(sharpe, ExpectedMaxSharpe(trials, trialSharpeVariance), observations, skewness, kurtosis);
}

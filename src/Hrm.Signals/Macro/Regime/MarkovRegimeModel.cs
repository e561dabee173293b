using System.Globalization;
using Hrm.Protocol.Layers;
using Hrm.Protocol.Market;
using Hrm.Signals.Indicators;
using MessagePack;

namespace Hrm.Signals.Macro.Regimes;

/// <summary>
/// The continuous quantities <see cref="MarkovRegimeModel"/> maps to a regime: p_high = filtered Pr(high-σ state),
/// σ_high/σ_low, Hurst H (NaN on a flat window), VR(6) and its robust z* (NaN on a flat window), and the persistence
/// score s = ½·z*/1.645 + ½·(H − 0.5)/0.1 as the mapping uses it (an undefined z* counts as 0, an undefined H as 0.5).
/// </summary>
public readonly record struct RegimeFeatures(
    double PHighVol, double SigmaRatio, double Hurst, double VarianceRatio, double VrZ, double PersistenceScore);

/// <summary>
/// Regime model on 4h bars from a 2-state Markov-switching model (switching mean and switching variance, no AR) of
/// 4h log returns in percent, fitted by maximum likelihood on the last <see cref="Window"/> returns (90 days) and refitted
/// every <see cref="RefitEvery"/> bars (7 days), warm-started from the previous fit (the first fit uses the default
/// grid). Between refits the filter advances one step per bar with the current parameters; only filtered
/// probabilities (data up to the current bar) are used, never smoothed ones. Features:
/// <list type="bullet">
/// <item>p_high = filtered Pr(high-σ state | returns up to t), σ ratio = σ_high/σ_low;</item>
/// <item>Hurst H = corrected empirical R/S exponent (Anis–Lloyd–Peters, Weron) of the last <see cref="FeatureWindow"/>
/// returns (30 days) over windows 8, 16, 32, 64 (≈ 0.5 for independent returns);</item>
/// <item>VR(6) (1 day) of the same returns, de-biased, with the heteroskedasticity-robust z*.</item>
/// </list>
/// Mapping, in order: the states are distinct (σ ratio ≥ <see cref="DistinctVolRatio"/>) and p_high ≥ 0.5 →
/// <c>volatile</c>, strength p_high. Otherwise, with p_calm = 1 − p_high (1 if the states are not distinct) and the
/// persistence score s = ½·z*/1.645 + ½·(H − 0.5)/0.1 (s = ±0.5 when one feature alone is at its one-sided 5% level,
/// z* = ±1.645 or H = 0.5 ± 0.1): s ≥ 0.5 → <c>trending</c>, strength p_calm·min(1, s), direction the sign of the last
/// 42 returns' sum (7 days); s ≤ −0.5 → <c>mean_reverting</c>, strength p_calm·min(1, −s); otherwise
/// <c>accumulation</c> (calm, no serial dependence), strength p_calm·(1 − 2|s|), halved unless |funding| ≤ 0.0001.
/// Ready after <see cref="Window"/> + 1 closes. <see cref="Estimate"/> is a pure read.
/// </summary>
[MessagePackObject]
public sealed class MarkovRegimeModel : IRegimeModel
{
    public const int Window = 540;
    public const int RefitEvery = 42;
    public const int FeatureWindow = 180;
    public const int VarianceRatioLag = 6;
    public const int DirectionBars = 42;
    public const double DistinctVolRatio = 1.5;
    public const double PersistenceThreshold = 0.5;
    public const double CompressedFunding = 0.0001;
    public const double Scale = 100; // returns in percent keep the optimiser well scaled

    public static readonly MarkovSwitchingSpec Spec = new(States: 2, Order: 0, SwitchingVariance: true);

    private static readonly int[] HurstWindows = [8, 16, 32, 64];

    [Key(0)] private RollingWindow<double> _returns = new(Window);
    [Key(1)] private double _lastClose = double.NaN;
    [Key(2)] private double[] _parameters = [];
    [Key(3)] private double[] _filtered = [];
    [Key(4)] private int _sinceFit;
    [Key(5)] private double _funding = double.NaN;
    [Key(6)] private double _logLikelihood = double.NaN;
    [Key(7)] private int _fits;
    [Key(8)] private bool _frozen;

    // The last estimate, a function of the state above: the layer reads it at every step (output and features) but the
    // state changes only with a bar or a funding rate. Not serialized; cleared by every mutation.
    [IgnoreMember] private (RegimeEstimate Estimate, RegimeFeatures Features)? _cached;

    [IgnoreMember] public string Name => "markov";

    [IgnoreMember] public bool IsReady => _parameters.Length > 0;

    /// <summary>The current fit (states ordered by ascending mean), or null before the first fit.</summary>
    [IgnoreMember]
    public MarkovSwitchingParameters? Parameters => IsReady ? MarkovSwitchingParameters.FromVector(Spec, _parameters) : null;

    /// <summary>Filtered Pr(S_t = j | returns up to the last bar), states as in <see cref="Parameters"/>.</summary>
    [IgnoreMember] public IReadOnlyList<double> Filtered => _filtered;

    /// <summary>Log-likelihood of the last fit (on percent returns).</summary>
    [IgnoreMember] public double LogLikelihood => _logLikelihood;

    [IgnoreMember] public int Fits => _fits;

    public void ObserveFunding(double rate)
    {
        _funding = rate;
        _cached = null;
    }

    /// <summary>Frozen: no refit; the filter keeps running on the last fitted parameters (a model never fitted stays unready).</summary>
    public void SetLearning(bool enabled)
    {
        _frozen = !enabled;
        _cached = null;
    }

    public void Update(Bar bar)
    {
        _cached = null;
        if (!(bar.Close > 0) || !double.IsFinite(bar.Close))
        {
            return;
        }

        if (double.IsNaN(_lastClose))
        {
            _lastClose = bar.Close;
            return;
        }

        var r = Scale * Math.Log(bar.Close / _lastClose);
        _lastClose = bar.Close;
        _returns.Add(r);
        if (!_returns.IsFull)
        {
            return;
        }

        _sinceFit++;
        if (!_frozen && (_parameters.Length == 0 || _sinceFit >= RefitEvery))
        {
            Refit();
            return;
        }

        if (_parameters.Length == 0)
        {
            return;
        }

        var parameters = MarkovSwitchingParameters.FromVector(Spec, _parameters);
        var probabilities = (double[])_filtered.Clone();
        if (double.IsFinite(MarkovSwitching.Step(r, parameters, probabilities)))
        {
            _filtered = probabilities;
        }
        else if (!_frozen)
        {
            Refit();
        }
    }

    private void Refit()
    {
        var y = Oldest(Window);
        var options = _parameters.Length == 0
            ? new MarkovSwitchingFitOptions()
            : new MarkovSwitchingFitOptions { Starts = [MarkovSwitchingParameters.FromVector(Spec, _parameters)] };
        MarkovSwitchingFitResult fit;
        try
        {
            fit = MarkovSwitchingFitter.Fit(y, Spec, options);
        }
        catch (InvalidOperationException) when (_parameters.Length > 0)
        {
            fit = MarkovSwitchingFitter.Fit(y, Spec);
        }

        var result = MarkovSwitching.Filter(y, Spec, fit.Parameters, smooth: false);
        _parameters = fit.Parameters.ToVector(Spec);
        _filtered = result.Filtered[^1];
        _logLikelihood = fit.LogLikelihood;
        _sinceFit = 0;
        _fits++;
    }

    public RegimeEstimate Estimate() => EstimateWithFeatures().Estimate;

    /// <summary>
    /// <see cref="Estimate"/> and the continuous features it was mapped from (pure read: computed once per state and
    /// kept until the next bar or funding rate). Throws when the model is not ready.
    /// </summary>
    public (RegimeEstimate Estimate, RegimeFeatures Features) EstimateWithFeatures() => _cached ??= Compute();

    private (RegimeEstimate Estimate, RegimeFeatures Features) Compute()
    {
        if (!IsReady)
        {
            throw new InvalidOperationException("regime model not ready");
        }

        var parameters = MarkovSwitchingParameters.FromVector(Spec, _parameters);
        var high = parameters.Sigmas[1] >= parameters.Sigmas[0] ? 1 : 0;
        var ratio = parameters.Sigmas[high] / parameters.Sigmas[1 - high];
        var distinct = ratio >= DistinctVolRatio;
        var pHigh = _filtered[high];
        var window = Oldest(FeatureWindow);
        var hurst = Hurst.CorrectedEmpirical(window, HurstWindows);
        var vr = VarianceRatio.TestReturns(window, VarianceRatioLag);
        // a flat stretch (zero variance) leaves a statistic undefined: count it as no evidence either way
        var z = double.IsFinite(vr.Z) ? vr.Z : 0;
        var h = double.IsFinite(hurst) ? hurst : 0.5;
        var score = 0.5 * z / 1.645 + 0.5 * (h - 0.5) / 0.1;
        var features = new RegimeFeatures(pHigh, ratio, hurst, vr.Ratio, vr.Z, score);
        return (Map(features, distinct), features);
    }

    private RegimeEstimate Map(RegimeFeatures f, bool distinct)
    {
        var pHigh = f.PHighVol;
        var score = f.PersistenceScore;
        var drivers = new[]
        {
            Driver("p_high_vol", pHigh),
            Driver("sigma_ratio", f.SigmaRatio),
            Driver("hurst", f.Hurst),
            Driver("variance_ratio", f.VarianceRatio),
            Driver("vr_z", f.VrZ),
        };
        if (distinct && pHigh >= 0.5)
        {
            return new RegimeEstimate(Regime.Volatile, pHigh, 0, drivers);
        }

        var pCalm = distinct ? 1 - pHigh : 1.0;
        if (score >= PersistenceThreshold)
        {
            var move = 0.0;
            for (var i = 0; i < DirectionBars; i++)
            {
                move += _returns[i];
            }

            return new RegimeEstimate(Regime.Trending, pCalm * Math.Min(1, score), Math.Sign(move), drivers);
        }

        if (score <= -PersistenceThreshold)
        {
            return new RegimeEstimate(Regime.MeanReverting, pCalm * Math.Min(1, -score), 0, drivers);
        }

        var compressed = !double.IsNaN(_funding) && Math.Abs(_funding) <= CompressedFunding;
        return new RegimeEstimate(Regime.Accumulation, pCalm * (1 - Math.Abs(score) / PersistenceThreshold) * (compressed ? 1.0 : 0.5), 0, drivers);
    }

    /// <summary>The newest <paramref name="count"/> returns, oldest first.</summary>
    private double[] Oldest(int count)
    {
        var y = new double[count];
        for (var i = 0; i < count; i++)
        {
            y[i] = _returns[count - 1 - i];
        }

        return y;
    }

    private static string Driver(string name, double value) => name + "=" + value.ToString("0.###", CultureInfo.InvariantCulture);
}

namespace Hrm.Signals.Evaluation.Anchors;

/// <summary>Which future return a predictive regression explains.</summary>
public enum FutureReturn
{
    /// <summary>The one-period return h periods ahead, r_{t+h}.</summary>
    Single,

    /// <summary>The return compounded over the next h periods, r_{t+1 → t+h}.</summary>
    Cumulative,
}

/// <summary>
/// One predictive regression y_t = α + β r_t + ε_t (Liu and Tsyvinski's time-series momentum).
/// <see cref="OneSdEffect"/> = β × sd(r_t) over the rows used: the change in the future return that a one-standard-
/// deviation higher current return predicts (the paper's "one-standard-deviation increase" reading).
/// </summary>
public sealed record PredictiveRegression(
    int Horizon,
    FutureReturn Target,
    double? Beta,
    double? TStat,
    double? Intercept,
    double? R2,
    int N,
    int Lag,
    double? OneSdEffect);

/// <summary>
/// One sign regression r_t/σ_{t−1} = α + β sign(r_{t−h}) + ε_t (Moskowitz, Ooi and Pedersen's time-series momentum
/// regression). Per coin <see cref="TStat"/> is Newey–West; pooled it is Driscoll–Kraay with the same Bartlett lag
/// and <see cref="TStatClustered"/> is the paper's own choice, clustered by week (Driscoll–Kraay with lag 0).
/// </summary>
public sealed record SignRegression(
    int Lag,
    double? Beta,
    double? TStat,
    double? TStatClustered,
    double? R2,
    int N,
    int HacLag);

/// <summary>
/// The performance of one weekly return series (a TSMOM (k, h) strategy or its passive-long benchmark).
/// Mean and std are per week; Sharpe = mean/std × √(365/7) (a year is 365 days); <see cref="AnnualVolatility"/> =
/// std × √(365/7); <see cref="TStat"/> is the Newey–West t of the mean (lag <see cref="Lag"/>). Null when undefined.
/// </summary>
public sealed record StrategyPerformance(
    string Name,
    int LookbackWeeks,
    int HoldingWeeks,
    int N,
    double? Mean,
    double? Std,
    double? Sharpe,
    double? AnnualVolatility,
    double? TStat,
    int Lag,
    long? FirstWeek,
    long? LastWeek);

/// <summary>
/// A strategy's weekly returns regressed on a benchmark's, R_t = α + β B_t + ε_t, over the weeks both are defined
/// (MOP regress each instrument's TSMOM on always-long). <see cref="AlphaT"/> is Newey–West (lag <see cref="Lag"/>).
/// </summary>
public sealed record StrategyAlpha(string Name, double? Alpha, double? AlphaT, double? Beta, int N, int Lag);

/// <summary>The ex-ante volatility σ known at <see cref="At"/> (Unix ns), annualised; null during the warm-up.</summary>
public readonly record struct VolatilityPoint(long At, double? Sigma);

/// <summary>
/// The two published time-series-momentum specifications, on calendar returns from <see cref="WeeklyReturns"/>.
/// Pure and deterministic. Returns are fractions (0.01 = 1 %); nothing is subtracted for a risk-free rate (spot
/// coins against USDT; see docs/ANCHORS.md).
/// </summary>
public static class TimeSeriesMomentum
{
    /// <summary>Weeks in a year of 365 days: 365/7.</summary>
    public const double WeeksPerYear = 365.0 / 7.0;

    /// <summary>Moskowitz, Ooi and Pedersen's volatility target: each position is sized 40 % / σ_{t−1}.</summary>
    public const double TargetVolatility = 0.40;

    // ------------------------------------------------------------------ Liu and Tsyvinski (2021)

    /// <summary>
    /// Liu and Tsyvinski's time-series momentum regressions, y_t = α + β_h r_t + ε_t, one per horizon h, where r_t is
    /// period t's return and y_t is r_{t+h} (<see cref="FutureReturn.Single"/>) or the compounded return over t+1..t+h
    /// (<see cref="FutureReturn.Cumulative"/>). t-statistics are Newey–West with lag L = <paramref name="lag"/>, or by
    /// default max(⌊4 (n/100)^(2/9)⌋, h − 1) (at least the h − 1 overlap of a cumulative target).
    /// </summary>
    public static IReadOnlyList<PredictiveRegression> LiuTsyvinski(IReadOnlyList<PeriodReturn> returns, IReadOnlyList<int> horizons, FutureReturn target, ReturnKind kind, int? lag = null) =>
        LiuTsyvinskiPooled([returns], horizons, target, kind, lag);

    /// <summary>
    /// The same regressions pooled over several coins: the rows of all coins are stacked and the t-statistic is
    /// Driscoll–Kraay (scores summed by period, then Bartlett-weighted across periods), robust to the coins' returns
    /// moving together in the same week. With one coin it is the plain Newey–West fit. Periods are identified by their
    /// calendar slot (start / length), so the coins' calendars must be aligned (they are: every resample uses the same
    /// UTC boundaries).
    /// </summary>
    public static IReadOnlyList<PredictiveRegression> LiuTsyvinskiPooled(IReadOnlyList<IReadOnlyList<PeriodReturn>> coins, IReadOnlyList<int> horizons, FutureReturn target, ReturnKind kind, int? lag = null)
    {
        var result = new List<PredictiveRegression>(horizons.Count);
        foreach (var h in horizons)
        {
            if (h < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(horizons), "horizons must be 1 or more");
            }

            var y = new List<double>();
            var x = new List<IReadOnlyList<double>>();
            var periods = new List<long>();
            foreach (var returns in coins)
            {
                for (var t = 0; t < returns.Count; t++)
                {
                    var future = target == FutureReturn.Single
                        ? t + h < returns.Count ? returns[t + h].Return : null
                        : WeeklyReturns.Compound(returns, t + 1, t + 1 + h, kind);
                    if (returns[t].Return is { } current && future is { } f)
                    {
                        y.Add(f);
                        x.Add([current]);
                        periods.Add(Slot(returns[t]));
                    }
                }
            }

            var distinct = periods.Distinct().Count();
            var lagUsed = lag ?? Math.Max(NeweyWestOls.DefaultLag(distinct), target == FutureReturn.Cumulative ? h - 1 : 0);
            var fit = NeweyWestOls.Fit(y, x, lagUsed, periods);
            var sd = Numerics.Stats.SampleStd(x.Select(r => r[0]).ToArray());
            result.Add(new PredictiveRegression(
                h, target, fit?.Slope, fit?.SlopeT, fit?.Intercept, fit?.R2, y.Count, lagUsed,
                fit is not null && sd is { } s ? fit.Slope * s : null));
        }

        return result;
    }

    // ------------------------------------------------------------------ Moskowitz, Ooi and Pedersen (2012)

    /// <summary>
    /// Moskowitz, Ooi and Pedersen's ex-ante volatility (their eq. 1) from daily returns:
    /// <code>
    /// σ²_t = A · Σ_{i≥0} w_i (r_{t−1−i} − r̄_t)²,  w_i ∝ δ^i,  r̄_t = Σ w_i r_{t−1−i},  δ/(1−δ) = centre of mass (60 days)
    /// </code>
    /// with the weights normalised over the days observed so far (Σ w_i = 1 on a finite history, as the infinite sum
    /// is). A = <paramref name="periodsPerYear"/>: 365 here (crypto trades every day) where the paper uses 261 trading
    /// days. The point at the end of day d uses the returns of days up to and including d, so it is the σ known at that
    /// boundary and is applied to returns that start there. A day with no return is skipped (no update). σ is null
    /// until <paramref name="minObservations"/> daily returns have been seen (an adaptation: the paper states none).
    /// </summary>
    public static IReadOnlyList<VolatilityPoint> ExAnteVolatility(IReadOnlyList<PeriodReturn> daily, double centerOfMass = 60, double periodsPerYear = 365, int minObservations = 60)
    {
        if (!(centerOfMass > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(centerOfMass), "the centre of mass must be positive");
        }

        var delta = centerOfMass / (1 + centerOfMass);
        double s0 = 0, s1 = 0, s2 = 0;
        var seen = 0;
        var points = new List<VolatilityPoint>(daily.Count);
        foreach (var day in daily)
        {
            if (day.Return is { } r)
            {
                s0 = delta * s0 + 1;
                s1 = delta * s1 + r;
                s2 = delta * s2 + r * r;
                seen++;
            }

            double? sigma = null;
            if (seen >= minObservations)
            {
                var mean = s1 / s0;
                sigma = Math.Sqrt(periodsPerYear * Math.Max(s2 / s0 - mean * mean, 0));
            }

            points.Add(new VolatilityPoint(day.End, sigma));
        }

        return points;
    }

    /// <summary>σ_{t−1} for each period: the ex-ante volatility known at the period's start (null when unknown or 0).</summary>
    public static double?[] SigmaAtStart(IReadOnlyList<PeriodReturn> returns, IReadOnlyList<VolatilityPoint> sigma)
    {
        var byTime = new Dictionary<long, double?>(sigma.Count);
        foreach (var p in sigma)
        {
            byTime[p.At] = p.Sigma;
        }

        return returns.Select(r => byTime.TryGetValue(r.Start, out var s) && s > 0 ? s : null).ToArray();
    }

    /// <summary>
    /// The sign regression (MOP's eq. 3 in the SSRN version), r_t/σ_{t−1} = α + β_h sign(r_{t−h}) + ε_t, per coin, one
    /// per lag h; sign(0) = 0. Newey–West t (lag <paramref name="lag"/>, default ⌊4 (n/100)^(2/9)⌋).
    /// </summary>
    public static IReadOnlyList<SignRegression> MopSignRegression(IReadOnlyList<PeriodReturn> returns, IReadOnlyList<double?> sigmaAtStart, IReadOnlyList<int> lags, int? lag = null) =>
        MopSignRegressionPooled([returns], [sigmaAtStart], lags, lag);

    /// <summary>
    /// The pooled sign regression over all coins and weeks, as the paper runs it: t-statistics clustered by week
    /// (<see cref="SignRegression.TStatClustered"/>) and Driscoll–Kraay with the Bartlett lag (<see cref="SignRegression.TStat"/>).
    /// With one coin it is the per-coin fit with Newey–West t and no clustered t.
    /// </summary>
    public static IReadOnlyList<SignRegression> MopSignRegressionPooled(IReadOnlyList<IReadOnlyList<PeriodReturn>> coins, IReadOnlyList<IReadOnlyList<double?>> sigmaAtStart, IReadOnlyList<int> lags, int? lag = null)
    {
        if (coins.Count != sigmaAtStart.Count)
        {
            throw new ArgumentException("one σ series per coin");
        }

        var result = new List<SignRegression>(lags.Count);
        foreach (var h in lags)
        {
            if (h < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(lags), "lags must be 1 or more");
            }

            var y = new List<double>();
            var x = new List<IReadOnlyList<double>>();
            var periods = new List<long>();
            for (var c = 0; c < coins.Count; c++)
            {
                var returns = coins[c];
                for (var t = h; t < returns.Count; t++)
                {
                    if (returns[t].Return is { } r && sigmaAtStart[c][t] is { } s && returns[t - h].Return is { } past)
                    {
                        y.Add(r / s);
                        x.Add([Math.Sign(past)]);
                        periods.Add(Slot(returns[t]));
                    }
                }
            }

            var lagUsed = lag ?? NeweyWestOls.DefaultLag(periods.Distinct().Count());
            var fit = NeweyWestOls.Fit(y, x, lagUsed, periods);
            var clustered = coins.Count > 1 ? NeweyWestOls.Fit(y, x, 0, periods) : null;
            result.Add(new SignRegression(h, fit?.Slope, fit?.SlopeT, clustered?.SlopeT, fit?.R2, y.Count, lagUsed));
        }

        return result;
    }

    /// <summary>
    /// The weekly returns of MOP's (k, h) strategy on one coin, built as in their section 3.2 (Jegadeesh–Titman
    /// overlapping portfolios averaged into one non-overlapping series):
    /// <code>
    /// R_t = (1/h) Σ_{j=1..h} sign(K_{t−j}) · (40 % / σ_{t−1}) · r_t,   K_{t−j} = return compounded over weeks t−j−k+1 .. t−j
    /// </code>
    /// i.e. the portfolio formed at the end of week t−j on the sign of the past k weeks' return is still held in week t
    /// for j ≤ h, and every position is re-sized to 40 %/σ_{t−1} each week ("inversely proportional to the instrument's
    /// ex-ante volatility each month" in the paper). With <paramref name="passiveLong"/> the signs are replaced by +1:
    /// the always-long benchmark at the same volatility target, which needs no past weeks. Null for a week when any input
    /// is missing.
    /// </summary>
    public static IReadOnlyList<PeriodReturn> MopStrategy(IReadOnlyList<PeriodReturn> returns, IReadOnlyList<double?> sigmaAtStart, int lookback, int holding, ReturnKind kind, bool passiveLong = false)
    {
        if (lookback < 1 || holding < 1)
        {
            throw new ArgumentOutOfRangeException(lookback < 1 ? nameof(lookback) : nameof(holding), "k and h must be 1 or more");
        }

        var result = new PeriodReturn[returns.Count];
        for (var t = 0; t < returns.Count; t++)
        {
            double? value = null;
            if (returns[t].Return is { } r && sigmaAtStart[t] is { } s)
            {
                var position = passiveLong ? 1.0 : AverageSign(returns, t, lookback, holding, kind);
                value = position * (TargetVolatility / s) * r;
            }

            result[t] = new PeriodReturn(returns[t].Start, returns[t].End, value);
        }

        return result;
    }

    /// <summary>(1/h) Σ_{j=1..h} sign(K_{t−j}) for week t; null when a look-back window is incomplete.</summary>
    private static double? AverageSign(IReadOnlyList<PeriodReturn> returns, int t, int lookback, int holding, ReturnKind kind)
    {
        var signs = 0.0;
        for (var j = 1; j <= holding; j++)
        {
            if (WeeklyReturns.Compound(returns, t - j - lookback + 1, t - j + 1, kind) is not { } past)
            {
                return null;
            }

            signs += Math.Sign(past);
        }

        return signs / holding;
    }

    /// <summary>
    /// The diversified portfolio: each week the equal-weighted mean of the coins' returns that are defined that week
    /// (MOP's r^TSMOM = (1/S_t) Σ_s ...; S_t = coins with data). Weeks are matched by start time; sorted by time.
    /// </summary>
    public static IReadOnlyList<PeriodReturn> EqualWeighted(IReadOnlyList<IReadOnlyList<PeriodReturn>> coins)
    {
        var weeks = new SortedDictionary<long, (long End, double Sum, int Count)>();
        foreach (var coin in coins)
        {
            foreach (var p in coin)
            {
                if (p.Return is { } r)
                {
                    var (_, sum, count) = weeks.GetValueOrDefault(p.Start, (p.End, 0, 0));
                    weeks[p.Start] = (p.End, sum + r, count + 1);
                }
            }
        }

        return weeks.Select(w => new PeriodReturn(w.Key, w.Value.End, w.Value.Sum / w.Value.Count)).ToArray();
    }

    /// <summary>Mean, std, annualised Sharpe and volatility and the Newey–West t of the mean of the defined returns.</summary>
    public static StrategyPerformance Performance(string name, int lookback, int holding, IReadOnlyList<PeriodReturn> series, int? lag = null)
    {
        var defined = series.Where(p => p.Return is not null).ToArray();
        var values = defined.Select(p => p.Return!.Value).ToArray();
        var mean = Numerics.Stats.Mean(values);
        var std = Numerics.Stats.SampleStd(values);
        var lagUsed = lag ?? NeweyWestOls.DefaultLag(values.Length);
        var fit = NeweyWestOls.Fit(values, values.Select(_ => (IReadOnlyList<double>)[]).ToArray(), lagUsed, defined.Select(Slot).ToArray());
        double? sharpe = mean is { } m && std is { } s && s > 0 ? m / s * Math.Sqrt(WeeksPerYear) : null;
        return new StrategyPerformance(
            name, lookback, holding, values.Length, mean, std, sharpe, std * Math.Sqrt(WeeksPerYear), fit?.TStats[0], lagUsed,
            defined.Length > 0 ? defined[0].Start : null, defined.Length > 0 ? defined[^1].End : null);
    }

    /// <summary>
    /// α and β of <paramref name="strategy"/> on <paramref name="benchmark"/> (matched by week start); Newey–West t of α,
    /// lag <paramref name="lag"/> or ⌊4 (n/100)^(2/9)⌋. Null values when the fit is undefined.
    /// </summary>
    public static StrategyAlpha AlphaOver(string name, IReadOnlyList<PeriodReturn> strategy, IReadOnlyList<PeriodReturn> benchmark, int? lag = null)
    {
        var bench = new Dictionary<long, double>();
        foreach (var b in benchmark)
        {
            if (b.Return is { } v)
            {
                bench[b.Start] = v;
            }
        }

        var y = new List<double>();
        var x = new List<IReadOnlyList<double>>();
        var periods = new List<long>();
        foreach (var p in strategy)
        {
            if (p.Return is { } r && bench.TryGetValue(p.Start, out var b))
            {
                y.Add(r);
                x.Add([b]);
                periods.Add(Slot(p));
            }
        }

        var lagUsed = lag ?? NeweyWestOls.DefaultLag(y.Count);
        var fit = NeweyWestOls.Fit(y, x, lagUsed, periods);
        return new StrategyAlpha(name, fit?.Intercept, fit?.TStats[0], fit?.Slope, y.Count, lagUsed);
    }

    /// <summary>
    /// A period's calendar slot, Start / length: consecutive periods of one length get consecutive integers, so a lag of
    /// l pairs periods l apart in time even across a missing period, and the same week of two coins shares a slot.
    /// </summary>
    private static long Slot(PeriodReturn p) => p.Start / (p.End - p.Start);
}

using Hrm.Signals.Evaluation.Labels;
using Hrm.Signals.Evaluation.Metrics;
using Hrm.Signals.Evaluation.WalkForward;
using Hrm.Signals.Learning.Hierarchy;
using MathNet.Numerics.Distributions;

namespace Hrm.Signals.Evaluation.Discovery;

/// <summary>
/// Discovery (docs/LEARNING.md): every <see cref="Candidate"/> at every horizon, fitted on each fold's train window
/// only (the earlier test windows' rows inside it) and judged on the fold's test window; the folds whose train window
/// lies wholly inside the scored span are scored, the same ones for every candidate. Each result carries its forecast
/// metrics, how its paper book traded, its Deflated Sharpe Ratio over every candidate tried and its Benjamini–Hochberg
/// q-value. Pure and deterministic: horizons run in parallel, each on its own data.
/// </summary>
public static class DiscoveryRunner
{
    /// <summary>The false-discovery rate and the DSR confidence a candidate must both reach to survive.</summary>
    public const double FalseDiscoveryRate = 0.05;
    public const double DeflatedSharpeLevel = 0.95;

    /// <summary>A train window needs this many labelled rows for anything to be fitted on it.</summary>
    public const int MinTrainRows = 200;

    public static DiscoveryReport Run(DiscoveryInput input)
    {
        var symbols = input.Rows.Select(r => r.Symbol).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var group = symbols.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i, StringComparer.Ordinal);
        var scoredFolds = input.Folds.Where(f => input.Folds.Count > 0 && f.TrainFrom >= input.Folds[0].TestFrom).ToArray();
        var scoredIndex = scoredFolds.Select(f => f.Index).ToHashSet();
        var test = input.Rows.Where(r => scoredIndex.Contains(r.Fold))
            .OrderBy(r => r.Symbol, StringComparer.Ordinal).ThenBy(r => r.TsEvent).ToArray();
        var byTime = input.Rows.OrderBy(r => r.TsEvent).ThenBy(r => r.Symbol, StringComparer.Ordinal).ToArray();
        var candidates = Candidate.All(input.StatedNames);
        var oneWayCost = (input.Costs.FeeBps + input.Costs.SlippageBps) / 10_000;
        var sizing = KellySizing.Default(input.Costs.FeeBps + input.Costs.SlippageBps);

        var perHorizon = new HorizonOutcome[input.Horizons.Count];
        Parallel.For(0, input.Horizons.Count, h =>
            perHorizon[h] = RunHorizon(input, h, candidates, scoredFolds, test, byTime, group, sizing, oneWayCost));

        var evaluated = perHorizon.SelectMany(o => o.Results).Where(r => r.Metrics.Points > 0).ToArray();
        var tried = evaluated.Length;
        // N counts every pair tried; the spread V of the trials' Sharpe ratios is the searched candidates' (decision
        // record in docs/LEARNING.md): the cost-bound books of the pre-registered strategies would set it instead.
        var sharpes = evaluated.Where(r => r.Candidate.Kind != CandidateKind.Baseline).Select(r => r.Paper.DailySharpe).OfType<double>().ToArray();
        var variance = sharpes.Length < 2 ? 0 : MathNet.Numerics.Statistics.Statistics.Variance(sharpes);
        var pValues = evaluated.Select(r => r.Metrics.IcT is { } t ? 1 - Normal.CDF(0, 1, t) : double.NaN).ToArray();
        var q = BenjaminiHochberg.QValues(pValues);
        var results = evaluated.Select((r, i) =>
        {
            var dsr = r.Paper.DailySharpe is { } sr
                ? DeflatedSharpe.Compute(sr, r.Paper.DailyReturns.Count, r.Paper.Skewness, r.Paper.Kurtosis, tried, variance)
                : double.NaN;
            return CandidateResult.From(r.Candidate, r.Metrics, r.Paper, Finite(dsr), Finite(q[i]),
                q[i] <= FalseDiscoveryRate && dsr >= DeflatedSharpeLevel);
        }).ToArray();

        return new DiscoveryReport(
            results,
            tried,
            candidates.Count * input.Horizons.Count - tried,
            symbols,
            scoredFolds.Length == 0 ? null : scoredFolds[0].TestFrom,
            scoredFolds.Length == 0 ? null : scoredFolds[^1].TestTo,
            scoredFolds.Length,
            input.Costs,
            perHorizon.Select(o => o.Hierarchy).ToArray(),
            Math.Sqrt(variance));
    }

    /// <summary>
    /// The model to serve after the scored span: the learned hierarchy fitted at every horizon on the rows of the last
    /// train window [<paramref name="to"/> − <paramref name="train"/>, <paramref name="to"/>), and the horizon whose
    /// stacked out-of-fold IC inside that window is highest (no test window is read). Null without enough rows.
    /// </summary>
    public static LearnedModel? FitServingModel(DiscoveryInput input, long to, TimeSpan train)
    {
        var symbols = input.Rows.Select(r => r.Symbol).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var group = symbols.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i, StringComparer.Ordinal);
        var from = to - (train.Ticks * 100);
        var rows = input.Rows.Where(r => r.TsEvent >= from && r.TsEvent < to)
            .OrderBy(r => r.TsEvent).ThenBy(r => r.Symbol, StringComparer.Ordinal).ToArray();
        var window = new TrainingWindow(from, to);
        var sizing = KellySizing.Default(input.Costs.FeeBps + input.Costs.SlippageBps);
        var fits = input.Horizons.Select((horizon, h) =>
        {
            var panel = rows.Select(r => Panel(r, h, group)).ToArray();
            return panel.Count(p => p.IsLabelled && p.LabelEndTs < to) < MinTrainRows
                ? null
                : new LearnedModel(horizon.Name, horizon.Seconds, symbols, from, to, LearnedHierarchy.Fit(panel, window, group.Count).Compact(), sizing, OnlineUpdate.Default);
        }).OfType<LearnedModel>().ToArray();
        // A stack that kept no layer forecasts a constant (the train drift): its IC is undefined and it ranks last.
        return fits.MaxBy(m => double.IsFinite(m.Hierarchy.OutOfFoldIc) ? m.Hierarchy.OutOfFoldIc : double.NegativeInfinity);
    }

    private sealed record Evaluated(Candidate Candidate, HorizonMetrics Metrics, PaperResult Paper);

    private sealed record HorizonOutcome(IReadOnlyList<Evaluated> Results, HierarchyFits Hierarchy);

    private static HorizonOutcome RunHorizon(
        DiscoveryInput input,
        int h,
        IReadOnlyList<Candidate> candidates,
        IReadOnlyList<WalkForwardFold> folds,
        IReadOnlyList<DiscoveryRow> test,
        IReadOnlyList<DiscoveryRow> byTime,
        IReadOnlyDictionary<string, int> group,
        KellySizing sizing,
        double oneWayCost)
    {
        var horizon = input.Horizons[h];
        var forecasts = candidates.Select(_ => Enumerable.Repeat(CandidateForecast.None, test.Count).ToArray()).ToArray();
        var baseRates = new double[test.Count];
        Array.Fill(baseRates, double.NaN);
        var testIndex = test.Select((r, i) => (r, i)).ToLookup(p => p.r.Fold, p => p.i);
        var weights = new List<StackWeights>();
        var alphas = new List<double>();
        var allTime = byTime.Select(r => Panel(r, h, group)).ToArray();
        var times = byTime.Select(r => r.TsEvent).ToArray();

        foreach (var fold in folds)
        {
            var (from, to) = (LowerBound(times, fold.TrainFrom), LowerBound(times, fold.TestFrom));
            var train = allTime[from..to];
            if (train.Count(r => r.IsLabelled && r.LabelEndTs < fold.TestFrom) < MinTrainRows)
            {
                continue;
            }

            var window = new TrainingWindow(fold.TrainFrom, fold.TestFrom);
            var labelled = train.Where(r => r.IsLabelled && r.LabelEndTs < fold.TestFrom).ToArray();
            var baseRate = labelled.Count(r => r.Rose == true) / (double)labelled.Length;
            var rows = testIndex[fold.Index].ToArray();
            var panels = rows.Select(i => Panel(test[i], h, group)).ToArray();
            foreach (var i in rows)
            {
                baseRates[i] = baseRate;
            }

            var hierarchy = LearnedHierarchy.Fit(train, window, group.Count);
            weights.Add(hierarchy.Stack);
            alphas.AddRange(hierarchy.Layers.Where(l => !l.IsEmpty).Select(l => l.Alpha));
            for (var c = 0; c < candidates.Count; c++)
            {
                var candidate = candidates[c];
                switch (candidate.Kind)
                {
                    case CandidateKind.Baseline:
                        for (var k = 0; k < rows.Length; k++)
                        {
                            forecasts[c][rows[k]] = new CandidateForecast(test[rows[k]].Stated[candidate.StatedIndex], double.NaN, double.NaN);
                        }

                        break;
                    case CandidateKind.Hierarchy:
                        for (var k = 0; k < rows.Length; k++)
                        {
                            var (expected, up) = hierarchy.Forecast(panels[k]);
                            forecasts[c][rows[k]] = new CandidateForecast(expected, up, hierarchy.ResidualVariance);
                        }

                        break;
                    default:
                        var layer = candidate.Kind == CandidateKind.LayerModel
                            ? hierarchy.Layers[LayerModels.Inputs.ToList().FindIndex(i => i.Name == candidate.Name)]
                            : ForecastTrainer.Fit(candidate.Columns, train, window, group.Count, LayerModels.Regimes);
                        if (layer.IsEmpty)
                        {
                            break;
                        }

                        for (var k = 0; k < rows.Length; k++)
                        {
                            var expected = layer.Predict(panels[k]);
                            forecasts[c][rows[k]] = new CandidateForecast(expected, layer.Calibration.Probability(expected), layer.ResidualVariance);
                        }

                        break;
                }
            }
        }

        var results = candidates.Select((candidate, c) =>
        {
            var points = test.Select((r, i) => (r, i)).Where(p => double.IsFinite(forecasts[c][p.i].Expected))
                .Select(p => new ForecastPoint(p.r.TsEvent, forecasts[c][p.i].Expected, forecasts[c][p.i].ProbabilityUp, baseRates[p.i], p.r.Labels[h]))
                .ToArray();
            var metrics = ForecastMetrics.Compute(horizon, points);
            var paper = PaperBook.Trade(test, forecasts[c], horizon, h, input.Horizons[0].Seconds, candidate.Kind == CandidateKind.Baseline, sizing, oneWayCost, input.Funding);
            return new Evaluated(candidate, metrics, paper);
        }).ToArray();

        var hierarchyIndex = candidates.ToList().FindIndex(c => c.Kind == CandidateKind.Hierarchy);
        return new HorizonOutcome(results, new HierarchyFits(horizon.Name, weights.Count, MeanWeights(weights), alphas.GroupBy(a => a).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count()), results[hierarchyIndex].Metrics));
    }

    private static PanelRow Panel(DiscoveryRow row, int h, IReadOnlyDictionary<string, int> group)
    {
        var label = row.Labels[h];
        var scaled = label.Scaled;
        return new PanelRow(
            row.Features,
            group[row.Symbol],
            LayerModels.RegimeOf(row.Features),
            row.TsEvent,
            label.IsKnown ? label.EndTs : long.MaxValue,
            double.IsFinite(scaled) ? Math.Clamp(scaled, -PanelRow.LabelClip, PanelRow.LabelClip) : double.NaN,
            label.Up);
    }

    private static double[] MeanWeights(IReadOnlyList<StackWeights> weights) =>
        weights.Count == 0 ? [] : Enumerable.Range(0, weights[0].Weights.Length).Select(k => weights.Average(w => w.Weights[k])).ToArray();

    private static int LowerBound(long[] sorted, long value)
    {
        var i = Array.BinarySearch(sorted, value);
        if (i < 0)
        {
            return ~i;
        }

        while (i > 0 && sorted[i - 1] == value)
        {
            i--;
        }

        return i;
    }

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;
}

using Hrm.Protocol.Layers;
using Hrm.Signals.Evaluation;
using Hrm.Signals.Evaluation.Labels;
using Hrm.Signals.Evaluation.Metrics;
using Hrm.Signals.Evaluation.Trading;
using Hrm.Signals.Numerics;

namespace Hrm.Backtesting;

/// <summary>The scored windows combined: every strategy's trades and equity, and the metrics report.</summary>
public sealed record StrategyScores(IReadOnlyDictionary<string, StrategyResult> Combined, MetricsReport Report)
{
    public StrategyResult Hierarchy => Combined[Strategies.Hierarchy];

    /// <summary>Every strategy but the hierarchy, in <see cref="StrategyEvaluation.Names"/> order.</summary>
    public IReadOnlyList<StrategyResult> Baselines => StrategyEvaluation.Names.Skip(1).Select(n => Combined[n]).ToArray();
}

/// <summary>
/// One scored window of one symbol (a walk-forward test window, a capture's replayed window).
/// </summary>
/// <param name="Bars">The prices traded in the window.</param>
/// <param name="LabelBars">The instrument's whole price series: labels may end after the window, and σ is measured on
/// the prices before it (both only ever read prices the label or the decision time allows).</param>
/// <param name="Signals">The hierarchy's signals in the window.</param>
/// <param name="Outputs">The layers' outputs at every decision tick of the window (the decision grid).</param>
/// <param name="Funding">The perpetual's funding settlements (empty for spot).</param>
/// <param name="BaseRates">Per horizon, the share of rises in the train window (climatology); null = prequential: each
/// decision's base rate is the share of rises among this window's labels already known at its time.</param>
/// <param name="LayerPrices">Prices to judge the layers on (book mids for micro); null = their ticks' reference prices.</param>
/// <param name="Fold">The walk-forward fold the window tests (−1 on a capture).</param>
public sealed record ScoredWindow(
    IReadOnlyList<PriceBar> Bars,
    IReadOnlyList<PriceBar> LabelBars,
    IReadOnlyList<AlphaSignal> Signals,
    IReadOnlyList<LayerOutputs> Outputs,
    IReadOnlyList<FundingSettlement> Funding,
    IReadOnlyList<double>? BaseRates,
    IReadOnlyList<PricePoint>? LayerPrices = null,
    int Fold = -1);

/// <summary>
/// What a walk-forward and a capture backtest share: each scored window of each symbol is added, the hierarchy and
/// every baseline are traded on it (funding charged), their forecasts are held on the window's decision grid and
/// judged against the labels at every horizon, and <see cref="Score"/> combines the windows
/// (<see cref="WalkForwardWindows.Combine"/>) into one <see cref="MetricsReport"/>.
/// </summary>
public sealed class StrategyEvaluation(CostModel costs, LabelSpec labels)
{
    /// <summary>Draws of the random-sign placebo; the first is the placebo baseline of the report.</summary>
    public const int PlaceboDraws = 20;

    /// <summary>The hierarchy first, then the baselines in report order, buy-and-hold last.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [Strategies.Hierarchy, .. Strategies.Baselines, Strategies.BuyAndHold];

    private readonly SortedDictionary<string, Dictionary<string, List<StrategyResult>>> _bySymbol = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, List<StrategyResult>[]> _placebo = new(StringComparer.Ordinal);
    private readonly List<(IReadOnlyList<LayerOutputs> Outputs, IReadOnlyList<PricePoint> Prices)> _layerSeries = [];
    private readonly Dictionary<string, List<ForecastPoint>[]> _forecasts = Names.ToDictionary(
        n => n, _ => labels.Horizons.Select(_ => new List<ForecastPoint>()).ToArray(), StringComparer.Ordinal);
    private readonly List<double>[] _layerScores = [[], [], []];
    private readonly List<long> _holdings = [];
    private readonly List<FeatureRow> _rows = [];

    public LabelSpec Labels => labels;

    /// <summary>Every decision tick added so far, with its features and labels (<c>features.parquet</c>), in the order added.</summary>
    public IReadOnlyList<FeatureRow> Rows => _rows;

    /// <summary>Adds one window of one symbol (windows of a symbol in time order).</summary>
    public void AddWindow(string symbol, ScoredWindow window)
    {
        if (!_bySymbol.TryGetValue(symbol, out var byName))
        {
            _bySymbol[symbol] = byName = Names.ToDictionary(n => n, _ => new List<StrategyResult>(), StringComparer.Ordinal);
            _placebo[symbol] = Enumerable.Range(0, PlaceboDraws).Select(_ => new List<StrategyResult>()).ToArray();
        }

        var readings = LayerCalls.Readings(window.Outputs);
        var windowStart = window.Bars.Count > 0 ? window.Bars[0].TsEvent : 0;
        var placebos = Enumerable.Range(0, PlaceboDraws)
            .Select(d => RandomSignPlacebo.Signals(window.Signals, RandomSignPlacebo.Seed(symbol, windowStart, d)))
            .ToArray();
        for (var d = 0; d < PlaceboDraws; d++)
        {
            _placebo[symbol][d].Add(TradeSimulator.Run(Strategies.Placebo, window.Bars, Strategies.FromSignals(placebos[d]), costs, window.Funding));
        }

        var stated = new Dictionary<string, IReadOnlyList<StatedForecast>>(StringComparer.Ordinal);
        foreach (var name in Names)
        {
            if (name == Strategies.Placebo)
            {
                // the baseline is draw 0, already traded above
                byName[name].Add(_placebo[symbol][0][^1]);
                stated[name] = HeldForecasts.FromSignals(placebos[0]);
                continue;
            }

            var targets = name switch
            {
                Strategies.Hierarchy => Strategies.FromSignals(window.Signals),
                Strategies.BuyAndHold => Strategies.BuyAndHoldTargets(window.Bars),
                _ => Strategies.Baseline(name, readings),
            };
            byName[name].Add(TradeSimulator.Run(name, window.Bars, targets, costs, window.Funding));
            stated[name] = name == Strategies.Hierarchy ? HeldForecasts.FromSignals(window.Signals) : HeldForecasts.FromTargets(targets);
        }

        _holdings.AddRange(window.Signals.Where(s => s.Direction != 0).Select(s => s.HoldingPeriodSeconds));
        AddForecasts(symbol, window, stated);
        _layerSeries.Add((window.Outputs, window.LayerPrices ?? LayerCalls.Prices(window.Outputs)));

        // Signal diversity: the three layers' signed scores on the decision ticks (NaN where a layer said nothing).
        for (var i = 0; i < window.Outputs.Count; i++)
        {
            var (o, r) = (window.Outputs[i], readings[i]);
            _layerScores[0].Add(o.Macro is null ? double.NaN : r.MacroDirection * r.MacroStrength);
            _layerScores[1].Add(o.Meso is null ? double.NaN : r.MesoDirection * r.MesoProbability);
            _layerScores[2].Add(o.Micro is null ? double.NaN : r.MicroScore);
        }
    }

    /// <summary>Each strategy's forecast held at every decision tick, paired with the labels of every horizon.</summary>
    private void AddForecasts(string symbol, ScoredWindow window, IReadOnlyDictionary<string, IReadOnlyList<StatedForecast>> stated)
    {
        var times = window.Outputs.Select(o => o.TsEvent).ToArray();
        var grid = ForwardLabels.For(window.LabelBars, times, labels);
        var held = stated.ToDictionary(kv => kv.Key, kv => HeldForecasts.At(kv.Value, times), StringComparer.Ordinal);
        for (var i = 0; i < times.Length; i++)
        {
            _rows.Add(new FeatureRow(symbol, times[i], window.Fold, window.Outputs[i].Features, grid.Select(h => h[i]).ToArray(),
                Names.Select(n => held[n][i].Score).ToArray()));
        }

        for (var h = 0; h < labels.Horizons.Count; h++)
        {
            var baseRates = window.BaseRates is { } train
                ? Enumerable.Repeat(train[h], times.Length).ToArray()
                : Climatology.Prequential(grid[h]);
            foreach (var (name, forecasts) in held)
            {
                var points = _forecasts[name][h];
                for (var i = 0; i < times.Length; i++)
                {
                    points.Add(new ForecastPoint(times[i], forecasts[i].Score, forecasts[i].ProbabilityUp, baseRates[i], grid[h][i]));
                }
            }
        }
    }

    /// <summary>Combines the windows (each symbol 1/N of the capital) and scores them over [start, end).</summary>
    public StrategyScores Score(long start, long end)
    {
        var combined = Names.ToDictionary(
            n => n,
            n => WalkForwardWindows.Combine(n, _bySymbol.Values.Select(byName => (IReadOnlyList<StrategyResult>)byName[n]).ToList()),
            StringComparer.Ordinal);
        var options = new IntegratedOptions(Benchmark: combined[Strategies.BuyAndHold], WindowStartTs: start, WindowEndTs: end);
        var hierarchy = combined[Strategies.Hierarchy];
        var layers = LayerSections.Compute(_layerSeries);
        var report = new MetricsReport(
            new MetricsSection(
                IntegratedMetrics.Compute(hierarchy, options with { LayerSeries = _layerScores }),
                layers.Macro, layers.Meso, layers.Micro, Forecasts(Strategies.Hierarchy)),
            IntegratedMetrics.PerRegime(hierarchy.Trades, start, end, options)
                .ToDictionary(r => r.Key, r => new MetricsSection(r.Value), StringComparer.Ordinal),
            Names.Skip(1).ToDictionary(
                n => n, n => new MetricsSection(IntegratedMetrics.Compute(combined[n], options), Forecasts: Forecasts(n)), StringComparer.Ordinal),
            MatchedHorizon(),
            PlaceboDistribution(hierarchy));
        return new StrategyScores(combined, report);
    }

    private IReadOnlyList<HorizonMetrics> Forecasts(string name) =>
        labels.Horizons.Select((h, i) => ForecastMetrics.Compute(h, _forecasts[name][i])).ToArray();

    /// <summary>The scored horizon nearest (on a log scale) to the median holding period of the hierarchy's calls.</summary>
    private string? MatchedHorizon()
    {
        if (Stats.Median(_holdings.Select(h => (double)h).ToArray()) is not { } median || !(median > 0))
        {
            return null;
        }

        return labels.Horizons.MinBy(h => Math.Abs(Math.Log(h.Seconds / median))).Name;
    }

    private PlaceboSummary? PlaceboDistribution(StrategyResult hierarchy)
    {
        if (hierarchy.Trades.Count == 0)
        {
            return null;
        }

        var returns = Enumerable.Range(0, PlaceboDraws)
            .Select(d => WalkForwardWindows.Combine(Strategies.Placebo, _placebo.Values.Select(draws => (IReadOnlyList<StrategyResult>)draws[d]).ToList()))
            .Select(r => IntegratedMetrics.TotalReturn(r.Equity) ?? 0)
            .ToArray();
        return new PlaceboSummary(returns, IntegratedMetrics.TotalReturn(hierarchy.Equity));
    }
}

using Hrm.Protocol.Layers;
using Hrm.Signals.Evaluation;
using Hrm.Signals.Evaluation.Metrics;
using Hrm.Signals.Evaluation.Trading;

namespace Hrm.Actors.Backtest;

/// <summary>The scored windows combined: every strategy's trades and equity, and the metrics report.</summary>
public sealed record StrategyScores(IReadOnlyDictionary<string, StrategyResult> Combined, MetricsReport Report)
{
    public StrategyResult Hierarchy => Combined[Strategies.Hierarchy];

    /// <summary>Every strategy but the hierarchy, in <see cref="StrategyEvaluation.Names"/> order.</summary>
    public IReadOnlyList<StrategyResult> Baselines => StrategyEvaluation.Names.Skip(1).Select(n => Combined[n]).ToArray();
}

/// <summary>
/// What a walk-forward and a capture backtest share: each scored window of each symbol is added (its prices, the
/// hierarchy's signals, the layers' outputs at every decision tick), the hierarchy and every baseline are traded on
/// it, and <see cref="Score"/> combines the windows (<see cref="WalkForwardWindows.Combine"/>) into one
/// <see cref="MetricsReport"/>: the hierarchy and the layers overall, the hierarchy per regime, and each baseline.
/// </summary>
public sealed class StrategyEvaluation(CostModel costs)
{
    /// <summary>The hierarchy first, then the baselines in report order, buy-and-hold last.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [Strategies.Hierarchy, .. Strategies.Baselines, Strategies.BuyAndHold];

    private readonly SortedDictionary<string, Dictionary<string, List<StrategyResult>>> _bySymbol = new(StringComparer.Ordinal);
    private readonly List<(IReadOnlyList<LayerOutputs> Outputs, IReadOnlyList<PricePoint> Prices)> _layerSeries = [];
    private readonly List<double> _icScores = [];
    private readonly List<double> _icRealised = [];
    private readonly List<double>[] _layerScores = [[], [], []];

    /// <summary>
    /// Adds one window of one symbol (windows of a symbol in time order). The layers are judged on
    /// <paramref name="layerPrices"/> when given (book mids for micro), else on the reference prices of their ticks.
    /// </summary>
    public void AddWindow(string symbol, IReadOnlyList<PriceBar> bars, IReadOnlyList<AlphaSignal> signals,
        IReadOnlyList<LayerOutputs> outputs, IReadOnlyList<PricePoint>? layerPrices = null)
    {
        if (!_bySymbol.TryGetValue(symbol, out var byName))
        {
            _bySymbol[symbol] = byName = Names.ToDictionary(n => n, _ => new List<StrategyResult>(), StringComparer.Ordinal);
        }

        var readings = LayerCalls.Readings(outputs);
        foreach (var name in Names)
        {
            var targets = name switch
            {
                Strategies.Hierarchy => Strategies.FromSignals(signals),
                Strategies.BuyAndHold => Strategies.BuyAndHoldTargets(bars),
                _ => Strategies.Baseline(name, readings),
            };
            byName[name].Add(TradeSimulator.Run(name, bars, targets, costs));
        }

        _layerSeries.Add((outputs, layerPrices ?? LayerCalls.Prices(outputs)));

        // IC: each directional signal's score against the move over its holding time on this window's prices.
        var directional = signals.Where(s => s.Direction != 0).ToArray();
        var realised = IntegratedMetrics.ForwardReturns(
            directional.Select(s => new ScoredCall(s.TsEvent, Math.Sign(s.Direction) * s.Confidence, s.HoldingPeriodSeconds)).ToArray(),
            bars.Select(b => new PricePoint(b.TsEvent, b.Open)).ToArray());
        _icScores.AddRange(directional.Select(s => Math.Sign(s.Direction) * s.Confidence));
        _icRealised.AddRange(realised);

        // Signal diversity: the three layers' signed scores on the decision ticks (NaN where a layer said nothing).
        for (var i = 0; i < outputs.Count; i++)
        {
            var (o, r) = (outputs[i], readings[i]);
            _layerScores[0].Add(o.Macro is null ? double.NaN : r.MacroDirection * r.MacroStrength);
            _layerScores[1].Add(o.Meso is null ? double.NaN : r.MesoDirection * r.MesoProbability);
            _layerScores[2].Add(o.Micro is null ? double.NaN : r.MicroScore);
        }
    }

    /// <summary>
    /// Combines the windows (each symbol 1/N of the capital) and scores them over [start, end); the climatology of the
    /// Brier score uses <paramref name="trainBaseRate"/> when known.
    /// </summary>
    public StrategyScores Score(long start, long end, double? trainBaseRate)
    {
        var combined = Names.ToDictionary(
            n => n,
            n => WalkForwardWindows.Combine(n, _bySymbol.Values.Select(byName => (IReadOnlyList<StrategyResult>)byName[n]).ToList()),
            StringComparer.Ordinal);
        var options = new IntegratedOptions(
            TrainBaseRate: trainBaseRate,
            Benchmark: combined[Strategies.BuyAndHold],
            WindowStartTs: start,
            WindowEndTs: end);
        var hierarchy = combined[Strategies.Hierarchy];
        var layers = LayerSections.Compute(_layerSeries);
        var report = new MetricsReport(
            new MetricsSection(
                IntegratedMetrics.Compute(hierarchy, options with
                {
                    IcScores = _icScores,
                    IcRealised = _icRealised,
                    LayerSeries = _layerScores,
                }),
                layers.Macro, layers.Meso, layers.Micro),
            IntegratedMetrics.PerRegime(hierarchy.Trades, start, end, options)
                .ToDictionary(r => r.Key, r => new MetricsSection(r.Value), StringComparer.Ordinal),
            Names.Skip(1).ToDictionary(n => n, n => new MetricsSection(IntegratedMetrics.Compute(combined[n], options)), StringComparer.Ordinal));
        return new StrategyScores(combined, report);
    }
}

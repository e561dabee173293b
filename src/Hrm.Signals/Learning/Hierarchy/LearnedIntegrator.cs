using Hrm.Protocol;
using Hrm.Protocol.Commands;
using Hrm.Protocol.Layers;
using Hrm.Signals.Evaluation.Labels;
using Hrm.Signals.Evaluation.Trading;
using Hrm.Signals.Layers;
using MessagePack;

namespace Hrm.Signals.Learning.Hierarchy;

/// <summary>
/// Serves a <see cref="LearnedModel"/> in a symbol entity (docs/LEARNING.md, "Serving"): at most once per fitted
/// horizon, the layers' features at the decision tick give the stacked expected r/σ and the calibrated P(rise); the
/// position moves to the capped half-Kelly target through the cost gate and the no-trade band, exactly as discovery's
/// paper book trades it. σ is the trailing volatility of the last week of hourly reference prices, scaled to the
/// horizon, as the labels' σ is. The emitted signal: direction and size of the position, confidence = 2·P(the call
/// is right) − 1 on the calibrated probability (so that 0.5 + confidence/2, the contract's reading, is that
/// probability), holding period = the horizon, no stop or target. A rebalance that keeps a position renews it; a
/// flat book that stays flat says nothing. With <see cref="LearnedModel.Online"/> it keeps learning from its own
/// decisions' outcomes (<see cref="OnlineUpdate"/>) until frozen. Pure given its inputs; its state is persisted with
/// the entity.
/// </summary>
[MessagePackObject]
public sealed class LearnedIntegrator
{

    public const string RuleLearned = "learned_hierarchy";
    public const string RuleCostGate = "cost_gate:expected_move_below_round_trip_cost";
    public const string RuleNoVolatility = "volatility_unknown:flat";

    [Key(0)] private double _position;
    [Key(1)] private long _lastRebalance = long.MinValue;
    [Key(2)] private List<long> _hourTimes = [];
    [Key(3)] private List<double> _hourPrices = [];

    /// <summary>Decisions waiting for their label (online learning).</summary>
    [Key(4)] private List<PendingLabel> _pending = [];

    /// <summary>Per layer model: the decayed statistics of the labels learned since serving began.</summary>
    [Key(5)] private PanelStatistics[]? _learnedRows;

    [Key(6)] private long _decayedAt = long.MinValue;
    [Key(7)] private long _refittedAt = long.MinValue;

    /// <summary>Per layer model: its coefficients after the last online refit (null: as served).</summary>
    [Key(8)] private PooledModel?[]? _refitted;

    [Key(9)] private bool _frozen;

    [IgnoreMember] public double Position => _position;

    /// <summary>How many labelled decisions the online statistics hold (after decay, summed over the layer models' first).</summary>
    [IgnoreMember] public double LearnedRows => _learnedRows is { Length: > 0 } rows ? rows[0].Rows : 0;

    /// <summary>Stops online learning for good (walk-forward test windows: what was learned stays, nothing more is).</summary>
    public void Freeze() => _frozen = true;

    public AlphaSignal? Decide(LearnedModel model, string symbol, long nextSequence, long tsEvent, double referencePrice,
        IReadOnlyList<double> features, MacroSignal? macro, MesoSignal? meso)
    {
        if (!(referencePrice > 0) || !double.IsFinite(referencePrice))
        {
            return null;
        }

        RecordHourlyPrice(tsEvent, referencePrice);
        var learning = model.Online is not null && !_frozen;
        if (learning)
        {
            Learn(model, symbol, tsEvent, referencePrice);
        }

        if (_lastRebalance != long.MinValue && tsEvent < _lastRebalance + (model.HorizonSeconds * EventTime.NanosPerSecond))
        {
            return null;
        }

        _lastRebalance = tsEvent;
        var bars = _hourTimes.Select((t, i) => PriceBar.Tick(t, _hourPrices[i])).ToArray();
        var sigmaHour = ForwardLabels.TrailingSigma(bars, tsEvent, 3_600, LabelSpec.Candles.VolReturns);
        var sigma = sigmaHour * Math.Sqrt(model.HorizonSeconds / 3_600.0);
        var row = new PanelRow(features, LearningGroup(model, symbol), LayerModels.RegimeOf(features), tsEvent, long.MaxValue, double.NaN, null);
        var (expected, probabilityUp) = Served(model).Forecast(row);
        if (learning && double.IsFinite(sigma))
        {
            _pending.Add(new PendingLabel(tsEvent, referencePrice, sigma, [.. features]));
        }

        var riskBudget = features[FeatureSchema.Slice(LayerKind.Macro).Offset + FeatureSchema.Macro.RiskBudget];
        var target = model.Sizing.Target(expected, model.Hierarchy.ResidualVariance, sigma, riskBudget);
        var position = model.Sizing.Rebalance(_position, target);
        var before = _position;
        _position = position;
        if (position == 0 && before == 0)
        {
            return null;
        }

        var direction = Math.Sign(position);
        var right = direction > 0 ? probabilityUp : direction < 0 ? 1 - probabilityUp : 0.5;
        List<string> rules = [$"{RuleLearned}:{model.Horizon}"];
        if (!double.IsFinite(sigma))
        {
            rules.Add(RuleNoVolatility);
        }
        else if (target == 0 && double.IsFinite(expected) && expected != 0)
        {
            rules.Add(RuleCostGate);
        }

        return new AlphaSignal(symbol, nextSequence, tsEvent, direction, Math.Max(0, (2 * right) - 1), Math.Abs(position),
            model.HorizonSeconds, double.NaN, double.NaN, macro is null ? "unavailable" : macro.Regime.Name(),
            meso?.Pattern ?? "none", [], [.. rules], referencePrice);
    }

    /// <summary>The served hierarchy with every layer's coefficients as last refitted online.</summary>
    private LearnedHierarchy Served(LearnedModel model) =>
        _refitted is null
            ? model.Hierarchy
            : model.Hierarchy with
            {
                Layers = model.Hierarchy.Layers.Select((l, k) => _refitted[k] is { } m ? l with { Model = m } : l).ToArray(),
            };

    /// <summary>The symbol's group: its index in the fit, or one past the fitted symbols (learned online as its own).</summary>
    private static int LearningGroup(LearnedModel model, string symbol) => model.GroupOf(symbol) is var g && g >= 0 ? g : model.Symbols.Count;

    /// <summary>
    /// Labels every pending decision whose horizon has passed (r/σ from its reference price to now, clipped), adds it
    /// to each layer model's decayed statistics, and refits the layer models once per refit period.
    /// </summary>
    private void Learn(LearnedModel model, string symbol, long tsEvent, double price)
    {
        var online = model.Online!;
        var layers = model.Hierarchy.Layers;
        _learnedRows ??= layers.Select(l => new PanelStatistics(l.Scaler.Width, model.Symbols.Count + 1, LayerModels.Regimes)).ToArray();
        var due = _pending.TakeWhile(p => p.TsEvent + (model.HorizonSeconds * EventTime.NanosPerSecond) <= tsEvent).ToList();
        if (due.Count > 0)
        {
            if (_decayedAt != long.MinValue)
            {
                var factor = Math.Pow(2, -(tsEvent - _decayedAt) / (online.HalfLifeDays * 86_400 * EventTime.NanosPerSecond));
                foreach (var rows in _learnedRows)
                {
                    rows.Decay(factor);
                }
            }

            _decayedAt = tsEvent;
            var group = LearningGroup(model, symbol);
            foreach (var p in due)
            {
                var label = Math.Clamp(Math.Log(price / p.Price) / p.Sigma, -PanelRow.LabelClip, PanelRow.LabelClip);
                for (var k = 0; k < layers.Count; k++)
                {
                    var x = new double[layers[k].Scaler.Width];
                    layers[k].Scaler.Transform(p.Features, x);
                    _learnedRows[k].Add(x, group, LayerModels.RegimeOf(p.Features), label);
                }
            }

            _pending.RemoveRange(0, due.Count);
        }

        if (_learnedRows[0].Rows > 0 && (_refittedAt == long.MinValue || tsEvent >= _refittedAt + (online.RefitEverySeconds * EventTime.NanosPerSecond)))
        {
            var prior = new PoolingPenalty(online.PriorRows, online.PriorRows, online.PriorRows);
            _refitted = layers.Select((l, k) => l.IsEmpty ? null : PooledRidge.Fit(_learnedRows[k], prior, l.Model)).ToArray();
            _refittedAt = tsEvent;
        }
    }

    /// <summary>The first reference price of each hour: the grid the trailing σ is measured on (one week and one hour kept).</summary>
    private void RecordHourlyPrice(long tsEvent, double price)
    {
        var hour = tsEvent - (((tsEvent % EventTime.NanosPerHour) + EventTime.NanosPerHour) % EventTime.NanosPerHour);
        if (_hourTimes.Count > 0 && _hourTimes[^1] >= hour)
        {
            return;
        }

        _hourTimes.Add(hour);
        _hourPrices.Add(price);
        var keep = LabelSpec.Candles.VolReturns + 2;
        if (_hourTimes.Count > keep)
        {
            _hourTimes.RemoveRange(0, _hourTimes.Count - keep);
            _hourPrices.RemoveRange(0, _hourPrices.Count - keep);
        }
    }
}

/// <summary>A sized decision waiting for its label: when, at what price, σ over the horizon then, and the features.</summary>
[MessagePackObject]
public sealed record PendingLabel(
    [property: Key(0)] long TsEvent,
    [property: Key(1)] double Price,
    [property: Key(2)] double Sigma,
    [property: Key(3)] double[] Features);

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
/// flat book that stays flat says nothing. Pure given its inputs; its state is persisted with the entity.
/// </summary>
[MessagePackObject]
public sealed class LearnedIntegrator
{
    private const long Ns = 1_000_000_000;
    private const long Hour = 3_600 * Ns;

    public const string RuleLearned = "learned_hierarchy";
    public const string RuleCostGate = "cost_gate:expected_move_below_round_trip_cost";
    public const string RuleNoVolatility = "volatility_unknown:flat";

    [Key(0)] private double _position;
    [Key(1)] private long _lastRebalance = long.MinValue;
    [Key(2)] private List<long> _hourTimes = [];
    [Key(3)] private List<double> _hourPrices = [];

    [IgnoreMember] public double Position => _position;

    public AlphaSignal? Decide(LearnedModel model, string symbol, long nextSequence, long tsEvent, double referencePrice,
        IReadOnlyList<double> features, MacroSignal? macro, MesoSignal? meso)
    {
        if (!(referencePrice > 0) || !double.IsFinite(referencePrice))
        {
            return null;
        }

        RecordHourlyPrice(tsEvent, referencePrice);
        if (_lastRebalance != long.MinValue && tsEvent < _lastRebalance + (model.HorizonSeconds * Ns))
        {
            return null;
        }

        _lastRebalance = tsEvent;
        var bars = _hourTimes.Select((t, i) => PriceBar.Tick(t, _hourPrices[i])).ToArray();
        var sigmaHour = ForwardLabels.TrailingSigma(bars, tsEvent, 3_600, LabelSpec.Candles.VolReturns);
        var sigma = sigmaHour * Math.Sqrt(model.HorizonSeconds / 3_600.0);
        var row = new PanelRow(features, model.GroupOf(symbol), LayerModels.RegimeOf(features), tsEvent, long.MaxValue, double.NaN, null);
        var (expected, probabilityUp) = model.Hierarchy.Forecast(row);
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

    /// <summary>The first reference price of each hour: the grid the trailing σ is measured on (one week and one hour kept).</summary>
    private void RecordHourlyPrice(long tsEvent, double price)
    {
        var hour = tsEvent - (((tsEvent % Hour) + Hour) % Hour);
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

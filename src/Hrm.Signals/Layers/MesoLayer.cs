using Hrm.Protocol;
using Hrm.Protocol.Commands;
using Hrm.Protocol.Layers;
using Hrm.Protocol.Market;
using Hrm.Signals.Indicators;
using Hrm.Signals.Learning;
using Hrm.Signals.Meso;
using MessagePack;
using P = Hrm.Signals.Meso.MesoParameters;

namespace Hrm.Signals.Layers;

/// <summary>
/// Layer 2 (minutes): breakout and exhaustion scoring with one <see cref="PatternEngine"/> per pattern timeframe
/// (5m, 15m, 1h; the finest ready one speaks, so a short tick replay warmed up on 15m/1h history still has a pattern), trend side per
/// timeframe (close vs EMA(20) on 1m, 5m, 15m, 1h) for cross-timeframe confluence, the macro regime for the
/// conditional probability and the latest micro evidence for order-flow weakness and child signals. Bars of one venue
/// only (the first venue that sends bars; the symbol actor routes the primary venue). Silent until an engine is ready
/// (about 26 bars of its timeframe).
/// </summary>
[MessagePackObject]
public sealed class MesoLayer : ILayer
{
    private static readonly BarPeriod[] TrendPeriods = [BarPeriod.M1, BarPeriod.M5, BarPeriod.M15, BarPeriod.H1];

    /// <summary>Pattern timeframes, finest first.</summary>
    public static readonly BarPeriod[] PatternPeriods = [BarPeriod.M5, BarPeriod.M15, BarPeriod.H1];

    [Key(0)] private string _symbol = "";
    [Key(1)] private int _venue = -1;
    [Key(2)] private PatternEngine[] _engines = Array.ConvertAll(PatternPeriods, _ => new PatternEngine());
    [Key(3)] private Ema[] _trendEmas = Array.ConvertAll(TrendPeriods, _ => new Ema(P.TrendEmaPeriod));
    [Key(4)] private int[] _trendSides = new int[TrendPeriods.Length];
    [Key(5)] private MacroSignal? _macro;
    [Key(6)] private MicroEvidence? _micro;
    [Key(7)] private OutcomeBook _outcomes = new(P.PriorStrength);
    [Key(8)] private bool _frozen;

    [SerializationConstructor]
    public MesoLayer()
    {
    }

    public MesoLayer(string symbol) => _symbol = symbol;

    [IgnoreMember] public LayerKind Kind => LayerKind.Meso;
    [IgnoreMember] public PatternEngine FiveMinute => _engines[0];

    /// <summary>P(outcome | pattern, regime) as learned so far (Beta estimates seeded with the seed's priors).</summary>
    [IgnoreMember] public OutcomeBook Outcomes => _outcomes;

    /// <summary>The finest pattern timeframe whose engine is ready, or null.</summary>
    [IgnoreMember]
    public BarPeriod? PatternPeriod
    {
        get
        {
            var i = Array.FindIndex(_engines, e => e.IsReady);
            return i < 0 ? null : PatternPeriods[i];
        }
    }

    /// <summary>sign(close − EMA(20)) of the period's last bar; 0 until its EMA is ready.</summary>
    public int TrendSide(BarPeriod period)
    {
        var i = Array.IndexOf(TrendPeriods, period);
        return i < 0 ? 0 : _trendSides[i];
    }

    public void Observe(MacroContext? macro, MesoContext? meso, MicroEvidence? micro, MesoEvidence? mesoEvidence)
    {
        if (macro is not null) _macro = macro.Signal;
        if (micro is not null) _micro = micro;
    }

    /// <summary>Frozen: no trial opens and none resolves, so P(outcome | pattern, regime) stays as learned.</summary>
    public void SetLearning(bool enabled) => _frozen = !enabled;

    public void Apply(MarketEvent marketEvent)
    {
        if (marketEvent is not Bar bar || bar.Period > BarPeriod.H1) return;
        if (_venue < 0) _venue = (int)bar.Venue;
        if (_venue != (int)bar.Venue) return;
        var i = Array.IndexOf(TrendPeriods, bar.Period);
        if (i < 0) return;
        if (!_frozen) _outcomes.Observe(bar.Low, bar.High, bar.Close, bar.OpenTime, bar.TsEvent);
        var ema = _trendEmas[i];
        ema.Update(bar.Close);
        _trendSides[i] = ema.IsReady ? Math.Sign(bar.Close - ema.Value) : 0;
        var engine = Array.IndexOf(PatternPeriods, bar.Period);
        if (engine >= 0) _engines[engine].Update(bar);
        if (!_frozen && PatternPeriod == bar.Period) OpenTrial(bar);
    }

    /// <summary>
    /// A pattern at least half complete on the speaking timeframe is one trial of P(outcome | pattern, regime):
    /// success if price reaches entry ± reward multiple × risk before the invalidation, within the pattern's holding
    /// time. At most one open trial per pattern and regime.
    /// </summary>
    private void OpenTrial(Bar bar)
    {
        if (Current() is not { Direction: not 0 } signal || signal.Completion < P.MinCompletionForTrial) return;
        var entry = bar.Close;
        var tsEvent = bar.TsEvent;
        var stop = signal.Invalidation.Price;
        var risk = signal.Direction * (entry - stop);
        if (risk <= 0) return;
        var regime = _macro?.Regime;
        _outcomes.OpenLevels(P.OutcomeKey(signal.Pattern, regime), P.Prior(signal.Pattern, regime), signal.Direction, entry,
            entry + signal.Direction * P.RewardMultiple(signal.Pattern) * risk, stop, tsEvent,
            tsEvent + P.HoldingSeconds(signal.Pattern) * 1_000_000_000L);
    }

    public IHrmMessage? Output(long tsEvent) => Current();

    /// <summary>The current pattern of the finest ready timeframe (pure read), or null until one is ready.</summary>
    public MesoSignal? Current()
    {
        var ready = Array.FindIndex(_engines, e => e.IsReady);
        if (ready < 0) return null;
        var c = _engines[ready].Last;
        var children = _micro?.Signals ?? [];
        var flowWeak = OrderFlowWeakness(c.MoveDirection, _micro);
        var breakoutCount = c.BreakoutCount;
        var exhaustionCount = c.ExhaustionBarCount + (flowWeak ? 1 : 0);
        if (breakoutCount == 0 && exhaustionCount == 0)
            return new MesoSignal(P.None, 0, 0.5, [], new PatternLevel(c.Close, "none"), children, 0);

        string pattern;
        double completion;
        int direction;
        PatternLevel[] entries;
        PatternLevel invalidation;
        if (breakoutCount >= exhaustionCount)
        {
            pattern = P.Breakout;
            completion = breakoutCount / 4.0;
            direction = c.BreakoutDirection;
            entries = direction == 0 ? [] : [new PatternLevel(c.BreakoutLevel, "breakout_level")];
            invalidation = new PatternLevel(c.BreakoutInvalidation, "back_inside_range");
        }
        else
        {
            pattern = P.Exhaustion;
            completion = exhaustionCount / 4.0;
            direction = -c.MoveDirection;
            entries = [new PatternLevel(c.Close, "last_close")];
            invalidation = new PatternLevel(c.ExhaustionInvalidation, "beyond_extreme");
        }

        var regime = _macro?.Regime;
        var learned = _outcomes.Probability(P.OutcomeKey(pattern, regime), P.Prior(pattern, regime));
        var probability = P.Probability(learned, completion, Confluence(direction));
        return new MesoSignal(pattern, completion, probability, entries, invalidation, children, direction);
    }

    /// <summary>
    /// The seed's cross-timeframe validation as an alignment count: 1m→5m (1m trend side = pattern direction) and
    /// 5m→1h (pattern direction = 1h trend side); confluence = aligned / pairs with data (0 when none).
    /// </summary>
    public double Confluence(int direction)
    {
        if (direction == 0) return 0;
        int pairs = 0, aligned = 0;
        foreach (var period in (ReadOnlySpan<BarPeriod>)[BarPeriod.M1, BarPeriod.H1])
        {
            var side = TrendSide(period);
            if (side == 0) continue;
            pairs++;
            if (side == direction) aligned++;
        }

        return pairs == 0 ? 0 : (double)aligned / pairs;
    }

    /// <summary>Order-flow weakness: micro flags exhaustion, or the aggressor ratio sits against the move.</summary>
    public static bool OrderFlowWeakness(int move, MicroEvidence? micro)
    {
        if (micro is null || move == 0) return false;
        if (micro.Exhaustion) return true;
        var r = micro.AggressorRatio;
        return !double.IsNaN(r) && (move > 0 ? r < 0.5 : r > 0.5);
    }

    public byte[] ExportState() => StateCodec.Save(this);
}

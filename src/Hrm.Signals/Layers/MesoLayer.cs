using Hrm.Protocol;
using Hrm.Protocol.Commands;
using Hrm.Protocol.Layers;
using Hrm.Protocol.Market;
using Hrm.Signals.Indicators;
using Hrm.Signals.Learning;
using Hrm.Signals.Meso;
using MessagePack;
using F = Hrm.Signals.Layers.FeatureSchema.Meso;
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
public sealed class MesoLayer : ILayer<MesoSignal>
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

    public MesoSignal? Output(long tsEvent) => Current();

    /// <summary>The current pattern of the finest ready timeframe (pure read), or null until one is ready.</summary>
    public MesoSignal? Current()
    {
        var ready = Array.FindIndex(_engines, e => e.IsReady);
        if (ready < 0) return null;
        var c = _engines[ready].Last;
        var children = _micro?.Signals ?? [];
        var s = Score(c);
        if (s.Pattern == P.None)
            return new MesoSignal(P.None, 0, 0.5, [], new PatternLevel(c.Close, "none"), children, 0);

        PatternLevel[] entries;
        PatternLevel invalidation;
        if (s.Pattern == P.Breakout)
        {
            entries = s.Direction == 0 ? [] : [new PatternLevel(c.BreakoutLevel, "breakout_level")];
            invalidation = new PatternLevel(c.BreakoutInvalidation, "back_inside_range");
        }
        else
        {
            entries = [new PatternLevel(c.Close, "last_close")];
            invalidation = new PatternLevel(c.ExhaustionInvalidation, "beyond_extreme");
        }

        return new MesoSignal(s.Pattern, s.Completion, s.Probability, entries, invalidation, children, s.Direction);
    }

    /// <summary>The pattern read from one engine's components: what <see cref="Current"/> reports, without its levels.</summary>
    private readonly record struct PatternScore(string Pattern, double Completion, int Direction, double Probability, double Confluence, bool FlowWeak);

    /// <summary>
    /// The pattern with more components wins (ties → breakout; none → <c>none</c>, direction 0, probability 0.5);
    /// completion = components / 4; probability from the learned P(outcome | pattern, regime), completion and confluence.
    /// </summary>
    private PatternScore Score(in PatternComponents c)
    {
        var flowWeak = OrderFlowWeakness(c.MoveDirection, _micro);
        var breakoutCount = c.BreakoutCount;
        var exhaustionCount = c.ExhaustionBarCount + (flowWeak ? 1 : 0);
        if (breakoutCount == 0 && exhaustionCount == 0) return new PatternScore(P.None, 0, 0, 0.5, 0, flowWeak);

        string pattern;
        double completion;
        int direction;
        if (breakoutCount >= exhaustionCount)
        {
            pattern = P.Breakout;
            completion = breakoutCount / 4.0;
            direction = c.BreakoutDirection;
        }
        else
        {
            pattern = P.Exhaustion;
            completion = exhaustionCount / 4.0;
            direction = -c.MoveDirection;
        }

        var regime = _macro?.Regime;
        var learned = _outcomes.Probability(P.OutcomeKey(pattern, regime), P.Prior(pattern, regime));
        var confluence = Confluence(direction);
        return new PatternScore(pattern, completion, direction, P.Probability(learned, completion, confluence), confluence, flowWeak);
    }

    /// <summary>
    /// The meso slice of the feature vector (<see cref="FeatureSchema.Meso"/>; docs/SIGNALS.md, "Features"): the
    /// speaking timeframe's pattern as <see cref="Current"/> reports it, its bar components (0/1) and the continuous
    /// values behind them, and each period's trend side. Pure read; the pattern part is NaN until an engine is ready, a
    /// trend side until its EMA is.
    /// </summary>
    public void WriteFeatures(long tsEvent, Span<double> into)
    {
        if (into.Length != F.Count) throw new ArgumentException($"the meso slice has {F.Count} features", nameof(into));
        into.Fill(double.NaN);
        for (var i = 0; i < TrendPeriods.Length; i++)
        {
            if (_trendEmas[i].IsReady) into[F.Trend1m + i] = _trendSides[i];
        }

        var ready = Array.FindIndex(_engines, e => e.IsReady);
        if (ready < 0) return;
        var c = _engines[ready].Last;
        var s = Score(c);
        into[F.TimeframeMinutes] = PatternPeriods[ready].Nanos() / (60 * Protocol.EventTime.NanosPerSecond);
        into[F.PatternBreakout] = s.Pattern == P.Breakout ? 1 : 0;
        into[F.PatternExhaustion] = s.Pattern == P.Exhaustion ? 1 : 0;
        into[F.Direction] = s.Direction;
        into[F.Completion] = s.Completion;
        into[F.Probability] = s.Probability;
        into[F.Confluence] = s.Confluence;
        into[F.VolumeExpansion] = c.VolumeExpansion ? 1 : 0;
        into[F.RangeCompression] = c.RangeCompression ? 1 : 0;
        into[F.MomentumBuildup] = c.MomentumBuildup ? 1 : 0;
        into[F.LiquidationCluster] = c.LiquidationCluster ? 1 : 0;
        into[F.VolumeDivergence] = c.VolumeDivergence ? 1 : 0;
        into[F.MomentumDivergence] = c.MomentumDivergence ? 1 : 0;
        into[F.TimeDecay] = c.TimeDecay ? 1 : 0;
        into[F.FlowWeakness] = s.FlowWeak ? 1 : 0;
        into[F.Rsi] = c.Rsi;
        if (!c.HasContinuous) return;
        into[F.VolumeRatio] = c.VolumeRatio;
        into[F.AtrSlope] = c.AtrSlope;
        into[F.RangeHighDistAtr] = c.RangeHighDistanceAtr;
        into[F.RangeLowDistAtr] = c.RangeLowDistanceAtr;
        into[F.RangePosition] = c.RangePosition;
        into[F.EmaDistAtr] = c.EmaDistanceAtr;
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

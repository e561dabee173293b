using System.Globalization;
using Hrm.Protocol;
using Hrm.Protocol.Commands;
using Hrm.Protocol.Layers;
using Hrm.Protocol.Market;
using Hrm.Signals.Indicators;
using Hrm.Signals.Macro;
using Hrm.Signals.Macro.Regimes;
using MessagePack;
using F = Hrm.Signals.Layers.FeatureSchema.Macro;

namespace Hrm.Signals.Layers;

/// <summary>
/// Layer 1 (hours): regime from 4h bars (<see cref="IRegimeModel"/>: Markov switching with Hurst and variance-ratio
/// features, <see cref="MarkovRegimeModel"/>; one venue: the first that sends 4h bars),
/// funding-basis divergence from 1h perp/spot bars and USD-M funding, and the seed's bottom-up rule: repeated micro
/// exhaustion within 1 h while trending notes a potential shift to ranging. Drivers carry the trend direction
/// (<c>direction:up|down</c>) because <see cref="MacroSignal"/> has no direction field. Silent until the regime model
/// is ready. Context analyzers (issue 3) add drivers and scale strength / risk budget when their input is present and
/// fresh, and stay silent otherwise: exchange dominance shift (1h bars of every venue), on-chain exchange-inflow trend
/// and MVRV/NVT valuation (<see cref="OnChainMetric"/>), dealer gamma and 25Δ skew (<see cref="OptionQuote"/>).
/// </summary>
[MessagePackObject]
public sealed class MacroLayer : ILayer<MacroSignal>
{
    public static readonly long ExhaustionWindowNanos = 3600 * Protocol.EventTime.NanosPerSecond;

    [Key(0)] private string _symbol = "";
    [Key(1)] private IRegimeModel _model = new MarkovRegimeModel();
    [Key(2)] private FundingBasisDivergence _fundingBasis = new();
    [Key(3)] private int _regimeVenue = -1;
    [Key(4)] private EventTimeWindow _exhaustions = new(ExhaustionWindowNanos);
    [Key(5)] private bool _lastExhaustion;
    [Key(6)] private MesoSignal? _lastMeso;
    [Key(7)] private ExchangeDominance _dominance = new();
    [Key(8)] private ExchangeInflowTrend _inflow = new();
    [Key(9)] private NetworkValue _network = new();
    [Key(10)] private OptionsFlow _options = new();
    [Key(11)] private MomentumWindow _momentum = new();
    [Key(12)] private FundingSettlements _settlements = new();
    [Key(13)] private bool _sawMicro;

    [SerializationConstructor]
    public MacroLayer()
    {
    }

    /// <summary>A macro layer on the Markov-switching regime model, or on <paramref name="model"/> when given.</summary>
    public MacroLayer(string symbol, IRegimeModel? model = null)
    {
        _symbol = symbol;
        _model = model ?? new MarkovRegimeModel();
    }

    [IgnoreMember] public LayerKind Kind => LayerKind.Macro;
    [IgnoreMember] public FundingBasisDivergence FundingBasis => _fundingBasis;
    [IgnoreMember] public IRegimeModel Model => _model;
    [IgnoreMember] public ExchangeDominance Dominance => _dominance;
    [IgnoreMember] public ExchangeInflowTrend Inflow => _inflow;
    [IgnoreMember] public NetworkValue Network => _network;
    [IgnoreMember] public OptionsFlow Options => _options;

    /// <summary>Momentum and volatility of the regime venue's 4h closes (features only).</summary>
    [IgnoreMember] public MomentumWindow Momentum => _momentum;

    /// <summary>The last 90 settled USD-M funding rates (features only).</summary>
    [IgnoreMember] public FundingSettlements Settlements => _settlements;

    /// <summary>The last pattern meso reported (kept for later use; not yet a driver).</summary>
    [IgnoreMember] public MesoSignal? LastMeso => _lastMeso;

    public void Observe(MacroContext? macro, MesoContext? meso, MicroEvidence? micro, MesoEvidence? mesoEvidence)
    {
        if (mesoEvidence is not null) _lastMeso = mesoEvidence.Signal;
        if (micro is null) return;
        _sawMicro = true;
        // count onsets (false → true), not every decision tick that still shows the same exhaustion
        if (micro.Exhaustion && !_lastExhaustion) _exhaustions.Add(micro.TsEvent, 1, 0);
        _lastExhaustion = micro.Exhaustion;
    }

    public void SetLearning(bool enabled) => _model.SetLearning(enabled);

    public void Apply(MarketEvent marketEvent)
    {
        _options.Advance(marketEvent.TsEvent);
        switch (marketEvent)
        {
            case Bar { Period: BarPeriod.H1 } bar:
                _fundingBasis.OnBar(bar);
                _dominance.Update(bar);
                break;
            case OnChainMetric metric:
                _inflow.Update(metric);
                _network.Update(metric);
                break;
            case OptionQuote quote:
                _options.Update(quote);
                break;
            case Bar { Period: BarPeriod.H4 } bar:
                if (_regimeVenue < 0) _regimeVenue = (int)bar.Venue;
                if (_regimeVenue == (int)bar.Venue)
                {
                    _model.Update(bar);
                    _momentum.Update(bar);
                }

                break;
            case FundingRate { Venue: Venue.BinanceUsdm } funding:
                _fundingBasis.OnFunding(funding.Rate);
                _model.ObserveFunding(funding.Rate);
                _settlements.OnSettlement(funding.Rate);
                break;
            case MarkPriceUpdate { Venue: Venue.BinanceUsdm } mark:
                _fundingBasis.OnFunding(mark.FundingRate);
                _model.ObserveFunding(mark.FundingRate);
                break;
        }
    }

    public MacroSignal? Output(long tsEvent)
    {
        if (!_model.IsReady) return null;
        var estimate = _model.Estimate();
        var drivers = new List<string>(8) { "regime_model:" + _model.Name };
        drivers.AddRange(estimate.Drivers);
        if (estimate.Direction > 0) drivers.Add(MacroParameters.DirectionUp);
        else if (estimate.Direction < 0) drivers.Add(MacroParameters.DirectionDown);
        if (_fundingBasis.Fired)
            drivers.Add(_fundingBasis.Direction > 0 ? MacroParameters.FundingBasisUp : MacroParameters.FundingBasisDown);
        if (estimate.Regime == Regime.Trending && RecentExhaustions(tsEvent) >= MacroParameters.ExhaustionCountThreshold)
            drivers.Add(MacroParameters.RegimeShift);
        var strength = estimate.Strength;
        var riskScale = ContextDrivers(tsEvent, estimate.Regime, drivers, ref strength);
        return new MacroSignal(estimate.Regime, strength, drivers.ToArray(),
            MacroParameters.RiskBudget(estimate.Regime, strength) * riskScale, MacroParameters.TimeframeHours(estimate.Regime));
    }

    /// <summary>
    /// Drivers of the context analyzers that are available at <paramref name="ts"/> (pure read; none are built when
    /// <paramref name="drivers"/> is null). Returns the product of the risk multipliers; adjusts strength by
    /// ± <see cref="MacroParameters.OnChainConfirmation"/> when the inflow trend confirms or contradicts an accumulation
    /// regime.
    /// </summary>
    private double ContextDrivers(long ts, Regime regime, List<string>? drivers, ref double strength)
    {
        var risk = 1.0;
        if (_dominance.ShiftActive(ts) is { } shift)
        {
            drivers?.Add(MacroParameters.DominanceShiftPrefix + shift.Leader.Name());
            drivers?.Add(MacroParameters.DominanceLeaderPrefix + shift.Leader.Name() + ":" + Format(shift.Share));
            risk *= MacroParameters.DominanceShiftRisk;
        }

        if (_inflow.Available(ts))
        {
            drivers?.Add(MacroParameters.InflowZPrefix + Format(_inflow.Z));
            var state = _inflow.State;
            if (state == FlowState.Accumulation) drivers?.Add(MacroParameters.OnChainAccumulation);
            if (state == FlowState.Distribution) drivers?.Add(MacroParameters.OnChainDistribution);
            if (regime == Regime.Accumulation && state != FlowState.Neutral)
            {
                var sign = state == FlowState.Accumulation ? 1 : -1;
                strength = Math.Clamp(strength + sign * MacroParameters.OnChainConfirmation, 0, 1);
            }
        }

        if (_network.Available(ts))
        {
            drivers?.Add(MacroParameters.MvrvZPrefix + Format(_network.MvrvZ));
            if (_network.State == ValuationState.Overextended)
            {
                drivers?.Add(MacroParameters.OnChainOverextended);
                risk *= MacroParameters.OverextendedRisk;
            }
            else if (_network.State == ValuationState.Undervalued)
            {
                drivers?.Add(MacroParameters.OnChainUndervalued);
            }
        }

        if (_network.NvtAvailable(ts) && _network.NvtOverextended) drivers?.Add(MacroParameters.NvtOverextended);

        if (_options.Available(ts) && _options.Last is { } options)
        {
            drivers?.Add(options.TotalGex < 0 ? MacroParameters.GexNegative : MacroParameters.GexPositive);
            if (options.TotalGex < 0) risk *= MacroParameters.NegativeGammaRisk;
            if (!double.IsNaN(options.FlipLevel)) drivers?.Add(MacroParameters.GammaFlipPrefix + Format(options.FlipLevel));
            if (!double.IsNaN(options.Skew25)) drivers?.Add(MacroParameters.SkewPrefix + Format(options.Skew25));
            if (_options.SkewFlip > 0) drivers?.Add(MacroParameters.SkewFlipUp);
            if (_options.SkewFlip < 0) drivers?.Add(MacroParameters.SkewFlipDown);
        }

        return risk;
    }

    /// <summary>
    /// The macro slice of the feature vector (<see cref="FeatureSchema.Macro"/>; docs/SIGNALS.md, "Features"): the
    /// regime model's inputs and its call as <see cref="Output"/> makes it (strength and risk budget after the context
    /// adjustments), momentum and volatility of the regime venue's 4h closes, funding and basis, and the context
    /// analyzers' readings while they are available. Pure read; each group is NaN while its input is absent.
    /// </summary>
    public void WriteFeatures(long tsEvent, Span<double> into)
    {
        if (into.Length != F.Count) throw new ArgumentException($"the macro slice has {F.Count} features", nameof(into));
        into.Fill(double.NaN);
        if (_model.IsReady)
        {
            RegimeEstimate estimate;
            if (_model is MarkovRegimeModel markov)
            {
                (estimate, var f) = markov.EstimateWithFeatures();
                into[F.PHighVol] = f.PHighVol;
                into[F.SigmaRatio] = f.SigmaRatio;
                into[F.Hurst] = f.Hurst;
                into[F.VarianceRatio] = f.VarianceRatio;
                into[F.VrZ] = f.VrZ;
                into[F.PersistenceScore] = f.PersistenceScore;
            }
            else
            {
                estimate = _model.Estimate();
            }

            into[F.RegimeTrending] = estimate.Regime == Regime.Trending ? 1 : 0;
            into[F.RegimeMeanReverting] = estimate.Regime == Regime.MeanReverting ? 1 : 0;
            into[F.RegimeVolatile] = estimate.Regime == Regime.Volatile ? 1 : 0;
            into[F.RegimeAccumulation] = estimate.Regime == Regime.Accumulation ? 1 : 0;
            var strength = estimate.Strength;
            var riskScale = ContextDrivers(tsEvent, estimate.Regime, null, ref strength);
            into[F.Strength] = strength;
            into[F.TrendDirection] = estimate.Direction;
            into[F.RiskBudget] = MacroParameters.RiskBudget(estimate.Regime, strength) * riskScale;
        }

        var sigma = _momentum.Sigma;
        into[F.Mom1d] = _momentum.LogReturn(MomentumWindow.DayBars);
        into[F.Mom1w] = _momentum.LogReturn(MomentumWindow.WeekBars);
        into[F.Mom4w] = _momentum.LogReturn(MomentumWindow.FourWeekBars);
        into[F.Mom1dZ] = _momentum.ZScore(MomentumWindow.DayBars, sigma);
        into[F.Mom1wZ] = _momentum.ZScore(MomentumWindow.WeekBars, sigma);
        into[F.Mom4wZ] = _momentum.ZScore(MomentumWindow.FourWeekBars, sigma);
        into[F.Vol30d] = sigma * Math.Sqrt(MomentumWindow.BarsPerYear);

        var funding = _fundingBasis.HasFunding ? _fundingBasis.Funding : double.NaN;
        into[F.FundingRate] = funding;
        into[F.FundingZ] = _settlements.ZScore(funding);
        into[F.Basis] = _fundingBasis.CommonBasis;
        into[F.FundingBasisZ] = _fundingBasis.DivergenceZ;

        if (_inflow.Available(tsEvent)) into[F.InflowZ] = _inflow.Z;
        if (_network.Available(tsEvent)) into[F.MvrvZ] = _network.MvrvZ;
        if (_options.Available(tsEvent) && _options.Last is { } options)
        {
            into[F.Skew25d] = options.Skew25;
            into[F.GexNegative] = options.TotalGex < 0 ? 1 : 0;
        }

        var shift = _dominance.ShiftActive(tsEvent);
        if (shift is not null) into[F.DominanceShift] = 1;
        else if (_dominance.Current.Available) into[F.DominanceShift] = 0;
        if (_sawMicro) into[F.Exhaustions1h] = RecentExhaustions(tsEvent);
    }

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>Micro exhaustion onsets in (ts − 1 h, ts].</summary>
    public long RecentExhaustions(long ts) => _exhaustions.SumsAt(ts).A;

    public byte[] ExportState() => StateCodec.Save(this);
}

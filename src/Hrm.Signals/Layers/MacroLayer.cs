using Hrm.Protocol;
using Hrm.Protocol.Commands;
using Hrm.Protocol.Layers;
using Hrm.Protocol.Market;
using Hrm.Signals.Indicators;
using Hrm.Signals.Macro;
using MessagePack;

namespace Hrm.Signals.Layers;

/// <summary>
/// Layer 1 (hours): regime from 4h bars (<see cref="IRegimeModel"/>, one venue: the first that sends 4h bars),
/// funding-basis divergence from 1h perp/spot bars and USD-M funding, and the seed's bottom-up rule: repeated micro
/// exhaustion within 1 h while trending notes a potential shift to ranging. Drivers carry the trend direction
/// (<c>direction:up|down</c>) because <see cref="MacroSignal"/> has no direction field. Silent until the regime model
/// is ready.
/// </summary>
[MessagePackObject]
public sealed class MacroLayer : ILayer
{
    public static readonly long ExhaustionWindowNanos = 3600 * BarPeriods.NanosPerSecond;

    [Key(0)] private string _symbol = "";
    [Key(1)] private IRegimeModel _model = new HeuristicRegimeModel();
    [Key(2)] private FundingBasisDivergence _fundingBasis = new();
    [Key(3)] private int _regimeVenue = -1;
    [Key(4)] private EventTimeWindow _exhaustions = new(ExhaustionWindowNanos);
    [Key(5)] private bool _lastExhaustion;
    [Key(6)] private MesoSignal? _lastMeso;

    [SerializationConstructor]
    public MacroLayer()
    {
    }

    public MacroLayer(string symbol) => _symbol = symbol;

    [IgnoreMember] public LayerKind Kind => LayerKind.Macro;
    [IgnoreMember] public FundingBasisDivergence FundingBasis => _fundingBasis;
    [IgnoreMember] public IRegimeModel Model => _model;

    /// <summary>The last pattern meso reported (kept for later use; not yet a driver).</summary>
    [IgnoreMember] public MesoSignal? LastMeso => _lastMeso;

    public void Observe(MacroContext? macro, MesoContext? meso, MicroEvidence? micro, MesoEvidence? mesoEvidence)
    {
        if (mesoEvidence is not null) _lastMeso = mesoEvidence.Signal;
        if (micro is null) return;
        // count onsets (false → true), not every decision tick that still shows the same exhaustion
        if (micro.Exhaustion && !_lastExhaustion) _exhaustions.Add(micro.TsEvent, 1, 0);
        _lastExhaustion = micro.Exhaustion;
    }

    public void Apply(MarketEvent marketEvent)
    {
        switch (marketEvent)
        {
            case Bar { Period: BarPeriod.H1 } bar:
                _fundingBasis.OnBar(bar);
                break;
            case Bar { Period: BarPeriod.H4 } bar:
                if (_regimeVenue < 0) _regimeVenue = (int)bar.Venue;
                if (_regimeVenue == (int)bar.Venue) _model.Update(bar);
                break;
            case FundingRate { Venue: Venue.BinanceUsdm } funding:
                _fundingBasis.OnFunding(funding.Rate);
                _model.ObserveFunding(funding.Rate);
                break;
            case MarkPriceUpdate { Venue: Venue.BinanceUsdm } mark:
                _fundingBasis.OnFunding(mark.FundingRate);
                _model.ObserveFunding(mark.FundingRate);
                break;
        }
    }

    public IHrmMessage? Output(long tsEvent)
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
        return new MacroSignal(estimate.Regime, estimate.Strength, drivers.ToArray(),
            MacroParameters.RiskBudget(estimate.Regime, estimate.Strength), MacroParameters.TimeframeHours(estimate.Regime));
    }

    /// <summary>Micro exhaustion onsets in (ts − 1 h, ts].</summary>
    public long RecentExhaustions(long ts) => _exhaustions.SumsAt(ts).A;

    public byte[] ExportState() => StateCodec.Save(this);
}

using Hrm.Protocol;
using Hrm.Protocol.Commands;
using Hrm.Protocol.Layers;
using Hrm.Protocol.Market;
using Hrm.Signals.Bars;
using Hrm.Signals.Integration;
using Hrm.Signals.Layers;
using Hrm.Signals.Learning.Hierarchy;
using MessagePack;

namespace Hrm.Signals.Engine;

/// <summary>
/// One symbol's hierarchy without the actor: routes each event to the layers that reason on it, consolidates trades
/// into bars, and at every decision tick steps the layers, lets the integrator decide on their outputs, and queues the
/// context (down) and evidence (up) each layer is told next. Pure and snapshot-able: the same events in the same
/// order give the same signals, whatever the batching, and <see cref="Export"/> then <see cref="Restore"/> continues
/// exactly where it stopped.
/// </summary>
[MessagePackObject]
public sealed class SymbolEngine
{
    /// <summary>
    /// How long the primary venue may go without a trade, while another venue trades, before the reference price and
    /// the meso bars follow the other venue (a capture whose primary feed ended, an exchange outage).
    /// </summary>
    public const long PriceVenueStaleAfterNanos = 30_000_000_000;

    [Key(0)] private string _symbol = "";
    [Key(1)] private long _tickEnd;
    [Key(2)] private MacroSignal? _sentMacro;
    [Key(3)] private MesoSignal? _sentMeso;
    [Key(4)] private BarConsolidator _bars = new();
    [Key(5)] private byte[] _integratorState = [];
    [Key(6)] private long _signalCount;
    [Key(7)] private double _referencePrice;
    [Key(8)] private long _lastTsEvent;
    [Key(9)] private long _learnUntil = long.MaxValue;
    [Key(10)] private bool _frozen;
    [Key(11)] private long[] _lastTradeTs = new long[VenueNames.Count];
    [Key(12)] private long _newestTradeTs;
    [Key(13)] private LeaderView _leader = new();
    [Key(14)] private LayerStack _layers = new();

    /// <summary>The learned integrator's state when the engine serves a model (null: the hand-set integrator decides).</summary>
    [Key(15)] private LearnedIntegrator? _learned;

    [IgnoreMember] private EngineSettings _settings = new(0, Venue.BinanceUsdm);
    [IgnoreMember] private SignalIntegrator _integrator = new();
    [IgnoreMember] private readonly List<Bar> _closedBars = [];

    public SymbolEngine()
    {
    }

    public SymbolEngine(string symbol, EngineSettings settings, LayerFactories? layers = null)
    {
        _symbol = symbol;
        _bars = new BarConsolidator(symbol);
        Configure(settings);
        _layers.Attach(layers ?? LayerFactories.Default, symbol);
    }

    /// <summary>Decides with the settings' model from now on (null: the hand-set integrator); a new model's state starts flat.</summary>
    private void Configure(EngineSettings settings)
    {
        _settings = settings;
        _learned = settings.Model is null ? null : _learned ?? new LearnedIntegrator();
    }

    [IgnoreMember] public string Symbol => _symbol;
    [IgnoreMember] public long SignalCount => _signalCount;

    /// <summary>
    /// Numbers the next signal after <paramref name="journaled"/>: a live feed cannot replay the events after the
    /// snapshot the engine was restored from, so the signals journaled since are history, not to be regenerated.
    /// </summary>
    public void ContinueAfter(long journaled) => _signalCount = Math.Max(_signalCount, journaled);
    [IgnoreMember] public long LastTsEvent => _lastTsEvent;

    /// <summary>True once an event at or after the learning cutoff has been routed.</summary>
    [IgnoreMember] public bool LearningFrozen => _frozen;

    /// <summary>Learning stops at the first event stamped at or after <paramref name="tsEvent"/>.</summary>
    public void LearnUntil(long tsEvent) => _learnUntil = tsEvent;

    /// <summary>True between the first event of a tick and its close.</summary>
    [IgnoreMember] public bool TickOpen => _tickEnd != 0;

    /// <summary>End of the open decision tick (0 when none is open).</summary>
    [IgnoreMember] public long TickEnd => _tickEnd;

    /// <summary>Cross-asset context: the leader this symbol follows, and its own macro changes for followers.</summary>
    [IgnoreMember] public LeaderView Leader => _leader;

    /// <summary>The layers' latest outputs.</summary>
    [IgnoreMember] public LayerStack Layers => _layers;

    /// <summary>
    /// The venue whose trades set the reference price and build the meso bars now: the primary one, unless it has
    /// not traded for <see cref="PriceVenueStaleAfterNanos"/> while a fallback venue has; only trades count, so the
    /// candle history (no trades) always reads the primary venue.
    /// </summary>
    [IgnoreMember]
    public Venue PriceVenue
    {
        get
        {
            var newest = _newestTradeTs;
            bool Fresh(Venue v) => _lastTradeTs[(int)v] > 0 && _lastTradeTs[(int)v] >= newest - PriceVenueStaleAfterNanos;
            var primary = _settings.PrimaryVenue;
            if (newest == 0 || Fresh(primary))
            {
                return primary;
            }

            // The price falls back to the venues in the order a primary one is chosen.
            foreach (var venue in VenueNames.PrimaryPreference)
            {
                if (venue != primary && Fresh(venue))
                {
                    return venue;
                }
            }

            return primary;
        }
    }

    /// <summary>True when the tick ending at the open tick's end may close (no leader, or the leader's view up to then is final).</summary>
    public bool LeaderReady() => _leader.Ready(_tickEnd);

    /// <summary>This symbol's view as a leader: its macro changes after <paramref name="since"/> up to the newest event routed, or for good once <paramref name="final"/>.</summary>
    public LeaderContext ContextSince(long since, bool final) => _leader.ContextSince(_symbol, since, final ? long.MaxValue : _lastTsEvent);

    /// <summary>True when <paramref name="next"/> belongs to a later tick than the open one: close the tick first.</summary>
    public bool ClosesTick(MarketEvent next) => _tickEnd != 0 && next.TsEvent >= _tickEnd;

    /// <summary>
    /// Queues the event for the layers that reason on it, with every bar the consolidator emits (bars it closed, and a
    /// read bar when file bars own its period).
    /// </summary>
    public void Route(MarketEvent e)
    {
        if (_tickEnd == 0)
        {
            _tickEnd = (e.TsEvent / _settings.DecisionTickNanos + 1) * _settings.DecisionTickNanos;
        }

        _lastTsEvent = Math.Max(_lastTsEvent, e.TsEvent);
        if (!_frozen && e.TsEvent >= _learnUntil)
        {
            FreezeLearning();
        }

        if (e is TradeTick traded && (int)traded.Venue < _lastTradeTs.Length)
        {
            _lastTradeTs[(int)traded.Venue] = Math.Max(_lastTradeTs[(int)traded.Venue], traded.TsEvent);
            _newestTradeTs = Math.Max(_newestTradeTs, traded.TsEvent);
        }

        _closedBars.Clear();
        _bars.Apply(e, _closedBars);
        foreach (var bar in _closedBars)
        {
            RouteBar(bar);
        }

        switch (e)
        {
            case DepthDiff or DepthSnapshot or BookTicker or L3Order or BookInvalidated:
                _layers.Route(LayerKind.Micro, e);
                break;
            case TradeTick trade:
                _layers.Route(LayerKind.Micro, e);
                if (trade.Venue == PriceVenue || _referencePrice == 0)
                {
                    _referencePrice = Fixed.ToDouble(trade.Price);
                }

                break;
            case Bar bar:
                // The consolidator emitted it above if it is the authority for its period (never twice).
                if (_referencePrice == 0 || bar.Venue == _settings.PrimaryVenue)
                {
                    _referencePrice = bar.Close;
                }

                break;
            case FundingRate or MarkPriceUpdate or OnChainMetric or OptionQuote:
                _layers.Route(LayerKind.Macro, e);
                break;
        }
    }

    private void RouteBar(Bar bar)
    {
        if (bar.Venue == PriceVenue && !bar.Period.IsMacro())
        {
            _layers.Route(LayerKind.Meso, bar);
        }

        if (bar.Period >= BarPeriod.H1)
        {
            _layers.Route(LayerKind.Macro, bar);
        }
    }

    /// <summary>Brings every layer up to date with what was routed (the end of a feed batch).</summary>
    public void Step() => _layers.Step(_tickEnd, _settings.WritesFeatures);

    /// <summary>
    /// Closes the open tick: the layers step, <paramref name="outputs"/> sees what they say as it closes (the
    /// recorded layer outputs; features included), the integrator decides, and the context and evidence for the next
    /// steps are queued (context only when it changed; micro evidence every tick).
    /// </summary>
    public AlphaSignal? CloseTick(Action<LayerOutputs>? outputs = null)
    {
        var at = _tickEnd;
        Step();
        var (macro, meso, micro) = (_layers.Macro, _layers.Meso, _layers.Micro);
        outputs?.Invoke(new LayerOutputs(_symbol, at, _referencePrice, macro, meso, micro, _leader.At(at), _layers.Features()));

        var leader = _leader.AdvanceTo(at);
        var signal = _settings.Model is { } model && _learned is not null
            ? _learned.Decide(model, _symbol, _signalCount + 1, at, _referencePrice, _layers.Features(), macro, meso)
            : _integrator.Decide(_symbol, _signalCount + 1, at, _referencePrice, macro, meso, micro, leader);
        if (signal is not null)
        {
            _signalCount++;
        }

        if (macro is not null && macro != _sentMacro)
        {
            var context = new MacroContext(_symbol, at, macro);
            _layers.Tell(LayerKind.Meso, macro: context);
            _layers.Tell(LayerKind.Micro, macro: context);
            _sentMacro = macro;
            _leader.Record(at, macro);
        }

        if (meso is not null && meso != _sentMeso)
        {
            _layers.Tell(LayerKind.Micro, meso: new MesoContext(_symbol, at, meso));
            _layers.Tell(LayerKind.Macro, mesoEvidence: new MesoEvidence(_symbol, at, meso));
            _sentMeso = meso;
        }

        if (micro is not null)
        {
            _layers.Tell(LayerKind.Meso, micro: micro);
            _layers.Tell(LayerKind.Macro, micro: micro);
        }

        _tickEnd = 0;
        return signal;
    }

    /// <summary>The integrator stops now; each layer stops before the events of its next step.</summary>
    private void FreezeLearning()
    {
        _frozen = true;
        _integrator.SetLearning(false);
        _learned?.Freeze();
        _layers.SetLearning(false);
    }

    /// <summary>The engine's state and its layers' (each layer first takes what is queued for it).</summary>
    public EngineState Export()
    {
        var layers = _layers.Export();
        _integratorState = _integrator.ExportState();
        return new(StateCodec.Save(this), layers);
    }

    public static SymbolEngine Restore(EngineState state, EngineSettings settings, LayerFactories? layers = null)
    {
        var engine = StateCodec.Load<SymbolEngine>(state.Engine);
        engine._integrator = SignalIntegrator.Restore(engine._integratorState);
        engine.Configure(settings);
        engine._layers.Attach(layers ?? LayerFactories.Default, engine._symbol, state.Layers);
        return engine;
    }
}

/// <summary>What a snapshot keeps of a symbol engine: its own state and its layers'.</summary>
public sealed record EngineState(byte[] Engine, LayerStates Layers);

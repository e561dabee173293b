using Hrm.Protocol;
using Hrm.Protocol.Commands;
using Hrm.Protocol.Layers;
using Hrm.Protocol.Market;
using Hrm.Signals;
using Hrm.Signals.Bars;
using Hrm.Signals.Integration;
using Hrm.Signals.Layers;
using Hrm.Signals.Learning.Hierarchy;
using MessagePack;

namespace Hrm.Actors.Symbol;

/// <summary>
/// The symbol entity's logic without the actor: routes events to the layers, consolidates trades into bars, keeps
/// the latest output of each layer, and at every decision tick runs the integrator and prepares what each layer is
/// told next (context down, evidence up). Pure and snapshot-able; the actor only moves messages.
/// </summary>
[MessagePackObject]
public sealed class SymbolCore
{
    private static readonly LayerKind[] Kinds = [LayerKind.Macro, LayerKind.Meso, LayerKind.Micro];

    [Key(0)] private string _symbol = "";
    [Key(1)] private long _tickEnd;
    [Key(2)] private MacroSignal? _macro;
    [Key(3)] private MesoSignal? _meso;
    [Key(4)] private MicroEvidence? _micro;
    [Key(5)] private MacroSignal? _sentMacro;
    [Key(6)] private MesoSignal? _sentMeso;
    [Key(7)] private BarConsolidator _bars = new();
    [Key(8)] private byte[] _integratorState = [];
    [Key(9)] private long _signalCount;
    [Key(10)] private double _referencePrice;
    [Key(11)] private long _tickNanos;
    [Key(12)] private Venue _primaryVenue;
    [Key(13)] private long _lastTsEvent;
    [Key(14)] private long _learnUntil = long.MaxValue;
    [Key(15)] private bool _frozen;
    [Key(16)] private List<LeaderMacro> _macroChanges = [];
    [Key(17)] private string? _leader;
    [Key(18)] private long _leaderWatermark = long.MinValue;
    [Key(19)] private List<LeaderMacro> _leaderPending = [];
    [Key(20)] private MacroSignal? _leaderMacro;
    [Key(21)] private long[] _lastTradeTs = new long[VenueCount];
    [Key(22)] private long _newestTradeTs;

    /// <summary>Every layer's last feature slice (NaN until the layer answered with features); see <see cref="FeatureSchema"/>.</summary>
    [Key(23)] private double[] _features = FeatureSchema.Unavailable();

    /// <summary>The learned integrator's state when the entity serves a model (null: the hand-set integrator decides).</summary>
    [Key(24)] private LearnedIntegrator? _learned;

    [IgnoreMember] private SignalIntegrator _integrator = new();
    [IgnoreMember] private LearnedModel? _model;
    [IgnoreMember] private readonly List<MarketEvent>[] _outbox = [[], [], []];
    [IgnoreMember] private readonly Inbound[] _inbound = [new(), new(), new()];
    [IgnoreMember] private readonly List<Bar> _closedBars = [];

    public SymbolCore()
    {
    }

    public SymbolCore(string symbol, SymbolSettings settings)
    {
        _symbol = symbol;
        _bars = new BarConsolidator(symbol);
        _tickNanos = settings.DecisionTickNanos;
        _primaryVenue = settings.PrimaryVenue;
        Serve(settings.Model);
    }

    /// <summary>Decides with <paramref name="model"/> from now on (null: the hand-set integrator); its state starts flat.</summary>
    private void Serve(LearnedModel? model)
    {
        _model = model;
        _learned = model is null ? null : _learned ?? new LearnedIntegrator();
    }

    [IgnoreMember] public string Symbol => _symbol;
    [IgnoreMember] public long SignalCount => _signalCount;
    [IgnoreMember] public long LastTsEvent => _lastTsEvent;

    /// <summary>True once an event at or after the learning cutoff has been routed.</summary>
    [IgnoreMember] public bool LearningFrozen => _frozen;

    /// <summary>Learning stops at the first event stamped at or after <paramref name="tsEvent"/> (see <see cref="LearnUntil"/>).</summary>
    public void LearnUntil(long tsEvent) => _learnUntil = tsEvent;

    /// <summary>True between the first event of a tick and its close.</summary>
    [IgnoreMember] public bool TickOpen => _tickEnd != 0;

    /// <summary>
    /// How long the primary venue may go without a trade, while another venue trades, before the reference price and
    /// the meso bars follow the other venue (a capture whose primary feed ended, an exchange outage).
    /// </summary>
    public const long PriceVenueStaleAfterNanos = 30_000_000_000;

    /// <summary>Venues the price falls back to, in order, when the primary one has gone quiet.</summary>
    private static readonly Venue[] FallbackVenues = [Venue.BinanceUsdm, Venue.BinanceSpot, Venue.BinanceCoinm];

    private static readonly int VenueCount = Enum.GetValues<Venue>().Length;

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
            if (newest == 0 || Fresh(_primaryVenue))
            {
                return _primaryVenue;
            }

            foreach (var venue in FallbackVenues)
            {
                if (venue != _primaryVenue && Fresh(venue))
                {
                    return venue;
                }
            }

            return _primaryVenue;
        }
    }

    /// <summary>End of the open decision tick (0 when none is open).</summary>
    [IgnoreMember] public long TickEnd => _tickEnd;

    /// <summary>The symbol whose macro context this one follows, if any.</summary>
    [IgnoreMember] public string? Leader => _leader;

    /// <summary>The macro layer's latest output.</summary>
    [IgnoreMember] public MacroSignal? Macro => _macro;

    /// <summary>The meso layer's latest output (the active pattern).</summary>
    [IgnoreMember] public MesoSignal? Meso => _meso;

    /// <summary>The micro evidence of the last tick.</summary>
    [IgnoreMember] public MicroEvidence? Micro => _micro;

    /// <summary>The leader's macro view the last decision used (null before the first one arrived).</summary>
    [IgnoreMember] public MacroSignal? LeaderMacro => _leaderMacro;

    /// <summary>Up to where the leader's view is known (see <see cref="LeaderContext.Watermark"/>).</summary>
    [IgnoreMember] public long LeaderWatermark => _leaderWatermark;

    /// <summary>How many macro changes are kept for followers that ask (older ones are dropped).</summary>
    public const int KeptMacroChanges = 10_000;

    public void Follow(string leader) => _leader = leader;

    /// <summary>
    /// True when the tick ending at <paramref name="tickEnd"/> may close: there is no leader, or the leader's view up
    /// to that time is final.
    /// </summary>
    public bool LeaderReady(long tickEnd) => _leader is null || _leaderWatermark >= tickEnd;

    /// <summary>
    /// Takes a leader context if it continues what is known (its changes cover everything after our watermark);
    /// returns false on a gap (a context was missed: ask the leader for what follows <see cref="LeaderWatermark"/>).
    /// </summary>
    public bool AcceptLeader(LeaderContext context)
    {
        if (context.Leader != _leader || context.Watermark <= _leaderWatermark)
        {
            return true;
        }

        if (context.Since > _leaderWatermark)
        {
            return false;
        }

        var known = _leaderPending.Count > 0 ? _leaderPending[^1].TsEvent : _leaderWatermark;
        _leaderPending.AddRange(context.Changes.Where(c => c.TsEvent > known));
        _leaderWatermark = context.Watermark;
        return true;
    }

    /// <summary>
    /// This symbol's view as a leader: its macro changes after <paramref name="since"/> and its watermark, the newest
    /// event time routed (every tick ending at or before it is closed), or <paramref name="final"/>'s end of time.
    /// </summary>
    public LeaderContext ContextSince(long since, bool final)
    {
        // The changes are in time order: only the tail after `since` is read (this runs after every batch).
        var first = _macroChanges.Count;
        while (first > 0 && _macroChanges[first - 1].TsEvent > since)
        {
            first--;
        }

        return new(_symbol, final ? long.MaxValue : _lastTsEvent, since, [.. _macroChanges.Skip(first)]);
    }

    /// <summary>True when <paramref name="next"/> belongs to a later tick than the open one: close the tick first.</summary>
    public bool ClosesTick(MarketEvent next) => _tickEnd != 0 && next.TsEvent >= _tickEnd;

    /// <summary>
    /// Sends the event to the layers that reason on it, and every bar the consolidator emits (bars it closed, and a
    /// read bar when file bars own its period).
    /// </summary>
    public void Route(MarketEvent e)
    {
        if (_tickEnd == 0)
        {
            _tickEnd = (e.TsEvent / _tickNanos + 1) * _tickNanos;
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
            case DepthDiff or DepthSnapshot or BookTicker or L3Order:
                Outbox(LayerKind.Micro).Add(e);
                break;
            case TradeTick trade:
                Outbox(LayerKind.Micro).Add(e);
                if (trade.Venue == PriceVenue || _referencePrice == 0)
                {
                    _referencePrice = Fixed.ToDouble(trade.Price);
                }

                break;
            case Bar bar:
                // The consolidator emitted it above if it is the authority for its period (never twice).
                if (_referencePrice == 0 || bar.Venue == _primaryVenue)
                {
                    _referencePrice = bar.Close;
                }

                break;
            case FundingRate or MarkPriceUpdate or OnChainMetric or OptionQuote:
                Outbox(LayerKind.Macro).Add(e);
                break;
        }
    }

    private void RouteBar(Bar bar)
    {
        if (bar.Venue == PriceVenue && !bar.Period.IsMacro())
        {
            Outbox(LayerKind.Meso).Add(bar);
        }

        if (bar.Period >= BarPeriod.H1)
        {
            Outbox(LayerKind.Macro).Add(bar);
        }
    }

    /// <summary>True when the layer has events or cross-layer news waiting, so it needs a step.</summary>
    public bool HasWork(LayerKind kind) => Outbox(kind).Count > 0 || _inbound[(int)kind].Any;

    /// <summary>Builds the next step for a layer and clears what it carries; <paramref name="features"/> asks for its feature slice.</summary>
    public LayerStep TakeStep(LayerKind kind, long stepId, bool captureState, bool features = false)
    {
        var events = Outbox(kind).ToArray();
        Outbox(kind).Clear();
        var inbound = _inbound[(int)kind];
        var step = new LayerStep(_symbol, stepId, events, inbound.Macro, inbound.Meso, inbound.Micro, inbound.MesoEvidence, captureState, _tickEnd, inbound.Learning, features);
        _inbound[(int)kind] = new Inbound();
        return step;
    }

    /// <summary>Records a layer's current output, and its feature slice when it sent one.</summary>
    public void Accept(LayerStepDone done)
    {
        switch (done.Layer)
        {
            case LayerKind.Macro: _macro = done.Macro; break;
            case LayerKind.Meso: _meso = done.Meso; break;
            case LayerKind.Micro: _micro = done.Micro; break;
        }

        if (done.Features is { } features)
        {
            if (_features.Length != FeatureSchema.Count)
            {
                _features = FeatureSchema.Unavailable(); // saved under another schema
            }

            var slice = FeatureSchema.Slice(done.Layer);
            features.AsSpan(0, Math.Min(features.Length, slice.Count)).CopyTo(_features.AsSpan(slice.Offset, slice.Count));
        }
    }

    /// <summary>The feature vector as of the layers' last answers (a copy; NaN for a layer that has not answered with features).</summary>
    public double[] Features() => _features.Length == FeatureSchema.Count ? (double[])_features.Clone() : FeatureSchema.Unavailable();

    /// <summary>What the layers say as the open tick closes, features included (call before <see cref="CloseTick"/>).</summary>
    public LayerOutputs OutputsAtTickEnd() =>
        new(_symbol, _tickEnd, _referencePrice, _macro, _meso, _micro, _leaderPending.LastOrDefault(c => c.TsEvent <= _tickEnd)?.Macro ?? _leaderMacro,
            Features());

    /// <summary>
    /// Closes the open tick: the integrator decides on the layers' outputs as of its end, and the context and
    /// evidence for the next steps are queued (context only when it changed; micro evidence every tick).
    /// </summary>
    public AlphaSignal? CloseTick()
    {
        var at = _tickEnd;
        while (_leaderPending.Count > 0 && _leaderPending[0].TsEvent <= at)
        {
            _leaderMacro = _leaderPending[0].Macro;
            _leaderPending.RemoveAt(0);
        }

        var signal = _model is not null && _learned is not null
            ? _learned.Decide(_model, _symbol, _signalCount + 1, at, _referencePrice, Features(), _macro, _meso)
            : _integrator.Decide(_symbol, _signalCount + 1, at, _referencePrice, _macro, _meso, _micro, _leaderMacro);
        if (signal is not null)
        {
            _signalCount++;
        }

        if (_macro is not null && !SameContent(_macro, _sentMacro))
        {
            var context = new MacroContext(_symbol, at, _macro);
            _inbound[(int)LayerKind.Meso].Macro = context;
            _inbound[(int)LayerKind.Micro].Macro = context;
            _sentMacro = _macro;
            _macroChanges.Add(new LeaderMacro(at, _macro));
            if (_macroChanges.Count > KeptMacroChanges)
            {
                _macroChanges.RemoveRange(0, _macroChanges.Count - KeptMacroChanges);
            }
        }

        if (_meso is not null && !SameContent(_meso, _sentMeso))
        {
            _inbound[(int)LayerKind.Micro].Meso = new MesoContext(_symbol, at, _meso);
            _inbound[(int)LayerKind.Macro].MesoEvidence = new MesoEvidence(_symbol, at, _meso);
            _sentMeso = _meso;
        }

        if (_micro is not null)
        {
            _inbound[(int)LayerKind.Meso].Micro = _micro;
            _inbound[(int)LayerKind.Macro].Micro = _micro;
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
        foreach (var inbound in _inbound)
        {
            inbound.Learning = false;
        }
    }

    /// <summary>The layers the symbol actor hosts, in the order it asks them.</summary>
    public static IReadOnlyList<LayerKind> Layers => Kinds;

    public byte[] ExportState()
    {
        _integratorState = _integrator.ExportState();
        return StateCodec.Save(this);
    }

    public static SymbolCore Restore(byte[] state, LearnedModel? model = null)
    {
        var core = StateCodec.Load<SymbolCore>(state);
        core._integrator = SignalIntegrator.Restore(core._integratorState);
        core.Serve(model);
        return core;
    }

    private List<MarketEvent> Outbox(LayerKind kind) => _outbox[(int)kind];

    private static bool SameContent<T>(T current, T? sent) where T : class, IHrmMessage =>
        sent is not null && StateCodec.Save(current).AsSpan().SequenceEqual(StateCodec.Save(sent));

    /// <summary>What a layer will be told on its next step.</summary>
    private sealed class Inbound
    {
        public MacroContext? Macro;
        public MesoContext? Meso;
        public MicroEvidence? Micro;
        public MesoEvidence? MesoEvidence;
        public bool? Learning;

        public bool Any => Macro is not null || Meso is not null || Micro is not null || MesoEvidence is not null || Learning is not null;
    }
}

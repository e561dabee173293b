using Hrm.Protocol;
using Hrm.Protocol.Commands;
using Hrm.Protocol.Layers;
using Hrm.Protocol.Market;
using Hrm.Signals.Micro;
using MessagePack;
using P = Hrm.Signals.Micro.MicroParameters;

namespace Hrm.Signals.Layers;

/// <summary>
/// Layer 3 (seconds): one synced book and flow windows per venue; on demand, book imbalance, OFI, aggressor ratio
/// and quote stuffing of the primary venue (USD-M perp if its book is valid, else spot, else COIN-M), with confidence
/// adjusted top-down by the macro regime and the meso pattern. Silent until a venue has a valid book.
/// </summary>
[MessagePackObject]
public sealed class MicroLayer : ILayer
{
    private static readonly Venue[] Preference = [Venue.BinanceUsdm, Venue.BinanceSpot, Venue.BinanceCoinm];

    [Key(0)] private string _symbol = "";
    [Key(1)] private VenueMicroState?[] _venues = new VenueMicroState?[Enum.GetValues<Venue>().Length];
    [Key(2)] private MacroSignal? _macro;
    [Key(3)] private MesoSignal? _meso;

    [SerializationConstructor]
    public MicroLayer()
    {
    }

    public MicroLayer(string symbol) => _symbol = symbol;

    [IgnoreMember] public LayerKind Kind => LayerKind.Micro;
    [IgnoreMember] public string Symbol => _symbol;

    public VenueMicroState? VenueState(Venue venue) => _venues[(int)venue];

    public void Observe(MacroContext? macro, MesoContext? meso, MicroEvidence? micro, MesoEvidence? mesoEvidence)
    {
        if (macro is not null) _macro = macro.Signal;
        if (meso is not null) _meso = meso.Signal;
    }

    public void Apply(MarketEvent marketEvent)
    {
        var index = (int)marketEvent.Venue;
        var state = _venues[index] ??= new VenueMicroState(marketEvent.Venue);
        state.Apply(marketEvent);
    }

    /// <summary>
    /// The venue the evidence is computed from: the first of USD-M, spot, COIN-M with a valid book that is live, i.e.
    /// has sent an event within <see cref="P.StaleAfterNanos"/> of the newest event of any venue (a feed that ended,
    /// like the 2024 USD-M capture at midnight, must not keep speaking through a frozen book).
    /// </summary>
    public VenueMicroState? Primary()
    {
        var newest = long.MinValue;
        foreach (var state in _venues)
        {
            if (state is not null) newest = Math.Max(newest, state.LastTsEvent);
        }

        foreach (var venue in Preference)
        {
            var state = _venues[(int)venue];
            if (state is not null && state.Sync.IsValid && state.Sync.Book.BidLevels > 0 && state.Sync.Book.AskLevels > 0
                && state.LastTsEvent >= newest - P.StaleAfterNanos)
                return state;
        }

        return null;
    }

    public IHrmMessage? Output(long tsEvent)
    {
        var v = Primary();
        if (v is null) return null;
        var book = v.Sync.Book;
        var mid = book.Mid;
        var signals = new List<MicroSignal>(4);

        // Book imbalance at depths 1, 5, 10: direction and magnitude from depth 5, base confidence = share of depths agreeing.
        var i1 = BookImbalance.Compute(book, 1);
        var i5 = BookImbalance.Compute(book, 5);
        var i10 = BookImbalance.Compute(book, 10);
        var bookDir = Math.Abs(i5) >= P.ImbalanceThreshold ? Math.Sign(i5) : 0;
        var agree = (Math.Sign(i1) == Math.Sign(i5) ? 1 : 0) + 1 + (Math.Sign(i10) == Math.Sign(i5) ? 1 : 0);
        var micro = BookImbalance.MicroPrice(book);
        var bookEdge = bookDir == 0 ? 0.0 : Math.Max(0.0, bookDir * (micro - mid) / mid * 1e4);
        signals.Add(Make(MicroSignalType.Book, P.BookImbalanceName, bookDir, Math.Abs(i5), P.BookImbalanceDurationSeconds,
            agree / 3.0 * P.RegimeMultiplier(_macro?.Regime), bookEdge));

        // OFI over the last 10 s; expected mid move in ticks from the stylized model ΔP = OFI/(2D), D = mean depth per level (top 5).
        var ofi = v.Ofi.Sum(tsEvent);
        var ofiEvents = v.Ofi.Events(tsEvent);
        var depthPerLevel = (book.BidDepth(5) + book.AskDepth(5)) / (Math.Min(5, book.BidLevels) + Math.Min(5, book.AskLevels));
        var ticks = depthPerLevel > 0 ? ofi / (2 * depthPerLevel) : 0.0;
        var ofiDir = Math.Abs(ticks) >= P.OfiTicksThreshold ? Math.Sign(ticks) : 0;
        var tick = Fixed.ToDouble(BookImbalance.TickEstimate(book, 10));
        var ofiEdge = ofiDir == 0 ? 0.0 : Math.Abs(ticks) * tick / mid * 1e4;
        signals.Add(Make(MicroSignalType.Book, P.OfiName, ofiDir, Math.Abs(ticks) / (1 + Math.Abs(ticks)), P.OfiDurationSeconds,
            Math.Min(1.0, (double)ofiEvents / P.OfiFullConfidenceEvents), ofiEdge));

        // Aggressor ratio over the last minute (> 0.7 or < 0.3 = continuation). No edge estimate yet (0).
        var flow = v.Aggressor.At(tsEvent);
        var ratio = flow.Ratio;
        if (!double.IsNaN(ratio))
        {
            var dir = ratio > P.AggressorHigh ? 1 : ratio < P.AggressorLow ? -1 : 0;
            signals.Add(Make(MicroSignalType.Flow, P.AggressorName, dir, Math.Abs(2 * ratio - 1), P.AggressorDurationSeconds,
                Math.Min(1.0, (double)flow.Entries / P.AggressorFullConfidenceTrades), 0.0));
        }

        // Quote stuffing: short-window quote-to-trade ratio relative to its 5-minute baseline. Neutral direction: a warning.
        var relative = v.Qtr.Relative(tsEvent);
        if (!double.IsNaN(relative))
        {
            var magnitude = Math.Clamp((relative - 1) / 4, 0, 1);
            signals.Add(new MicroSignal(MicroSignalType.Flow, 0, magnitude, P.QuoteStuffingDurationSeconds,
                relative > P.StuffingRelative ? magnitude : 0.0, 0.0, P.QuoteStuffingName));
        }

        return new MicroEvidence(_symbol, tsEvent, signals.ToArray(), ratio, ofi, IsExhausted(v, tsEvent, flow));
    }

    /// <summary>
    /// Aggression fading against the move: over the last minute the traded price moved one way while the recent
    /// half-minute's aggressor ratio fell behind the older half's by ≥ 0.1 and crossed to the other side of 0.5.
    /// </summary>
    public static bool IsExhausted(VenueMicroState v, long ts, AggressorWindow full)
    {
        var recent = v.Aggressor.RecentAt(ts);
        var olderBuy = full.BuyQty - recent.BuyQty;
        var olderSell = full.SellQty - recent.SellQty;
        if (recent.Entries == 0 || olderBuy + olderSell <= 0) return false;
        var older = olderBuy / (olderBuy + olderSell);
        var move = full.LastPrice - full.FirstPrice;
        return move > 0
            ? recent.Ratio < older - P.ExhaustionFade && recent.Ratio < 0.5
            : move < 0 && recent.Ratio > older + P.ExhaustionFade && recent.Ratio > 0.5;
    }

    private MicroSignal Make(MicroSignalType type, string name, int direction, double magnitude, int duration,
        double confidence, double edge)
    {
        if (_meso is { Direction: not 0 } meso && direction != 0)
            confidence *= direction == meso.Direction ? P.MesoAligned : P.MesoOpposed;
        return new MicroSignal(type, direction, Math.Clamp(magnitude, 0, 1), duration, Math.Clamp(confidence, 0, 1), edge, name);
    }

    public byte[] ExportState() => StateCodec.Save(this);
}

using Hrm.Protocol;
using Hrm.Protocol.Commands;
using Hrm.Protocol.Layers;
using Hrm.Protocol.Market;
using Hrm.Signals.Micro;
using MessagePack;
using F = Hrm.Signals.Layers.FeatureSchema.Micro;
using P = Hrm.Signals.Micro.MicroParameters;

namespace Hrm.Signals.Layers;

/// <summary>
/// Layer 3 (seconds): one synced book and flow windows per venue; on demand, book imbalance (with persistence), OFI,
/// aggressor ratio, quote stuffing, iceberg, spoofing (L2; L3 where a venue sends orders) and size clustering of the
/// primary venue (USD-M perp if its book is valid, else spot, else COIN-M), plus the cross-venue exchange lag, with
/// confidence adjusted top-down by the macro regime and the meso pattern. Silent until a venue has a valid book.
/// </summary>
[MessagePackObject]
public sealed class MicroLayer : ILayer<MicroEvidence>
{
    [Key(0)] private string _symbol = "";
    [Key(1)] private VenueMicroState?[] _venues = new VenueMicroState?[VenueNames.Count];
    [Key(2)] private MacroSignal? _macro;
    [Key(3)] private MesoSignal? _meso;

    /// <summary>Cross-venue lead–lag of mids (spot, USD-M, COIN-M): needs every venue, so it lives here.</summary>
    [Key(4)] private ExchangeLag _lag = new();

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

    /// <summary>
    /// Nothing to freeze: micro's windows and baselines are rolling features of recent data, not estimates of
    /// outcomes (VPIN's bucket volume is set once from a venue's first hour of trades).
    /// </summary>
    public void SetLearning(bool enabled)
    {
    }

    public void Apply(MarketEvent marketEvent)
    {
        var index = (int)marketEvent.Venue;
        var state = _venues[index] ??= new VenueMicroState(marketEvent.Venue);
        state.Apply(marketEvent);
        if (marketEvent is BookTicker t)
            _lag.Update(ExchangeLag.SlotOf(t.Venue), t.TsEvent, (Fixed.ToDouble(t.BidPrice) + Fixed.ToDouble(t.AskPrice)) * 0.5);
    }

    /// <summary>The cross-venue lead–lag state (read-only use).</summary>
    [IgnoreMember] public ExchangeLag Lag => _lag;

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

        foreach (var venue in VenueNames.PrimaryPreference)
        {
            var state = _venues[(int)venue];
            if (state is not null && state.Sync.IsValid && state.Sync.Book.BidLevels > 0 && state.Sync.Book.AskLevels > 0
                && state.LastTsEvent >= newest - P.StaleAfterNanos)
                return state;
        }

        return null;
    }

    public MicroEvidence? Output(long tsEvent)
    {
        var v = Primary();
        if (v is null) return null;
        var book = v.Sync.Book;
        var mid = book.Mid;
        var signals = new List<MicroSignal>(10);

        // Book imbalance at depths 1, 5, 10: direction and magnitude from depth 5, base confidence = share of depths agreeing.
        var i1 = BookImbalance.Compute(book, 1);
        var i5 = BookImbalance.Compute(book, 5);
        var i10 = BookImbalance.Compute(book, 10);
        var bookDir = Math.Abs(i5) >= P.ImbalanceThreshold ? Math.Sign(i5) : 0;
        var agree = (Math.Sign(i1) == Math.Sign(i5) ? 1 : 0) + 1 + (Math.Sign(i10) == Math.Sign(i5) ? 1 : 0);
        var micro = BookImbalance.MicroPrice(book);
        var bookEdge = bookDir == 0 ? 0.0 : Math.Max(0.0, bookDir * (micro - mid) / mid * 1e4);
        // Persistence: share of the last 10 s the depth-5 imbalance held this direction beyond the threshold; scales the
        // confidence by 0.5 + share (a fleeting imbalance halves it, one held all window long raises it by half).
        var persistence = v.Persistence.Fraction(tsEvent, bookDir);
        signals.Add(Make(MicroSignalType.Book, P.BookImbalanceName, bookDir, Math.Abs(i5), P.BookImbalanceDurationSeconds,
            agree / 3.0 * (0.5 + persistence) * P.RegimeMultiplier(_macro?.Regime), bookEdge));

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

        // Quote stuffing: short-window quote-to-trade ratio relative to its 5-minute baseline (QuoteStuffing's spike rule).
        // Neutral direction: a warning.
        var stuffing = QuoteStuffing.Evaluate(v.Qtr, tsEvent);
        if (!double.IsNaN(stuffing.Relative))
        {
            signals.Add(new MicroSignal(MicroSignalType.Flow, 0, stuffing.Magnitude, P.QuoteStuffingDurationSeconds,
                stuffing.Spike ? stuffing.Magnitude : 0.0, 0.0, P.QuoteStuffingName));
        }

        AddIceberg(signals, v, tsEvent);
        AddSpoofing(signals, v, tsEvent);
        AddSizeClustering(signals, v, tsEvent);
        AddExchangeLag(signals, v, tsEvent);
        AddVpin(signals, v);

        return new MicroEvidence(_symbol, tsEvent, signals.ToArray(), ratio, ofi, IsExhausted(v, tsEvent, flow));
    }

    /// <summary>
    /// The micro slice of the feature vector (<see cref="FeatureSchema.Micro"/>; docs/SIGNALS.md, "Features"), read from
    /// the primary venue (<see cref="Primary"/>) with the same windows as <see cref="Output"/>: book imbalance and its
    /// persistence, OFI at the best five levels and in ticks, micro-price and spread, VPIN, aggressor ratio, QTR,
    /// exchange-lag edge, iceberg, spoofing, size clustering and exhaustion. Pure read; all NaN without a primary venue,
    /// and each value NaN while its own input is absent (no trades, no <c>bookTicker</c>, a window not ready).
    /// </summary>
    public void WriteFeatures(long tsEvent, Span<double> into)
    {
        if (into.Length != F.Count) throw new ArgumentException($"the micro slice has {F.Count} features", nameof(into));
        into.Fill(double.NaN);
        var v = Primary();
        if (v is null) return;
        var book = v.Sync.Book;
        var mid = book.Mid;
        var i5 = BookImbalance.Compute(book, 5);
        into[F.Imbalance1] = BookImbalance.Compute(book, 1);
        into[F.Imbalance5] = i5;
        into[F.Imbalance10] = BookImbalance.Compute(book, 10);
        into[F.ImbalancePersistence] = v.Persistence.Fraction(tsEvent, Math.Abs(i5) >= P.ImbalanceThreshold ? Math.Sign(i5) : 0);
        for (var level = 1; level <= MultiLevelOfi.Levels; level++)
            into[F.OfiL1 + level - 1] = v.Levels.Scaled(level, tsEvent, book);

        if (v.Ofi.HasQuote)
        {
            var depthPerLevel = (book.BidDepth(5) + book.AskDepth(5)) / (Math.Min(5, book.BidLevels) + Math.Min(5, book.AskLevels));
            if (depthPerLevel > 0) into[F.OfiTicks] = v.Ofi.Sum(tsEvent) / (2 * depthPerLevel);
        }

        into[F.MicropriceMidBps] = (BookImbalance.MicroPrice(book) - mid) / mid * 1e4;
        into[F.SpreadBps] = (Fixed.ToDouble(book.BestAsk.Price) - Fixed.ToDouble(book.BestBid.Price)) / mid * 1e4;
        if (v.Vpin is { IsReady: true } vpin) into[F.Vpin] = vpin.Current;

        var flow = v.Aggressor.At(tsEvent);
        into[F.AggressorRatio] = flow.Ratio;
        if (flow.Entries > 0) into[F.Exhaustion] = IsExhausted(v, tsEvent, flow) ? 1 : 0;
        into[F.QtrRelative] = QuoteStuffing.Evaluate(v.Qtr, tsEvent).Relative;
        into[F.ExchangeLagEdgeBps] = ExchangeLagEdge(v, tsEvent);
        if (v.Trades > 0) into[F.Iceberg] = v.Iceberg.At(book, tsEvent, P.IcebergMinReloads, P.IcebergStaleNanos).Direction;
        if (v.Spoofing.Tick > 0) into[F.Spoofing] = v.Spoofing.At(tsEvent).Direction(P.SpoofMinCancels, P.SpoofMinShare, P.SpoofMinOneSided);
        var sizes = v.Sizes.At(tsEvent);
        if (sizes.RecentTrades >= P.SizeClusterMinRecent && sizes.BaselineTrades >= P.SizeClusterMinBaseline)
            into[F.SizeClusterExcess] = sizes.Excess;
    }

    /// <summary>
    /// The exchange-lag signal's edge with its direction: +edge when the live leader moved up and the primary venue is
    /// expected to follow, −edge down; 0 without a live leader; NaN until two venues have mids.
    /// </summary>
    private double ExchangeLagEdge(VenueMicroState primary, long ts)
    {
        var live = 0;
        for (var s = 0; s < ExchangeLag.Slots; s++)
            if (_lag.LastTs(s) > 0) live++;
        if (live < 2) return double.NaN;
        var r = _lag.At(ExchangeLag.SlotOf(primary.Venue));
        if (!r.HasLeader || _lag.LastTs(r.Leader) < ts - P.StaleAfterNanos) return 0;
        var dir = Math.Sign(r.LeaderMove);
        return dir == 0 ? 0.0 : dir * Math.Max(0.0, dir * (r.LeaderMove - r.FollowerMove) * 1e4);
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

    /// <summary>Iceberg at the touch (needs trades on a valid book): +1 bid support, −1 ask resistance, 0 none live.</summary>
    private void AddIceberg(List<MicroSignal> signals, VenueMicroState v, long ts)
    {
        if (v.Trades == 0) return;
        var (dir, level) = v.Iceberg.At(v.Sync.Book, ts, P.IcebergMinReloads, P.IcebergStaleNanos);
        var magnitude = dir == 0 ? 0.0 : Math.Min(1.0, level.Reloads / (2.0 * P.IcebergMinReloads));
        var confidence = dir == 0 || level.Traded == 0 ? 0.0 : Math.Min(1.0, (double)level.Refilled / level.Traded);
        signals.Add(Make(MicroSignalType.Book, P.IcebergName, dir, magnitude, P.IcebergDurationSeconds, confidence, 0.0));
    }

    /// <summary>L2 spoofing of the primary venue once its tick is known; L3 spoofing of any venue that sends orders.</summary>
    private void AddSpoofing(List<MicroSignal> signals, VenueMicroState v, long ts)
    {
        if (v.Spoofing.Tick > 0) signals.Add(SpoofSignal(P.SpoofingName, v.Spoofing.At(ts), P.L2SpoofConfidenceWeight));
        foreach (var venue in _venues)
        {
            if (venue?.L3 is { } l3) signals.Add(SpoofSignal(P.SpoofingName + "_l3", l3.At(ts), 1.0));
        }
    }

    private MicroSignal SpoofSignal(string name, SpoofingReading r, double weight) =>
        Make(MicroSignalType.Book, name, r.Direction(P.SpoofMinCancels, P.SpoofMinShare, P.SpoofMinOneSided), r.Magnitude,
            P.SpoofingDurationSeconds, weight * Math.Min(1.0, r.LargeOrders / 20.0), 0.0);

    /// <summary>Size clustering once the recent window and the baseline have enough trades.</summary>
    private void AddSizeClustering(List<MicroSignal> signals, VenueMicroState v, long ts)
    {
        var r = v.Sizes.At(ts);
        if (r.RecentTrades < P.SizeClusterMinRecent || r.BaselineTrades < P.SizeClusterMinBaseline) return;
        var excess = r.Excess;
        var dir = 0;
        var modal = r.ModalBuys + r.ModalSells;
        if (excess >= P.SizeClusterMinExcess && modal > 0)
        {
            var buyShare = (double)r.ModalBuys / modal;
            dir = buyShare >= P.SizeClusterSideShare ? 1 : buyShare <= 1 - P.SizeClusterSideShare ? -1 : 0;
        }

        signals.Add(Make(MicroSignalType.Flow, P.SizeClusteringName, dir, Math.Max(0.0, excess), P.SizeClusterDurationSeconds,
            Math.Min(1.0, r.RecentTrades / (2.0 * P.SizeClusterMinRecent)), 0.0));
    }

    /// <summary>
    /// Exchange lag (type latency) once two venues have mids: direction = the live leader's move over the lag window
    /// (the follower is expected to follow), edge = the part of that move the follower has not shown yet (bps).
    /// </summary>
    private void AddExchangeLag(List<MicroSignal> signals, VenueMicroState primary, long ts)
    {
        var live = 0;
        for (var s = 0; s < ExchangeLag.Slots; s++)
            if (_lag.LastTs(s) > 0) live++;
        if (live < 2) return;
        var r = _lag.At(ExchangeLag.SlotOf(primary.Venue));
        var dir = 0;
        double magnitude = 0, edge = 0;
        var leaderLive = r.HasLeader && _lag.LastTs(r.Leader) >= ts - P.StaleAfterNanos;
        if (leaderLive)
        {
            dir = Math.Sign(r.LeaderMove);
            magnitude = Math.Clamp(r.Correlation, 0, 1);
            edge = dir == 0 ? 0.0 : Math.Max(0.0, dir * (r.LeaderMove - r.FollowerMove) * 1e4);
        }

        var duration = (int)Math.Max(1, Math.Ceiling(Math.Max(1, r.LagSteps) * _lag.StepNanos / 1e9));
        signals.Add(Make(MicroSignalType.Latency, P.ExchangeLagName, dir, magnitude, duration,
            leaderLive ? Math.Min(1.0, r.Weight / P.LeadLagFullWeight) : 0.0, edge));
    }

    /// <summary>
    /// VPIN (toxicity) once the primary venue's 50 buckets are full: a warning (direction 0), magnitude = VPIN,
    /// confidence = VPIN when ≥ <see cref="P.VpinHigh"/> else 0. Omitted (unavailable) before.
    /// </summary>
    private static void AddVpin(List<MicroSignal> signals, VenueMicroState v)
    {
        if (v.Vpin is not { IsReady: true } vpin) return;
        var value = vpin.Current;
        if (double.IsNaN(value)) return;
        signals.Add(new MicroSignal(MicroSignalType.Flow, 0, Math.Clamp(value, 0, 1), P.VpinDurationSeconds,
            value >= P.VpinHigh ? Math.Clamp(value, 0, 1) : 0.0, 0.0, P.VpinName));
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

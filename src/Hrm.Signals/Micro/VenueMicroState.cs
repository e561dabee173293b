using Hrm.Protocol.Market;
using Hrm.Signals.Book;
using MessagePack;

namespace Hrm.Signals.Micro;

/// <summary>Everything the micro layer keeps for one venue: the synced book and the flow windows.</summary>
[MessagePackObject]
public sealed class VenueMicroState
{
    [Key(0)] public Venue Venue;
    [Key(1)] public BookSynchronizer Sync = new();
    [Key(2)] public OrderFlowImbalance Ofi = new();
    [Key(3)] public AggressorRatio Aggressor = new();
    [Key(4)] public QuoteToTradeRatio Qtr = new();
    [Key(5)] public long Events;

    /// <summary>Event time of the newest event seen from this venue.</summary>
    [Key(6)] public long LastTsEvent;

    [Key(7)] public ImbalancePersistence Persistence = new();
    [Key(8)] public Iceberg Iceberg = new();
    [Key(9)] public L2Spoofing Spoofing = new();
    [Key(10)] public SizeClustering Sizes = new();

    /// <summary>Per-order spoofing, only for a venue that sends L3 orders (Bitstamp); null otherwise.</summary>
    [Key(11)] public L3Spoofing? L3;

    [Key(12)] public long Trades;

    /// <summary>
    /// Streaming VPIN, created once the bucket volume is known: Easley et al. size buckets at daily volume / 50, and
    /// the daily volume is estimated causally from this venue's first <see cref="MicroParameters.VpinCalibrationNanos"/>
    /// of trades (volume × day / calibration span). Null (VPIN unavailable) until then.
    /// </summary>
    [Key(13)] public Vpin? Vpin;

    [Key(14)] public long VpinCalibrationStart;
    [Key(15)] public long VpinCalibrationVolume;

    /// <summary>OFI at each of the best five levels, from the book after every update (features only).</summary>
    [Key(16)] public MultiLevelOfi Levels = new();

    [SerializationConstructor]
    public VenueMicroState()
    {
    }

    public VenueMicroState(Venue venue)
    {
        Venue = venue;
        Sync = new BookSynchronizer(venue);
    }

    /// <summary>
    /// Routes one event; O(1) amortised except the book update and the per-level reads of the same diff
    /// (O(levels in the diff · log depth)).
    /// </summary>
    public void Apply(MarketEvent e)
    {
        Events++;
        LastTsEvent = Math.Max(LastTsEvent, e.TsEvent);
        switch (e)
        {
            case DepthDiff diff:
                OnDiff(diff);
                break;
            case DepthSnapshot:
                var synced = Sync.Apply(e);
                if (synced == BookSyncResult.Synced)
                {
                    Persistence.Update(e.TsEvent, BookImbalance.Compute(Sync.Book, 5));
                    Levels.OnSync(e.TsEvent, Sync.Book);
                }
                else if (synced == BookSyncResult.Gap)
                {
                    Levels.Reset();
                }

                break;
            case BookTicker t:
                Ofi.Update(t.TsEvent, t.BidPrice, t.BidQty, t.AskPrice, t.AskQty);
                Qtr.OnQuote(t.TsEvent);
                break;
            case TradeTick trade:
                Trades++;
                Aggressor.Update(trade);
                Qtr.OnTrade(trade.TsEvent);
                Sizes.Update(trade);
                UpdateVpin(trade);
                if (Sync.IsValid) Iceberg.OnTrade(Sync.Book, trade);
                Spoofing.OnTrade(trade);
                break;
            case L3Order order:
                (L3 ??= new L3Spoofing()).Update(order);
                break;
            case BookInvalidated:
                Sync.Invalidate();
                Levels.Reset();
                break;
        }
    }

    private void UpdateVpin(TradeTick trade)
    {
        if (Vpin is not null)
        {
            Vpin.Update(trade);
            return;
        }

        if (VpinCalibrationStart == 0) VpinCalibrationStart = trade.TsEvent;
        if (trade.TsEvent - VpinCalibrationStart < MicroParameters.VpinCalibrationNanos)
        {
            VpinCalibrationVolume += trade.Qty;
            return;
        }

        var daily = Fixed.ToDouble(VpinCalibrationVolume) * (86_400_000_000_000.0 / MicroParameters.VpinCalibrationNanos);
        if (daily <= 0) return;
        Vpin = new Vpin(daily / MicroParameters.VpinBucketsPerDay);
        Vpin.Update(trade);
    }

    private void OnDiff(DepthDiff diff)
    {
        if (Sync.IsValid) Spoofing.BeforeDiff(Sync.Book, diff);
        var result = Sync.Apply(diff);
        if (result == BookSyncResult.Gap) Levels.Reset();
        if (result is not (BookSyncResult.Applied or BookSyncResult.Synced)) return;
        var book = Sync.Book;
        if (result == BookSyncResult.Applied)
        {
            Spoofing.AfterDiff(diff);
            Iceberg.OnDiff(book, diff);
            Levels.OnUpdate(diff.TsEvent, book);
        }
        else
        {
            Levels.OnSync(diff.TsEvent, book);
        }

        Persistence.Update(diff.TsEvent, BookImbalance.Compute(book, 5));
    }
}

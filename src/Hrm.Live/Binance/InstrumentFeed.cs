using Hrm.MarketData;
using Hrm.MarketData.Binance;
using Hrm.MarketData.Parsing;
using Hrm.Protocol.Market;
using Hrm.Signals.Book;

namespace Hrm.Live.Binance;

/// <summary>
/// One instrument's part of <see cref="BinanceFeedState"/>: its parser (the same one a capture reader uses), its book,
/// the snapshot it waits for, the last ids passed on (kept across reconnects) and a rotation's standby events.
/// </summary>
internal sealed class InstrumentFeed(Venue venue, string instrument, RejectCounts rejects)
{
    /// <summary>Standby events kept while a rotation's new connection has not taken over; the oldest go first.</summary>
    public const int MaxStandby = 100_000;

    public string Instrument { get; } = instrument;
    public string Capture { get; } = BinanceUrls.CapturePrefix(venue, instrument);
    public BinanceLineParser Parser { get; } = new(venue, Symbols.Canonical(instrument), rejects);
    public BookSynchronizer Sync { get; private set; } = new(venue);

    /// <summary>The snapshot request the book waits for; answers to any other are not applied.</summary>
    public long? PendingRequest { get; set; }

    public bool EverSynced { get; set; }
    /// <summary>The id of the last depth event passed on: a later snapshot must be newer (kept across reconnects).</summary>
    public long LastDepthId { get; set; } = long.MinValue;

    public long LastTradeId { get; set; } = long.MinValue;
    public long LastTickerId { get; set; } = long.MinValue;
    public long LastMarkTime { get; set; } = long.MinValue;
    public Queue<MarketEvent> Standby { get; } = new();

    /// <summary>A new connection: a new, empty book (the old one's chain does not continue on it).</summary>
    public void Restart()
    {
        Sync = new BookSynchronizer(venue);
        PendingRequest = null;
    }

    public void KeepStandby(MarketEvent e)
    {
        if (Standby.Count == MaxStandby) Standby.Dequeue();
        Standby.Enqueue(e);
    }
}

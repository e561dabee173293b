using Hrm.Protocol.Market;

namespace Hrm.Live;

/// <summary>
/// What a live connector emits, in the order it happened. <see cref="ReceiveNanos"/> is the local receive time (the
/// events' <c>TsInit</c>); nothing in signal code reads it.
/// </summary>
public abstract record LiveNotice(long ReceiveNanos);

/// <summary>
/// One message exactly as received: a websocket text frame, or a REST snapshot body. A recorder writes it as the capture
/// line <c>&lt;ReceiveNanos&gt; &lt;Text&gt;</c> into the files of <see cref="Capture"/> (the capture file prefix,
/// e.g. <c>spot_btcusdt</c>, <c>usdm_btcusdt</c>, <c>cm_btcusd_perp</c>). <see cref="Stream"/> names what it is:
/// the combined-stream name (<c>btcusdt@depth@100ms</c>), a Deribit channel, or <c>rest:depth</c>.
/// </summary>
public sealed record RawMessage(long ReceiveNanos, string Capture, string Stream, byte[] Text) : LiveNotice(ReceiveNanos);

/// <summary>
/// A normalised event passed on, exactly as the capture readers would emit it from the same message. Depth events are
/// passed on only while their book is in sync (the snapshot that synced it, then each diff applied to it); trades and
/// book tickers only once (a repeated id is dropped).
/// </summary>
public sealed record MarketUpdate(long ReceiveNanos, MarketEvent Event) : LiveNotice(ReceiveNanos);

/// <summary>A connection opened (and subscribed). <see cref="Connection"/> counts the connector's connections from 1.</summary>
public sealed record ConnectionOpened(long ReceiveNanos, Venue Venue, int Connection, string Url) : LiveNotice(ReceiveNanos);

/// <summary>
/// A connection ended: dropped, timed out (pong or no-data watchdog), rotated, or stopped. <see cref="Rotated"/> when
/// another connection carried the feed (a rotation's old connection after the new one took over in sync, or a rotation's
/// new one dropped before taking over), so nothing was missed.
/// </summary>
public sealed record ConnectionClosed(long ReceiveNanos, Venue Venue, int Connection, string Reason, bool Rotated = false)
    : LiveNotice(ReceiveNanos);

/// <summary>
/// A book's update chain broke: the last id applied (<see cref="LastId"/>) and the first id of the message that did
/// not continue it (<see cref="NextId"/>; Binance <c>U</c>/<c>pu</c>, Deribit <c>prev_change_id</c>). The book is out of
/// sync until the next <see cref="BookSynced"/>.
/// </summary>
public sealed record BookGap(long ReceiveNanos, Venue Venue, string Instrument, long LastId, long NextId) : LiveNotice(ReceiveNanos);

/// <summary>A book is in sync from a snapshot at <see cref="SnapshotId"/>; <see cref="Resync"/> after a gap or a reconnect.</summary>
public sealed record BookSynced(long ReceiveNanos, Venue Venue, string Instrument, long SnapshotId, bool Resync) : LiveNotice(ReceiveNanos);

/// <summary>The venue refused a request with 429 or 418; the connector waits <see cref="RetryAfter"/> before the next one.</summary>
public sealed record RateLimited(long ReceiveNanos, Venue Venue, int Status, TimeSpan RetryAfter) : LiveNotice(ReceiveNanos);

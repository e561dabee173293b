namespace Hrm.Live.Binance;

/// <summary>What the sockets and the REST client tell <see cref="BinanceFeedState"/>, in the order it happened.</summary>
public abstract record FeedInput(long ReceiveNanos);

/// <summary>Connection <paramref name="Connection"/> is open and subscribed (the streams are in its URL).</summary>
public sealed record ConnectionUp(long ReceiveNanos, int Connection, string Url) : FeedInput(ReceiveNanos);

/// <summary>One complete text frame.</summary>
public sealed record FrameReceived(long ReceiveNanos, int Connection, byte[] Text) : FeedInput(ReceiveNanos);

public sealed record ConnectionDown(long ReceiveNanos, int Connection, string Reason) : FeedInput(ReceiveNanos);

/// <summary>The body of the REST depth snapshot asked for by <see cref="FetchSnapshot"/> <paramref name="Request"/>.</summary>
public sealed record SnapshotReceived(long ReceiveNanos, long Request, string Instrument, byte[] Body) : FeedInput(ReceiveNanos);

/// <summary>A REST request was refused with 429/418; the client waits <paramref name="RetryAfter"/> before the next.</summary>
public sealed record RestRefused(long ReceiveNanos, int Status, TimeSpan RetryAfter) : FeedInput(ReceiveNanos);

/// <summary>What <see cref="BinanceFeedState"/> asks the socket and REST side to do.</summary>
public abstract record FeedCommand;

/// <summary>
/// Fetch a depth snapshot of <paramref name="Instrument"/> (retrying until one arrives) and answer with a
/// <see cref="SnapshotReceived"/> carrying <paramref name="Request"/>. <paramref name="Again"/>: the last one was
/// unusable (stale or malformed), so wait a little first rather than hammer a lagging REST cache.
/// </summary>
public sealed record FetchSnapshot(long Request, string Instrument, bool Again = false) : FeedCommand;

/// <summary>Close a connection: a rotation's new connection has taken over from it.</summary>
public sealed record CloseConnection(int Connection, string Reason) : FeedCommand;

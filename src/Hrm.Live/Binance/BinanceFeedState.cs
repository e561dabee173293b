using Hrm.MarketData.Parsing;
using Hrm.Protocol.Market;
using Hrm.Signals.Book;

namespace Hrm.Live.Binance;

/// <summary>
/// The sockets-free core of a Binance connector: frames, snapshots and connection events in, notices and requests
/// out. Keeps one <see cref="BookSynchronizer"/> per instrument (Binance's documented sync), passes a depth event on only
/// while its book is in sync (the snapshot that synced it, then exactly the diffs applied), and every trade, book
/// ticker and mark price once. A rotation's new connection (the standby) is held back until its depth stream reaches
/// back to every book's current id, then replayed through the same books, so the emitted chain continues unbroken.
/// </summary>
public sealed class BinanceFeedState
{
    private readonly Venue _venue;
    private readonly Dictionary<string, InstrumentFeed> _feeds = new(StringComparer.Ordinal);
    private readonly long _rotationTimeoutNanos;
    private int? _primary;
    private int? _standby;
    private long _standbySinceNanos;
    private long _lastRequest;
    private readonly HashSet<int> _rotatedOut = [];

    public BinanceFeedState(Venue venue, IEnumerable<string> instruments, TimeSpan rotationTimeout)
    {
        _venue = venue;
        _rotationTimeoutNanos = (long)rotationTimeout.TotalNanoseconds;
        foreach (var instrument in instruments) _feeds[instrument] = new InstrumentFeed(venue, instrument, Rejects);
    }

    public Venue Venue => _venue;

    /// <summary>Messages the parser rejected (all instruments).</summary>
    public RejectCounts Rejects { get; } = new();

    /// <summary>
    /// Snapshots fetched again because they were older than the first buffered diff, or not newer than the last depth
    /// event passed on (a lagging REST cache after a reconnect); neither is a gap.
    /// </summary>
    public long StaleSnapshots { get; private set; }

    /// <summary>The connection whose messages drive the books, if one is open.</summary>
    public int? Primary => _primary;

    public IReadOnlyCollection<string> Instruments => _feeds.Keys;

    /// <summary>The instrument's book: what the emitted depth events build (empty while out of sync).</summary>
    public OrderBook Book(string instrument) => _feeds[instrument].Sync.Book;

    public bool IsInSync(string instrument) => _feeds[instrument].Sync.IsValid;

    public void Handle(FeedInput input, FeedOutput output)
    {
        switch (input)
        {
            case FrameReceived frame:
                OnFrame(frame, output);
                break;
            case SnapshotReceived snapshot:
                OnSnapshot(snapshot, output);
                break;
            case ConnectionUp up:
                OnUp(up, output);
                break;
            case ConnectionDown down:
                OnDown(down, output);
                break;
            case RestRefused refused:
                output.Notices.Add(new RateLimited(refused.ReceiveNanos, _venue, refused.Status, refused.RetryAfter));
                break;
        }
    }

    private void OnUp(ConnectionUp up, FeedOutput output)
    {
        output.Notices.Add(new ConnectionOpened(up.ReceiveNanos, _venue, up.Connection, up.Url));
        if (_primary is null)
        {
            _primary = up.Connection;
            foreach (var feed in _feeds.Values) feed.Restart();
            return;
        }

        _standby = up.Connection;
        _standbySinceNanos = up.ReceiveNanos;
        foreach (var feed in _feeds.Values) feed.Standby.Clear();
    }

    private void OnDown(ConnectionDown down, FeedOutput output)
    {
        // A rotation's old connection, or a standby that never took over: the primary carried the feed, nothing was missed.
        var carried = _rotatedOut.Remove(down.Connection) || down.Connection == _standby;
        output.Notices.Add(new ConnectionClosed(down.ReceiveNanos, _venue, down.Connection, down.Reason, Rotated: carried));
        if (down.Connection == _standby)
        {
            _standby = null;
            foreach (var feed in _feeds.Values) feed.Standby.Clear();
        }
        else if (down.Connection == _primary)
        {
            _primary = null;
            foreach (var feed in _feeds.Values) feed.Restart();
            if (_standby is not null) TakeOver(output, keepBooks: false);
        }
    }

    private void OnFrame(FrameReceived frame, FeedOutput output)
    {
        var stream = CombinedStreamName.Read(frame.Text);
        var feed = stream is null ? null : _feeds.GetValueOrDefault(CombinedStreamName.Instrument(stream));
        output.Notices.Add(new RawMessage(frame.ReceiveNanos, feed?.Capture ?? "", stream ?? "", frame.Text));
        if (feed is null || (frame.Connection != _primary && frame.Connection != _standby)) return;

        var e = feed.Parser.Parse(frame.ReceiveNanos, frame.Text);
        if (e is null) return;
        if (frame.Connection == _primary) OnEvent(feed, e, output);
        else feed.KeepStandby(e);

        if (_standby is not null && e is DepthDiff && StandbyCanTakeOver(frame.ReceiveNanos)) TakeOver(output, keepBooks: true);
    }

    private void OnEvent(InstrumentFeed feed, MarketEvent e, FeedOutput output)
    {
        switch (e)
        {
            case DepthDiff diff:
                OnDiff(feed, diff, output);
                break;
            case TradeTick trade when trade.TradeId > feed.LastTradeId:
                feed.LastTradeId = trade.TradeId;
                Emit(e, output);
                break;
            case BookTicker ticker when ticker.UpdateId > feed.LastTickerId:
                feed.LastTickerId = ticker.UpdateId;
                Emit(e, output);
                break;
            case MarkPriceUpdate mark when mark.TsEvent > feed.LastMarkTime:
                feed.LastMarkTime = mark.TsEvent;
                Emit(e, output);
                break;
        }
    }

    private void OnDiff(InstrumentFeed feed, DepthDiff diff, FeedOutput output)
    {
        var lastId = feed.Sync.LastUpdateId;
        switch (feed.Sync.Apply(diff))
        {
            case BookSyncResult.Applied:
                EmitDepth(feed, diff, diff.FinalUpdateId, output);
                break;
            case BookSyncResult.Buffered when feed.PendingRequest is null:
                RequestSnapshot(feed, output);
                break;
            case BookSyncResult.Gap:
                output.Notices.Add(new BookGap(diff.TsInit, _venue, feed.Instrument, lastId, ChainId(diff)));
                RequestSnapshot(feed, output);
                break;
        }
    }

    private void OnSnapshot(SnapshotReceived received, FeedOutput output)
    {
        if (!_feeds.TryGetValue(received.Instrument, out var feed)) return;
        output.Notices.Add(new RawMessage(received.ReceiveNanos, feed.Capture, "rest:depth", received.Body));
        var parsed = feed.Parser.Parse(received.ReceiveNanos, received.Body);
        if (received.Request != feed.PendingRequest) return;

        feed.PendingRequest = null;
        if (parsed is not DepthSnapshot snapshot)
        {
            RequestSnapshot(feed, output, again: true);
            return;
        }

        if (feed.Sync.PredatesBuffer(snapshot) || snapshot.LastUpdateId <= feed.LastDepthId)
        {
            StaleSnapshots++;
            RequestSnapshot(feed, output, again: true);
            return;
        }

        var lastId = snapshot.LastUpdateId;
        switch (feed.Sync.Apply(snapshot))
        {
            case BookSyncResult.Synced:
                output.Notices.Add(new BookSynced(received.ReceiveNanos, _venue, feed.Instrument, snapshot.LastUpdateId,
                    feed.EverSynced));
                feed.EverSynced = true;
                EmitDepth(feed, snapshot, snapshot.LastUpdateId, output);
                foreach (var diff in feed.Sync.Replayed) EmitDepth(feed, diff, diff.FinalUpdateId, output);
                break;
            case BookSyncResult.Gap:
                var next = feed.Sync.FirstBuffered is { } breaking ? ChainId(breaking) : lastId;
                output.Notices.Add(new BookGap(received.ReceiveNanos, _venue, feed.Instrument, feed.Sync.LastUpdateId, next));
                RequestSnapshot(feed, output);
                break;
        }
    }

    /// <summary>
    /// The standby takes over once, for every book in sync, its first diff reaches back to the book's id (so replaying
    /// it continues the chain), or when the rotation timeout has passed (a book it does not reach then resyncs).
    /// </summary>
    private bool StandbyCanTakeOver(long nowNanos) =>
        nowNanos - _standbySinceNanos >= _rotationTimeoutNanos || _feeds.Values.All(ReachesBack);

    private bool ReachesBack(InstrumentFeed feed)
    {
        if (!feed.Sync.IsValid) return true;
        var first = feed.Standby.OfType<DepthDiff>().FirstOrDefault();
        if (first is null) return false;
        var last = feed.Sync.LastUpdateId;
        return _venue.IsFutures() ? first.PrevFinalUpdateId <= last : first.FirstUpdateId <= last + 1;
    }

    /// <summary>
    /// The standby becomes the primary: its held events go through the books as if they had just arrived (what was
    /// already passed on is dropped by id). <paramref name="keepBooks"/>: a rotation, the old connection is closed.
    /// </summary>
    private void TakeOver(FeedOutput output, bool keepBooks)
    {
        if (keepBooks && _primary is int old)
        {
            _rotatedOut.Add(old);
            output.Commands.Add(new CloseConnection(old, "rotated"));
        }
        _primary = _standby;
        _standby = null;
        foreach (var feed in _feeds.Values)
        {
            if (!feed.Sync.IsValid) feed.Restart();
            while (feed.Standby.TryDequeue(out var e)) OnEvent(feed, e, output);
        }
    }

    private void RequestSnapshot(InstrumentFeed feed, FeedOutput output, bool again = false)
    {
        feed.PendingRequest = ++_lastRequest;
        output.Commands.Add(new FetchSnapshot(_lastRequest, feed.Instrument, again));
    }

    /// <summary>The id by which a diff claims to continue the chain: futures <c>pu</c>, spot <c>U</c>.</summary>
    private long ChainId(DepthDiff diff) => _venue.IsFutures() ? diff.PrevFinalUpdateId : diff.FirstUpdateId;

    private static void EmitDepth(InstrumentFeed feed, MarketEvent e, long id, FeedOutput output)
    {
        feed.LastDepthId = id;
        Emit(e, output);
    }

    private static void Emit(MarketEvent e, FeedOutput output) => output.Notices.Add(new MarketUpdate(e.TsInit, e));
}

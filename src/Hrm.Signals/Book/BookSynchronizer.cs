using Hrm.Protocol.Market;
using MessagePack;

namespace Hrm.Signals.Book;

/// <summary>
/// Binance's documented order-book sync for one (venue, instrument): buffer diffs until a REST snapshot arrives,
/// drop the stale ones, bridge the snapshot with the first diff, then require an unbroken id chain (spot: <c>U</c> =
/// previous <c>u</c> + 1; futures: <c>pu</c> = previous <c>u</c>). A break clears the book and invalidates it until the
/// next snapshot: nothing may trade on a broken book.
/// </summary>
[MessagePackObject]
public sealed class BookSynchronizer
{
    public const int MaxBuffered = 10_000;

    [Key(0)] private Venue _venue;
    [Key(1)] private OrderBook _book = new();
    [Key(2)] private Queue<DepthDiff> _buffer = new();
    [Key(3)] private bool _hasSnapshot;
    [Key(4)] private bool _bridged;
    [Key(5)] private bool _resyncPending;
    [Key(6)] private long _lastUpdateId;
    [Key(7)] private long _gaps;
    [Key(8)] private long _droppedStale;
    [Key(9)] private long _resyncs;
    [Key(10)] private long _bufferOverflows;

    [SerializationConstructor]
    public BookSynchronizer()
    {
    }

    public BookSynchronizer(Venue venue) => _venue = venue;

    [IgnoreMember] public Venue Venue => _venue;
    [IgnoreMember] public OrderBook Book => _book;

    /// <summary>True while the book mirrors the exchange: a snapshot was loaded and no gap followed it.</summary>
    [IgnoreMember] public bool IsValid => _hasSnapshot;

    /// <summary>The id the book is current to: the snapshot's <c>lastUpdateId</c>, then each applied diff's <c>u</c>.</summary>
    [IgnoreMember] public long LastUpdateId => _lastUpdateId;

    [IgnoreMember] public long Gaps => _gaps;
    [IgnoreMember] public long DroppedStale => _droppedStale;

    /// <summary>Snapshots that restored the book after a gap.</summary>
    [IgnoreMember] public long Resyncs => _resyncs;

    /// <summary>Buffered diffs discarded (oldest first) because the buffer was full.</summary>
    [IgnoreMember] public long BufferOverflows => _bufferOverflows;

    [IgnoreMember] public int Buffered => _buffer.Count;

    /// <summary>The oldest diff waiting for a snapshot; after a gap, the diff that broke the chain.</summary>
    [IgnoreMember] public DepthDiff? FirstBuffered => _buffer.Count > 0 ? _buffer.Peek() : null;

    /// <summary>The buffered diffs the latest snapshot applied to the book, in order (what a feed passes on after it).</summary>
    [IgnoreMember] public IReadOnlyList<DepthDiff> Replayed => _replayed;

    [IgnoreMember] private readonly List<DepthDiff> _replayed = [];

    /// <summary>
    /// True when <paramref name="snapshot"/> is older than every buffered diff, so no diff can bridge it: fetch a newer
    /// one instead of applying it (applying it would be a gap).
    /// </summary>
    public bool PredatesBuffer(DepthSnapshot snapshot) =>
        !_hasSnapshot && FirstBuffered is { } first && !Bridges(first, snapshot.LastUpdateId, _venue.IsFutures());

    public BookSyncResult Apply(MarketEvent e) => e switch
    {
        DepthSnapshot snapshot => OnSnapshot(snapshot),
        DepthDiff diff => OnDiff(diff),
        _ => BookSyncResult.Ignored,
    };

    private BookSyncResult OnSnapshot(DepthSnapshot snapshot)
    {
        if (_hasSnapshot && snapshot.LastUpdateId <= _lastUpdateId) return BookSyncResult.Dropped;

        _book.Load(snapshot.Bids, snapshot.Asks);
        _lastUpdateId = snapshot.LastUpdateId;
        _hasSnapshot = true;
        _bridged = false;
        var pending = _buffer.ToArray();
        _buffer.Clear();
        _replayed.Clear();
        foreach (var diff in pending)
        {
            if (OnDiff(diff) == BookSyncResult.Applied) _replayed.Add(diff);
        }

        if (!_hasSnapshot) return BookSyncResult.Gap;

        if (_resyncPending)
        {
            _resyncs++;
            _resyncPending = false;
        }

        return BookSyncResult.Synced;
    }

    private BookSyncResult OnDiff(DepthDiff diff)
    {
        if (!_hasSnapshot)
        {
            if (_buffer.Count == MaxBuffered)
            {
                _buffer.Dequeue();
                _bufferOverflows++;
            }

            _buffer.Enqueue(diff);
            return BookSyncResult.Buffered;
        }

        var futures = _venue.IsFutures();
        if (IsStale(diff, futures))
        {
            _droppedStale++;
            return BookSyncResult.Dropped;
        }

        if (!Continues(diff, futures))
        {
            OnGap(diff);
            return BookSyncResult.Gap;
        }

        _book.ApplyDiff(diff.Bids, diff.Asks);
        _lastUpdateId = diff.FinalUpdateId;
        _bridged = true;
        return BookSyncResult.Applied;
    }

    /// <summary>
    /// Before the bridge: spot drops <c>u</c> ≤ lastUpdateId, futures <c>u</c> &lt; lastUpdateId (the futures bridge
    /// may end exactly at the snapshot id). After it, a diff ending at or before the book's id is a duplicate.
    /// </summary>
    private bool IsStale(DepthDiff diff, bool futures) =>
        _bridged || !futures
            ? diff.FinalUpdateId <= _lastUpdateId
            : diff.FinalUpdateId < _lastUpdateId;

    private bool Continues(DepthDiff diff, bool futures)
    {
        if (!_bridged) return Bridges(diff, _lastUpdateId, futures);

        return futures
            ? diff.PrevFinalUpdateId == _lastUpdateId
            : diff.FirstUpdateId == _lastUpdateId + 1;
    }

    private static bool Bridges(DepthDiff diff, long snapshotId, bool futures) =>
        futures ? diff.FirstUpdateId <= snapshotId : diff.FirstUpdateId <= snapshotId + 1;

    /// <summary>Invalidates and clears the book; the breaking diff is kept for the next snapshot's replay.</summary>
    private void OnGap(DepthDiff diff)
    {
        Invalidate();
        _buffer.Enqueue(diff);
    }

    /// <summary>
    /// The feed lost the book (a live connection's gap or reconnect, seen by the feed rather than in the diffs): counted as
    /// a gap, the book cleared and invalid until the next snapshot.
    /// </summary>
    public void Invalidate()
    {
        _gaps++;
        _hasSnapshot = false;
        _bridged = false;
        _resyncPending = true;
        _book.Clear();
        _buffer.Clear();
    }
}

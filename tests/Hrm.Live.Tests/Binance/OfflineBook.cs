using Hrm.MarketData.Binance;
using Hrm.MarketData.Parsing;
using Hrm.Protocol.Market;
using Hrm.Signals.Book;

namespace Hrm.Live.Tests.Binance;

/// <summary>
/// The oracle: a capture read by <see cref="BinanceCaptureReader"/> and synced by <see cref="BookSynchronizer"/> offline,
/// as replay does it. <see cref="Applied"/> lists the depth events that moved the book (the snapshot that synced it,
/// the diffs it replayed, then each applied diff); <see cref="HashAt"/> the book after each update id.
/// </summary>
public sealed class OfflineBook
{
    private OfflineBook(List<string> applied, Dictionary<long, long> hashAt, List<long> tradeIds)
    {
        Applied = applied;
        HashAt = hashAt;
        TradeIds = tradeIds;
    }

    public IReadOnlyList<string> Applied { get; }
    public IReadOnlyDictionary<long, long> HashAt { get; }
    public IReadOnlyList<long> TradeIds { get; }

    private static readonly Dictionary<string, OfflineBook> Built = [];

    public static OfflineBook Of(RecordedCapture capture)
    {
        lock (Built)
        {
            if (Built.TryGetValue(capture.Prefix, out var built)) return built;
            var applied = new List<string>();
            var hashAt = new Dictionary<long, long>();
            var trades = new List<long>();
            var sync = new BookSynchronizer(capture.Venue);
            foreach (var e in new BinanceCaptureReader(capture.Capture))
            {
                if (e is TradeTick trade) trades.Add(trade.TradeId);
                var result = sync.Apply(e);
                if (result == BookSyncResult.Synced && e is DepthSnapshot snapshot)
                {
                    applied.Add(BookState.Key(e));
                    applied.AddRange(sync.Replayed.Select(BookState.Key));
                    RecordReplay(snapshot, sync.Replayed, hashAt);
                }
                else if (result == BookSyncResult.Applied)
                {
                    applied.Add(BookState.Key(e));
                    hashAt[sync.LastUpdateId] = BookState.Hash(sync.Book);
                }
            }

            return Built[capture.Prefix] = new OfflineBook(applied, hashAt, trades);
        }
    }

    /// <summary>The book after the snapshot alone and after each diff it replayed, rebuilt step by step.</summary>
    private static void RecordReplay(DepthSnapshot snapshot, IReadOnlyList<DepthDiff> replayed, Dictionary<long, long> hashAt)
    {
        var book = new OrderBook();
        book.Load(snapshot.Bids, snapshot.Asks);
        hashAt[snapshot.LastUpdateId] = BookState.Hash(book);
        foreach (var diff in replayed)
        {
            book.ApplyDiff(diff.Bids, diff.Asks);
            hashAt[diff.FinalUpdateId] = BookState.Hash(book);
        }
    }

    /// <summary>
    /// A snapshot derived from the recording: the offline book after its first <paramref name="lines"/> lines, as the
    /// REST body the venue would have sent at that moment (its id: the last update id applied).
    /// </summary>
    public static byte[] SnapshotAfter(RecordedCapture capture, int lines)
    {
        var parser = new BinanceLineParser(capture.Venue, "X", new RejectCounts());
        var sync = new BookSynchronizer(capture.Venue);
        foreach (var line in capture.Lines.Take(lines))
        {
            if (parser.Parse(line.Nanos, line.Json) is { } e) sync.Apply(e);
        }

        Assert.True(sync.IsValid);
        return BookState.SnapshotJson(sync.Book, sync.LastUpdateId);
    }
}

using Akka.Actor;
using Hrm.Protocol.Commands;
using Hrm.Protocol.Market;

namespace Hrm.Actors.Feed;

/// <summary>
/// Feeds recorded events to the symbol entities in batches. Each symbol's stream is numbered from 0; the driver
/// first asks every entity where it stands and skips what it has applied, so an interrupted replay resumes over
/// the same journal and ends with the same signals. Batches are acknowledged after their signals are journaled;
/// a bounded number per symbol is in flight (back-pressure).
/// </summary>
public sealed class ReplayDriver(IActorRef symbols, int batchSize = 4096, int maxInFlightPerSymbol = 4)
{
    private static readonly TimeSpan AckTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Replays <paramref name="events"/> (event-time ordered) for <paramref name="symbolSet"/>; returns events sent.</summary>
    public async Task<long> RunAsync(
        IEnumerable<MarketEvent> events,
        IReadOnlyCollection<string> symbolSet,
        IProgress<long>? progress = null,
        bool endFeeds = true,
        CancellationToken cancellation = default)
    {
        var feeds = new Dictionary<string, SymbolFeed>(StringComparer.Ordinal);
        foreach (var symbol in symbolSet.Order(StringComparer.Ordinal))
        {
            var ack = await symbols.Ask<FeedAck>(new GetFeedOffset(symbol), AckTimeout, cancellation);
            feeds[symbol] = new SymbolFeed(new FeedCursor(symbol, ack.NextOffset));
        }

        long sent = 0;
        foreach (var marketEvent in events)
        {
            if (!feeds.TryGetValue(marketEvent.Symbol, out var feed) || !feed.Cursor.Accept(marketEvent))
            {
                continue;
            }

            if (feed.Cursor.Pending >= batchSize)
            {
                sent += await SendAsync(feed, cancellation);
                progress?.Report(sent);
            }
        }

        foreach (var feed in feeds.Values)
        {
            sent += await SendAsync(feed, cancellation);
            await feed.DrainAsync(0);
            if (endFeeds)
            {
                var end = feed.Cursor.End();
                FeedCursor.Verify(await symbols.Ask<FeedAck>(end, AckTimeout, cancellation), end.Offset);
            }
        }

        progress?.Report(sent);
        return sent;
    }

    private async Task<int> SendAsync(SymbolFeed feed, CancellationToken cancellation)
    {
        if (feed.Cursor.TakeBatch() is not { } batch)
        {
            return 0;
        }

        feed.InFlight.Enqueue((batch.Offset + batch.Events.Length, symbols.Ask<FeedAck>(batch, AckTimeout, cancellation)));
        await feed.DrainAsync(maxInFlightPerSymbol);
        return batch.Events.Length;
    }

    private sealed class SymbolFeed(FeedCursor cursor)
    {
        public FeedCursor Cursor { get; } = cursor;
        public Queue<(long Expected, Task<FeedAck> Ack)> InFlight { get; } = new();

        public async Task DrainAsync(int keep)
        {
            while (InFlight.Count > keep)
            {
                var (expected, ack) = InFlight.Dequeue();
                FeedCursor.Verify(await ack, expected);
            }
        }
    }
}

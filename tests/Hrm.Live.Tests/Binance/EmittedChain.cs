using Hrm.Protocol.Market;
using Hrm.Signals.Book;

namespace Hrm.Live.Tests.Binance;

/// <summary>
/// A downstream consumer of a connector's notices: each emitted depth event must continue its book (a snapshot loads
/// it, each diff applies), the book must never be crossed, and it records the book after every update for comparison
/// with the offline book. A gap or a lost connection (not a rotation) starts it afresh.
/// </summary>
public sealed class EmittedChain(Venue venue)
{
    private BookSynchronizer _book = new(venue);

    public OrderBook Book => _book.Book;

    /// <summary>For each emitted depth update: the book's id and hash right after it.</summary>
    public List<(long Id, long Hash)> BookAfterUpdate { get; } = [];

    /// <returns>True if the notice moved the book.</returns>
    public bool Observe(LiveNotice notice)
    {
        switch (notice)
        {
            case BookGap:
            case ConnectionClosed { Rotated: false }:
                _book = new BookSynchronizer(venue);
                return false;
            case MarketUpdate { Event: DepthSnapshot or DepthDiff } update:
                var result = _book.Apply(update.Event);
                Assert.True(result is BookSyncResult.Synced or BookSyncResult.Applied,
                    $"emitted {BookState.Key(update.Event)[..40]} does not continue the chain: {result}");
                Assert.False(_book.Book.IsCrossed);
                BookAfterUpdate.Add((_book.LastUpdateId, BookState.Hash(_book.Book)));
                return true;
            default:
                return false;
        }
    }

    /// <summary>Every emitted update's book equals the offline book at the same id.</summary>
    public void AssertMatches(OfflineBook offline)
    {
        Assert.NotEmpty(BookAfterUpdate);
        foreach (var (id, hash) in BookAfterUpdate)
        {
            Assert.True(offline.HashAt.TryGetValue(id, out var expected), $"id {id} never applied offline");
            Assert.Equal(expected, hash);
        }
    }
}

using Hrm.Actors.Feed;
using Hrm.Protocol.Commands;
using static Hrm.Testing.SyntheticTrades;

namespace Hrm.Actors.Tests.Feed;

/// <summary>
/// The one numbering and batching of every feed: events numbered from 0, those before the resume offset skipped,
/// batches stamped with their first offset, the end at the total, and an entity that acknowledges another offset is
/// an error naming both (synthetic trades: numbering only).
/// </summary>
public sealed class FeedCursorTests
{
    [Fact]
    public void Events_before_the_resume_offset_are_skipped_and_batches_carry_their_first_offset()
    {
        var cursor = new FeedCursor("BTCUSDT", resumeAt: 2);

        Assert.False(cursor.Accept(At(T0)));
        Assert.False(cursor.Accept(At(T0 + 1)));
        Assert.Null(cursor.TakeBatch());
        Assert.True(cursor.Accept(At(T0 + 2)));
        Assert.True(cursor.Accept(At(T0 + 3)));
        Assert.Equal(2, cursor.Pending);

        var batch = cursor.TakeBatch()!;
        Assert.Equal(("BTCUSDT", 2L, 2), (batch.Symbol, batch.Offset, batch.Events.Length));
        Assert.Equal(0, cursor.Pending);
        Assert.Equal(new FeedEnd("BTCUSDT", 4), cursor.End());
    }

    [Fact]
    public void An_acknowledgement_at_another_offset_is_an_error_naming_both()
    {
        FeedCursor.Verify(new FeedAck("BTCUSDT", 7), 7);

        var error = Assert.Throws<InvalidOperationException>(() => FeedCursor.Verify(new FeedAck("BTCUSDT", 5), 7));

        Assert.Equal("BTCUSDT: the entity acknowledged offset 5, the feed expected 7.", error.Message);
    }
}

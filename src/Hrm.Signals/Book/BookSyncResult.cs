namespace Hrm.Signals.Book;

/// <summary>What <see cref="BookSynchronizer.Apply"/> did with one event.</summary>
public enum BookSyncResult
{
    /// <summary>Not a depth event.</summary>
    Ignored,

    /// <summary>Diff kept until a snapshot arrives.</summary>
    Buffered,

    /// <summary>Diff applied to a valid book.</summary>
    Applied,

    /// <summary>Diff older than the book (stale), or snapshot older than the live book: skipped.</summary>
    Dropped,

    /// <summary>Sequence break: the book was cleared and is invalid until the next snapshot.</summary>
    Gap,

    /// <summary>Snapshot loaded and buffered diffs replayed; the book is valid.</summary>
    Synced,
}

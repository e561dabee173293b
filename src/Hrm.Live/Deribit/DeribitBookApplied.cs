using Hrm.MarketData.Deribit;

namespace Hrm.Live.Deribit;

/// <summary>
/// A book message applied to an in-sync book (its snapshot, then each change continuing the chain); nothing of a book
/// is passed on while it is out of sync. Deribit books have no <c>MarketEvent</c> type: this is the book's feed.
/// </summary>
public sealed record DeribitBookApplied(long ReceiveNanos, DeribitBookUpdate Update) : LiveNotice(ReceiveNanos);

namespace Hrm.MarketData.Deribit;

/// <summary>What one level line of a <c>book.*.raw</c> message does: <c>["new"|"change"|"delete", price, amount]</c>.</summary>
public enum DeribitLevelAction
{
    New,
    Change,
    Delete,
}

/// <summary>One level line of a book message; price in the instrument's quote (BTC for BTC options), amount in contracts.</summary>
public readonly record struct DeribitLevel(DeribitLevelAction Action, double Price, double Amount);

/// <summary>
/// One <c>book.{instrument}.raw</c> message: a snapshot (<see cref="PrevChangeId"/> null) or a change that continues the
/// chain when its <see cref="PrevChangeId"/> equals the last applied <see cref="ChangeId"/>.
/// <see cref="TimestampNanos"/> is Deribit's <c>timestamp</c>.
/// </summary>
public sealed record DeribitBookUpdate(
    string Instrument, long TimestampNanos, long ChangeId, long? PrevChangeId, DeribitLevel[] Bids, DeribitLevel[] Asks)
{
    public bool IsSnapshot => PrevChangeId is null;
}

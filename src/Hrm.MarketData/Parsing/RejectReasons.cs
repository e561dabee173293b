namespace Hrm.MarketData.Parsing;

/// <summary>The reason strings readers count in <see cref="RejectCounts"/>.</summary>
public static class RejectReasons
{
    public const string MalformedLine = "malformed-line";
    public const string MalformedJson = "malformed-json";
    public const string BadTimestamp = "bad-timestamp";
    public const string BadNumber = "bad-number";
    public const string NonFiniteNumber = "non-finite-number";
    public const string NegativePrice = "negative-price";
    public const string NegativeQty = "negative-qty";
    public const string MissingField = "missing-field";
    public const string UnknownStream = "unknown-stream";
    public const string UnknownMessage = "unknown-message";
    public const string OversizedLine = "oversized-line";
    public const string UnreadableFile = "unreadable-file";
    public const string MalformedRow = "malformed-row";

    /// <summary>A message without exchange time before any that had one: it cannot be placed on the exchange clock.</summary>
    public const string NoExchangeTime = "no-exchange-time";
}

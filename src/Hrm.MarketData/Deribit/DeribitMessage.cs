using Hrm.Protocol.Market;

namespace Hrm.MarketData.Deribit;

/// <summary>A server message of Deribit's JSON-RPC websocket API, as far as the connector and the capture reader need it.</summary>
public abstract record DeribitMessage;

/// <summary>A <c>book.{instrument}.raw</c> notification.</summary>
public sealed record DeribitBookMessage(string Channel, DeribitBookUpdate Update) : DeribitMessage;

/// <summary>A <c>ticker.{option}.raw</c> notification, normalised.</summary>
public sealed record DeribitTickerMessage(string Channel, OptionQuote Quote) : DeribitMessage;

/// <summary>Any other notification (trades, tickers of futures): kept raw only.</summary>
public sealed record DeribitChannelMessage(string Channel) : DeribitMessage;

/// <summary>A <c>heartbeat</c>; a <see cref="TestRequest"/> must be answered with <c>public/test</c>.</summary>
public sealed record DeribitHeartbeat(bool TestRequest) : DeribitMessage;

/// <summary>The answer to a request: <see cref="Error"/> is the error's message, null on success.</summary>
public sealed record DeribitResponse(long? Id, string? Error) : DeribitMessage;

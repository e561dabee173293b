namespace Hrm.Protocol.Api;

/// <summary>
/// An API error as the node writes it: an RFC 7807 problem (<c>application/problem+json</c>) whose <see cref="Detail"/>
/// says what happened and what to do, with the machine-readable <see cref="Code"/> (one of <see cref="ApiErrors"/>)
/// as an extension member.
/// </summary>
public sealed record ApiProblem(string? Type, string? Title, int? Status, string? Detail, string? Code);

/// <summary>The <see cref="ApiProblem.Code"/>s (docs/API.md, "Errors").</summary>
public static class ApiErrors
{
    /// <summary>The name of the extension member that carries the code.</summary>
    public const string CodeMember = "code";

    public const string MalformedBody = "malformed_body";
    public const string BadSymbol = "bad_symbol";
    public const string BadFeed = "bad_feed";
    public const string BadLast = "bad_last";
    public const string Unauthorized = "unauthorized";
    public const string UnknownSymbol = "unknown_symbol";
    public const string UnknownBacktest = "unknown_backtest";
    public const string Duplicate = "duplicate";
    public const string Internal = "internal";
    public const string NotReady = "not_ready";
    public const string Timeout = "timeout";
}

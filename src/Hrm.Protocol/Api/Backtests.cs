using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Hrm.Protocol.Api;

/// <summary>The body of <c>POST /backtests</c>; only <see cref="Data"/> is required, the rest is left out when null.</summary>
public sealed record BacktestRequest(
    string? Data,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? History = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string[]? Symbols = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? WarmupDays = null);

/// <summary>The answer to <c>POST /backtests</c>.</summary>
public sealed record BacktestAccepted(string Id, string Status);

/// <summary>
/// <c>GET /backtests/{id}</c>: <see cref="Status"/> is <see cref="Running"/>, <see cref="Completed"/> (with
/// <see cref="Summary"/>, the run's summary.json as written) or <see cref="Failed"/> (with <see cref="Error"/>).
/// </summary>
public sealed record BacktestView(string Id, string Status, JsonObject? Summary, string? Error, string Output)
{
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
}

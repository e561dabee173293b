using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hrm.Protocol;

/// <summary>
/// The JSON every HRM surface writes: <see cref="Files"/> for what a run writes and the CLI prints (snake_case like the
/// CSV and Parquet columns, indented, nothing left out), <see cref="Web"/> for the node's HTTP API (ASP.NET Core's
/// camelCase defaults, which its clients expect).
/// </summary>
public static class HrmJson
{
    public static readonly JsonSerializerOptions Files = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hrm.Actors.Backtest;

/// <summary>
/// The run's <c>summary.json</c>. <see cref="ElapsedSeconds"/> covers the whole run (cluster start, replay, output);
/// <see cref="EventsPerSecond"/> is events replayed over <see cref="ReplaySeconds"/>, the replay alone.
/// </summary>
public sealed record BacktestSummary(
    string Data,
    IReadOnlyList<string> Symbols,
    IReadOnlyList<string> Sources,
    SortedDictionary<string, long> EventsRead,
    SortedDictionary<string, long> EventsRejected,
    SortedDictionary<string, long> Signals,
    long EventsReplayed,
    double ElapsedSeconds,
    double ReplaySeconds,
    double EventsPerSecond,
    bool Completed)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}

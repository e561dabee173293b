using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hrm.Backtesting;

/// <summary>
/// The run's <c>summary.json</c>. <see cref="ElapsedSeconds"/> covers the whole run (cluster start, replay, output);
/// <see cref="EventsPerSecond"/> is events replayed over <see cref="ReplaySeconds"/>, the replay alone.
/// <see cref="WarmupSignalsExcluded"/> counts journaled signals stamped during the history warm-up, left out of the
/// signal files and <see cref="Signals"/>. <see cref="NotScored"/> says why a completed capture backtest wrote no
/// metrics.json (absent from the JSON when it did, or when the run was stopped or resumed).
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
    bool Completed,
    long WarmupSignalsExcluded = 0,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NotScored = null)
{
    public string ToJson() => JsonSerializer.Serialize(this, Protocol.HrmJson.Files);
}

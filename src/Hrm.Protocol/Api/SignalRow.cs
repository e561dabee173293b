using System.Reflection;
using System.Text.Json.Serialization;
using Hrm.Protocol.Layers;

namespace Hrm.Protocol.Api;

/// <summary>
/// One <see cref="AlphaSignal"/> as a row: the one schema of <c>signals.csv</c>, <c>signals.parquet</c>, the API's
/// signals and what the CLI prints. The columns are the properties in declaration order, named by
/// <see cref="JsonPropertyNameAttribute"/> (Parquet.Net and System.Text.Json both read it); the lists
/// (<c>micro_drivers</c>, <c>rules</c>) are <c>;</c>-joined so every format holds plain columns.
/// </summary>
public sealed record SignalRow
{
    [JsonPropertyName("symbol")] public string Symbol { get; init; } = "";
    [JsonPropertyName("sequence")] public long Sequence { get; init; }
    [JsonPropertyName("ts_event")] public long TsEvent { get; init; }
    [JsonPropertyName("time_utc")] public string TimeUtc { get; init; } = "";
    [JsonPropertyName("direction")] public long Direction { get; init; }
    [JsonPropertyName("confidence")] public double Confidence { get; init; }
    [JsonPropertyName("size")] public double Size { get; init; }
    [JsonPropertyName("holding_period_s")] public long HoldingPeriodSeconds { get; init; }
    [JsonPropertyName("stop_loss")] public double StopLoss { get; init; }
    [JsonPropertyName("take_profit")] public double TakeProfit { get; init; }
    [JsonPropertyName("reference_price")] public double ReferencePrice { get; init; }
    [JsonPropertyName("regime")] public string Regime { get; init; } = "";
    [JsonPropertyName("pattern")] public string Pattern { get; init; } = "";
    [JsonPropertyName("micro_drivers")] public string MicroDrivers { get; init; } = "";
    [JsonPropertyName("rules")] public string Rules { get; init; } = "";

    /// <summary>The columns in order (declaration order: reflection alone does not promise it, metadata tokens do).</summary>
    public static IReadOnlyList<PropertyInfo> Columns { get; } =
        [.. typeof(SignalRow).GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.MetadataToken)];

    /// <summary>The column names, e.g. <c>symbol,sequence,...</c> for a CSV header.</summary>
    public static IReadOnlyList<string> ColumnNames { get; } =
        [.. Columns.Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()!.Name)];

    public static SignalRow From(AlphaSignal s) => new()
    {
        Symbol = s.Symbol,
        Sequence = s.Sequence,
        TsEvent = s.TsEvent,
        TimeUtc = EventTime.IsoUtc(s.TsEvent),
        Direction = s.Direction,
        Confidence = s.Confidence,
        Size = s.Size,
        HoldingPeriodSeconds = s.HoldingPeriodSeconds,
        StopLoss = s.StopLoss,
        TakeProfit = s.TakeProfit,
        ReferencePrice = s.ReferencePrice,
        Regime = s.Regime,
        Pattern = s.Pattern,
        MicroDrivers = string.Join(';', s.MicroDrivers),
        Rules = string.Join(';', s.Rules),
    };
}

using System.Text.Json.Serialization;
using Hrm.Protocol.Layers;
using Parquet.Serialization;

namespace Hrm.Actors.Backtest;

/// <summary>
/// Writes signals as <c>signals.parquet</c>: the rows and columns of <c>signals.csv</c>, typed. Text columns are
/// strings, <c>sequence</c>, <c>ts_event</c> (Unix ns), <c>direction</c> and <c>holding_period_s</c> are int64, the
/// prices, confidence and size are doubles. <c>time_utc</c> stays the CSV's ISO-8601 text (convert
/// <c>ts_event</c> for a timestamp), and <c>micro_drivers</c> and <c>rules</c> stay <c>;</c>-joined strings: plain
/// columns every reader (pandas, polars, DuckDB) loads the same way, with no nested types to unwrap.
/// </summary>
public static class SignalParquet
{
    public static async Task WriteAsync(string path, IEnumerable<AlphaSignal> signals)
    {
        await using var file = File.Create(path);
        await ParquetSerializer.SerializeAsync(signals.Select(SignalRow.From).ToList(), file);
    }

    public static async Task<IList<SignalRow>> ReadAsync(string path)
    {
        await using var file = File.OpenRead(path);
        return (await ParquetSerializer.DeserializeAsync<SignalRow>(file)).Data;
    }
}

/// <summary>One row of <c>signals.parquet</c>; the column names are those of <c>signals.csv</c>.</summary>
public sealed class SignalRow
{
    [JsonPropertyName("symbol")] public string Symbol { get; set; } = "";
    [JsonPropertyName("sequence")] public long Sequence { get; set; }
    [JsonPropertyName("ts_event")] public long TsEvent { get; set; }
    [JsonPropertyName("time_utc")] public string TimeUtc { get; set; } = "";
    [JsonPropertyName("direction")] public long Direction { get; set; }
    [JsonPropertyName("confidence")] public double Confidence { get; set; }
    [JsonPropertyName("size")] public double Size { get; set; }
    [JsonPropertyName("holding_period_s")] public long HoldingPeriodSeconds { get; set; }
    [JsonPropertyName("stop_loss")] public double StopLoss { get; set; }
    [JsonPropertyName("take_profit")] public double TakeProfit { get; set; }
    [JsonPropertyName("reference_price")] public double ReferencePrice { get; set; }
    [JsonPropertyName("regime")] public string Regime { get; set; } = "";
    [JsonPropertyName("pattern")] public string Pattern { get; set; } = "";
    [JsonPropertyName("micro_drivers")] public string MicroDrivers { get; set; } = "";
    [JsonPropertyName("rules")] public string Rules { get; set; } = "";

    public static SignalRow From(AlphaSignal s) => new()
    {
        Symbol = s.Symbol,
        Sequence = s.Sequence,
        TsEvent = s.TsEvent,
        TimeUtc = SignalCsv.TimeUtc(s.TsEvent),
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

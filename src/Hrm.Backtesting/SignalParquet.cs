using Hrm.Protocol.Api;
using Hrm.Protocol.Layers;
using Parquet.Serialization;

namespace Hrm.Backtesting;

/// <summary>
/// Writes signals as <c>signals.parquet</c>: the <see cref="SignalRow"/>s of <c>signals.csv</c>, typed. Text columns are
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

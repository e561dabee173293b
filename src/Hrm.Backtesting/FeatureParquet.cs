using Hrm.Signals.Evaluation.Labels;
using Parquet;
using Parquet.Schema;

namespace Hrm.Backtesting;

/// <summary>
/// One decision tick of one symbol as a researcher loads it: what every layer measured (its continuous features) and
/// what followed (the label of every horizon). <see cref="Fold"/> is the walk-forward fold whose frozen entity made
/// the decision (−1 on a capture).
/// </summary>
/// <param name="Stated">The score each strategy held at this tick, in <see cref="StrategyEvaluation.Names"/> order.</param>
public sealed record FeatureRow(string Symbol, long TsEvent, int Fold, IReadOnlyList<double>? Features, IReadOnlyList<ForwardLabel> Labels, IReadOnlyList<double> Stated);

/// <summary>
/// Writes <c>features.parquet</c>: one row per symbol and decision tick of the scored windows, columns
/// <c>symbol</c> (string), <c>ts_event</c> (Unix ns, int64), <c>fold</c> (int32), every feature of the schema (double;
/// null where the layer could not measure it), then per horizon <c>fill_ts_&lt;h&gt;</c> (int64, the fill the label starts
/// from; null without one), <c>ret_&lt;h&gt;</c> (the log return from the fill to one horizon later) and
/// <c>label_&lt;h&gt;</c> (that return over the volatility known at the decision), both null when unknown. Flat
/// columns only, so pandas, polars and DuckDB read it alike.
/// </summary>
public static class FeatureParquet
{
    public static async Task WriteAsync(string path, IReadOnlyList<string> featureNames, IReadOnlyList<Horizon> horizons, IReadOnlyList<FeatureRow> rows)
    {
        var symbol = new DataField<string>("symbol");
        var ts = new DataField<long>("ts_event");
        var fold = new DataField<int>("fold");
        var features = featureNames.Select(n => new DataField<double?>(n)).ToArray();
        var labels = horizons.Select(h => (
            Fill: new DataField<long?>("fill_ts_" + h.Name),
            Return: new DataField<double?>("ret_" + h.Name),
            Label: new DataField<double?>("label_" + h.Name))).ToArray();
        var schema = new ParquetSchema([symbol, ts, fold, .. features, .. labels.SelectMany(l => new Field[] { l.Fill, l.Return, l.Label })]);

        await using var file = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(schema, file);
        using var group = writer.CreateRowGroup();
        await group.WriteAsync(symbol, rows.Select(r => r.Symbol).ToArray());
        await group.WriteAsync<long>(ts, rows.Select(r => r.TsEvent).ToArray());
        await group.WriteAsync<int>(fold, rows.Select(r => r.Fold).ToArray());
        for (var f = 0; f < features.Length; f++)
        {
            await group.WriteAsync<double>(features[f], rows.Select(r => Known(r.Features is { } v && f < v.Count ? v[f] : double.NaN)).ToArray());
        }

        for (var h = 0; h < labels.Length; h++)
        {
            await group.WriteAsync<long>(labels[h].Fill, rows.Select(r => r.Labels[h].FillTs > 0 ? r.Labels[h].FillTs : (long?)null).ToArray());
            await group.WriteAsync<double>(labels[h].Return, rows.Select(r => Known(r.Labels[h].Return)).ToArray());
            await group.WriteAsync<double>(labels[h].Label, rows.Select(r => Known(r.Labels[h].Scaled)).ToArray());
        }
    }

    /// <summary>Every column of a file written by <see cref="WriteAsync"/>, by name (tests and tools).</summary>
    public static async Task<IReadOnlyDictionary<string, Array>> ReadAsync(string path)
    {
        await using var file = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(file);
        using var group = reader.OpenRowGroupReader(0);
        var rows = (int)group.RowCount;
        var columns = new Dictionary<string, Array>(StringComparer.Ordinal);
        foreach (var field in reader.Schema.GetDataFields())
        {
            columns[field.Name] = field.Name switch
            {
                "symbol" => await ReadStrings(group, field, rows),
                "ts_event" => await Read<long>(group, field, rows),
                "fold" => await Read<int>(group, field, rows),
                var name when name.StartsWith("fill_ts_", StringComparison.Ordinal) => await ReadNullable<long>(group, field, rows),
                _ => await ReadNullable<double>(group, field, rows),
            };
        }

        return columns;
    }

    private static double? Known(double value) => double.IsFinite(value) ? value : null;

    private static async Task<Array> ReadStrings(ParquetRowGroupReader group, DataField field, int rows)
    {
        var values = new string?[rows];
        await group.ReadAsync(field, values.AsMemory());
        return values;
    }

    private static async Task<Array> Read<T>(ParquetRowGroupReader group, DataField field, int rows) where T : struct
    {
        var values = new T[rows];
        await group.ReadAsync<T>(field, values.AsMemory());
        return values;
    }

    private static async Task<Array> ReadNullable<T>(ParquetRowGroupReader group, DataField field, int rows) where T : struct
    {
        var values = new T?[rows];
        await group.ReadAsync<T>(field, values.AsMemory());
        return values;
    }
}

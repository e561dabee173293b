using System.Globalization;
using Hrm.Backtesting;
using Hrm.Protocol.Layers;
using Hrm.Testing;
using Parquet;

namespace Hrm.Backtesting.Tests;

/// <summary><c>signals.parquet</c> holds the rows and columns of <c>signals.csv</c>, with numeric columns typed.</summary>
public sealed class SignalParquetTests
{
    private static readonly AlphaSignal[] Signals =
    [
        new("ETHUSDT", 1, 1_723_161_601_000_000_000, 1, 0.6123456789012345, 0.25, 300, 2480.5, 2530.25,
            "trending_bull", "breakout", ["ofi", "vpin"], ["consistency_check:micro_meso_disagree:confidence_halved"], 2500.125),
        new("ETHUSDT", 2, 1_723_161_602_000_000_000, 0, 0.5, 0, 0, 0, 0, "unavailable", "range,\"quoted\"", [], [], 2501),
        new("BTCUSDT", 1, 1_723_161_603_000_000_000, -1, 1e-17, 1, 3600, 61000, 59000.000000001, "high_vol", "", ["book"], [], 60000.5),
    ];

    [Fact]
    public async Task Every_row_read_back_equals_the_csv_row_field_by_field()
    {
        var path = Path.Combine(SharedData.NewTempDirectory("parquet"), "signals.parquet");
        await SignalParquet.WriteAsync(path, Signals);

        var rows = await SignalParquet.ReadAsync(path);
        var csv = ParseCsv(SignalCsv.Render(Signals));

        Assert.Equal(csv.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            string[] parquet =
            [
                r.Symbol, Int(r.Sequence), Int(r.TsEvent), r.TimeUtc, Int(r.Direction), Real(r.Confidence), Real(r.Size),
                Int(r.HoldingPeriodSeconds), Real(r.StopLoss), Real(r.TakeProfit), Real(r.ReferencePrice), r.Regime,
                r.Pattern, r.MicroDrivers, r.Rules,
            ];
            Assert.Equal(csv[i], parquet);
        }
    }

    [Fact]
    public async Task Columns_carry_the_csv_names_in_order_with_int64_double_and_string_types()
    {
        var path = Path.Combine(SharedData.NewTempDirectory("parquet-schema"), "signals.parquet");
        await SignalParquet.WriteAsync(path, Signals);

        await using var file = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(file);
        // The file's own schema, as pandas (pyarrow) and polars see it: physical type plus the UTF-8 annotation.
        var columns = reader.Metadata!.Schema.Skip(1).ToList();

        Assert.Equal(SignalCsv.Header.Split(','), columns.Select(c => c.Name));
        var byName = columns.ToDictionary(c => c.Name);
        Assert.All(["sequence", "ts_event", "direction", "holding_period_s"], c => Assert.Equal(Parquet.Meta.Type.INT64, byName[c].Type));
        Assert.All(["confidence", "size", "stop_loss", "take_profit", "reference_price"], c => Assert.Equal(Parquet.Meta.Type.DOUBLE, byName[c].Type));
        Assert.All(["symbol", "time_utc", "regime", "pattern", "micro_drivers", "rules"], c =>
        {
            Assert.Equal(Parquet.Meta.Type.BYTE_ARRAY, byName[c].Type);
            Assert.NotNull(byName[c].LogicalType?.STRING);
        });
        Assert.Equal(Signals.Length, reader.Metadata!.RowGroups.Sum(g => g.NumRows));
    }

    [Fact]
    public async Task No_signals_still_give_a_readable_file_with_the_columns()
    {
        var path = Path.Combine(SharedData.NewTempDirectory("parquet-empty"), "signals.parquet");
        await SignalParquet.WriteAsync(path, []);

        Assert.Empty(await SignalParquet.ReadAsync(path));
    }

    private static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Real(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>RFC 4180 fields (quotes, doubled quotes) of the data rows.</summary>
    private static List<string[]> ParseCsv(string csv)
    {
        var rows = new List<string[]>();
        foreach (var line in csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1))
        {
            var fields = new List<string>();
            var field = new System.Text.StringBuilder();
            var quoted = false;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = !quoted;
                }
                else if (c == ',' && !quoted)
                {
                    fields.Add(field.ToString());
                    field.Clear();
                }
                else
                {
                    field.Append(c);
                }
            }

            fields.Add(field.ToString());
            rows.Add(fields.ToArray());
        }

        return rows;
    }
}

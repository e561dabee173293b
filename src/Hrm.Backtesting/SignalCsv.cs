using System.Globalization;
using System.Text;
using Hrm.Protocol;
using Hrm.Protocol.Api;
using Hrm.Protocol.Layers;

namespace Hrm.Backtesting;

/// <summary>
/// Writes signals as CSV, one <see cref="SignalRow"/> per AlphaSignal in its column order; doubles in round-trip form
/// so equal runs give equal bytes.
/// </summary>
public static class SignalCsv
{
    public static readonly string Header = string.Join(',', SignalRow.ColumnNames);

    public static string Render(IEnumerable<AlphaSignal> signals)
    {
        var csv = new StringBuilder().Append(Header).Append('\n');
        foreach (var s in signals)
        {
            csv.Append(Row(s)).Append('\n');
        }

        return csv.ToString();
    }

    /// <summary>One signal's row without the line break: every field, so equal rows mean equal signals.</summary>
    public static string Row(AlphaSignal s)
    {
        var row = SignalRow.From(s);
        return string.Join(',', SignalRow.Columns.Select(column => Format(column.GetValue(row))));
    }

    private static string Format(object? value) => value switch
    {
        string text => Field(text),
        long whole => whole.ToString(CultureInfo.InvariantCulture),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        _ => throw new InvalidOperationException($"SignalRow has a column of type {value?.GetType().Name ?? "null"} the CSV cannot write"),
    };

    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\n") >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
}

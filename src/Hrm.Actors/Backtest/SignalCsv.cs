using System.Globalization;
using System.Text;
using Hrm.Protocol.Layers;

namespace Hrm.Actors.Backtest;

/// <summary>Writes signals as CSV, one row per AlphaSignal; doubles in round-trip form so equal runs give equal bytes.</summary>
public static class SignalCsv
{
    public const string Header =
        "symbol,sequence,ts_event,time_utc,direction,confidence,size,holding_period_s,stop_loss,take_profit,reference_price,regime,pattern,micro_drivers,rules";

    public static string Render(IEnumerable<AlphaSignal> signals)
    {
        var csv = new StringBuilder().Append(Header).Append('\n');
        foreach (var s in signals)
        {
            csv.Append(s.Symbol).Append(',')
                .Append(s.Sequence.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(s.TsEvent.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(s.TsEvent / 100).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)).Append(',')
                .Append(s.Direction.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(Number(s.Confidence)).Append(',')
                .Append(Number(s.Size)).Append(',')
                .Append(s.HoldingPeriodSeconds.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(Number(s.StopLoss)).Append(',')
                .Append(Number(s.TakeProfit)).Append(',')
                .Append(Number(s.ReferencePrice)).Append(',')
                .Append(Field(s.Regime)).Append(',')
                .Append(Field(s.Pattern)).Append(',')
                .Append(Field(string.Join(';', s.MicroDrivers))).Append(',')
                .Append(Field(string.Join(';', s.Rules))).Append('\n');
        }

        return csv.ToString();
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\n") >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
}

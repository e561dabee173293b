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
            csv.Append(Row(s)).Append('\n');
        }

        return csv.ToString();
    }

    /// <summary>One signal's row without the line break: every field, so equal rows mean equal signals.</summary>
    public static string Row(AlphaSignal s) =>
        string.Join(',',
            s.Symbol,
            s.Sequence.ToString(CultureInfo.InvariantCulture),
            s.TsEvent.ToString(CultureInfo.InvariantCulture),
            TimeUtc(s.TsEvent),
            s.Direction.ToString(CultureInfo.InvariantCulture),
            Number(s.Confidence),
            Number(s.Size),
            s.HoldingPeriodSeconds.ToString(CultureInfo.InvariantCulture),
            Number(s.StopLoss),
            Number(s.TakeProfit),
            Number(s.ReferencePrice),
            Field(s.Regime),
            Field(s.Pattern),
            Field(string.Join(';', s.MicroDrivers)),
            Field(string.Join(';', s.Rules)));

    /// <summary>Event time (Unix ns) as ISO-8601 UTC with milliseconds, as in the <c>time_utc</c> column.</summary>
    public static string TimeUtc(long tsEvent) =>
        DateTime.UnixEpoch.AddTicks(tsEvent / 100).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\n") >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
}

using Hrm.Signals.Evaluation;
using Hrm.Signals.Evaluation.Metrics;
using ScottPlot;

namespace Hrm.Cli.Reports;

/// <summary>One rendered plot: file name, alt text and PNG bytes.</summary>
public sealed record ReportImage(string FileName, string Caption, byte[] Png);

/// <summary>The report's PNG plots (ScottPlot). Times on the x axis are UTC.</summary>
public static class ReportPlots
{
    public const int Width = 1000;
    public const int Height = 500;

    public const string EquityFile = "equity.png";
    public const string DrawdownFile = "drawdown.png";
    public const string SignalsFile = "signals.png";
    public const string CalibrationFile = "calibration.png";
    public const string RegimesFile = "regimes.png";

    /// <summary>All plots, in the order the report shows them.</summary>
    public static IReadOnlyList<ReportImage> Render(ReportInput input) =>
    [
        new(EquityFile, "Equity after costs: hierarchy vs baselines", Equity(input)),
        new(DrawdownFile, "Drawdown from the running peak", Drawdown(input)),
        new(SignalsFile, "Signals over price (long ▲, short ▼)", Signals(input)),
        new(CalibrationFile, "Calibration: forecast vs observed frequency", Calibration(input)),
        new(RegimesFile, "Net return per regime", Regimes(input)),
    ];

    private static double ToOADate(long tsNanos) =>
        DateTime.UnixEpoch.AddTicks(tsNanos / 100).ToOADate();

    private static IEnumerable<StrategyResult> Strategies(ReportInput input) => [input.Hierarchy, .. input.Baselines];

    private static byte[] Equity(ReportInput input) =>
        Curves(input, "Equity (after costs)", "equity", p => p.Equity, Alignment.UpperLeft);

    private static byte[] Drawdown(ReportInput input) =>
        Curves(input, "Drawdown", "drawdown (fraction)", p => p.Drawdown, Alignment.LowerLeft);

    private static byte[] Curves(ReportInput input, string title, string yLabel, Func<EquityPoint, double> value, Alignment legendAt)
    {
        var plot = new Plot();
        var first = true;
        foreach (var s in Strategies(input))
        {
            if (s.Equity.Count > 0)
            {
                var line = plot.Add.Scatter(
                    s.Equity.Select(p => ToOADate(p.TsEvent)).ToArray(),
                    s.Equity.Select(value).ToArray());
                line.MarkerSize = 0;
                line.LineWidth = first ? 3 : 1.5f;
                line.LegendText = s.Name;
                if (first)
                {
                    line.Color = Colors.Black;
                }
            }

            first = false;
        }

        plot.Axes.DateTimeTicksBottom();
        return Finish(plot, title, "time (UTC)", yLabel, legendAt);
    }

    private static byte[] Signals(ReportInput input)
    {
        var plot = new Plot();
        var prices = input.Prices.OrderBy(p => p.TsEvent).ToArray();
        if (prices.Length > 0)
        {
            var line = plot.Add.Scatter(prices.Select(p => ToOADate(p.TsEvent)).ToArray(), prices.Select(p => p.Price).ToArray());
            line.MarkerSize = 0;
            line.LineWidth = 1.5f;
            line.Color = Colors.Gray;
            line.LegendText = "price";
        }

        AddMarkers(plot, input, prices, +1, MarkerShape.FilledTriangleUp, Colors.Green, "long");
        AddMarkers(plot, input, prices, -1, MarkerShape.FilledTriangleDown, Colors.Red, "short");
        plot.Axes.DateTimeTicksBottom();
        return Finish(plot, "Signals over price", "time (UTC)", "price", Alignment.UpperLeft);
    }

    private static void AddMarkers(Plot plot, ReportInput input, PricePoint[] prices, int direction, MarkerShape shape, Color color, string label)
    {
        var signals = input.Signals.Where(s => Math.Sign(s.Direction) == direction).OrderBy(s => s.TsEvent).ToArray();
        if (signals.Length == 0)
        {
            return;
        }

        var markers = plot.Add.Markers(
            signals.Select(s => ToOADate(s.TsEvent)).ToArray(),
            signals.Select(s => PriceAt(prices, s.TsEvent, s.ReferencePrice)).ToArray(),
            shape,
            10,
            color);
        markers.LegendText = label;
    }

    /// <summary>The last price at or before <paramref name="ts"/>; the signal's own reference price when the series has none.</summary>
    private static double PriceAt(PricePoint[] prices, long ts, double referencePrice)
    {
        var lo = 0;
        var hi = prices.Length - 1;
        var found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (prices[mid].TsEvent <= ts)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        if (found >= 0)
        {
            return prices[found].Price;
        }

        return double.IsFinite(referencePrice) && referencePrice > 0 ? referencePrice : prices.Length > 0 ? prices[0].Price : 0;
    }

    private static byte[] Calibration(ReportInput input) =>
        Calibration(input.Reliability, input.Metrics.HierarchyHorizon is { } h ? $"Calibration: P(rise over {h})" : "Calibration (reliability)");

    /// <summary>A reliability diagram: each bin's mean forecast against its observed frequency of a rise, with its count.</summary>
    public static byte[] Calibration(IReadOnlyList<ReliabilityBin> reliability, string title)
    {
        var plot = new Plot();
        var diagonal = plot.Add.Line(0, 0, 1, 1);
        diagonal.LineColor = Colors.Gray;
        diagonal.LinePattern = LinePattern.Dashed;
        diagonal.LegendText = "perfect calibration";

        var bins = reliability
            .Where(b => b is { MeanForecast: not null, ObservedFrequency: not null } && b.Count > 0)
            .ToArray();
        if (bins.Length > 0)
        {
            var xs = bins.Select(b => b.MeanForecast!.Value).ToArray();
            var ys = bins.Select(b => b.ObservedFrequency!.Value).ToArray();
            var line = plot.Add.Scatter(xs, ys);
            line.MarkerSize = 8;
            line.LineWidth = 2;
            line.LegendText = "observed";
            for (var i = 0; i < bins.Length; i++)
            {
                var text = plot.Add.Text($"n={bins[i].Count}", xs[i], ys[i]);
                text.LabelFontSize = 11;
                text.LabelOffsetX = 6;
                text.LabelOffsetY = -6;
            }
        }

        plot.Axes.SetLimits(0, 1, 0, 1);
        return Finish(plot, title, "forecast probability of a rise", "observed frequency of a rise", Alignment.UpperLeft);
    }

    private static byte[] Regimes(ReportInput input)
    {
        var plot = new Plot();
        var rows = input.Regimes;
        if (rows.Count > 0)
        {
            var bars = rows.Select((r, i) => new Bar
            {
                Position = i,
                Value = r.NetReturn ?? 0,
                FillColor = (r.NetReturn ?? 0) >= 0 ? Colors.SeaGreen : Colors.IndianRed,
            }).ToArray();
            plot.Add.Bars(bars);
            var ticks = rows.Select((r, i) => new Tick(i, r.NetReturn is null ? $"{r.Regime} (n/a)" : r.Regime)).ToArray();
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
            plot.Add.HorizontalLine(0, 1, Colors.Black);
        }

        return Finish(plot, "Net return per regime (hierarchy)", "regime", "Σ net return (fraction)", null);
    }

    private static byte[] Finish(Plot plot, string title, string xLabel, string yLabel, Alignment? legendAt)
    {
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        if (legendAt is { } at)
        {
            plot.ShowLegend(at);
        }

        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }
}

using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Hrm.MarketData;
using Hrm.MarketData.Binance;
using Hrm.Protocol.Market;
using Hrm.Signals.Micro;

namespace Hrm.Cli;

/// <summary>
/// <c>hrm ofi</c>: the Cont–Kukanov–Stoikov regression ΔP_k = α + β OFI_k + ε_k (<see cref="OfiRegression"/>) over a
/// capture's <c>bookTicker</c> stream, with fixed event-time intervals.
/// </summary>
public static class OfiCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "Directory with Binance websocket captures (searched recursively)" };
        var symbol = new Option<string?>("--symbol") { Description = "Canonical symbol, e.g. BTCUSDT" };
        var venue = new Option<string?>("--venue") { Description = "spot, usdm or coinm (default: the first of usdm, spot, coinm that has the symbol)" };
        var interval = new Option<string>("--interval") { Description = "Interval length Δ in seconds (the paper: 10)", DefaultValueFactory = _ => "10" };
        var tick = new Option<string?>("--tick") { Description = "Tick size δ in price units (default: gcd of the quoted prices)" };
        var json = new Option<bool>("--json") { Description = "Print the fit as JSON" };

        var command = new Command("ofi", "Regress the mid-price change (ticks) on order-flow imbalance per interval (Cont, Kukanov & Stoikov 2014)")
        {
            data,
            symbol,
            venue,
            interval,
            tick,
            json,
        };
        command.SetAction(parse =>
        {
            try
            {
                var seconds = FlowInput.PositiveDouble(parse.GetValue(interval)!, "--interval");
                var nanos = (long)Math.Round(seconds * 1e9);
                if (nanos <= 0)
                {
                    throw new FlowInputException($"--interval must be at least 1 ns (got '{parse.GetValue(interval)}').");
                }

                var tickFixed = parse.GetValue(tick) is { } t ? Fixed.FromDouble(FlowInput.PositiveDouble(t, "--tick")) : 0;
                if (parse.GetValue(tick) is not null && tickFixed <= 0)
                {
                    throw new FlowInputException($"--tick must be at least 1e-8 (got '{parse.GetValue(tick)}').");
                }

                var dataDir = FlowInput.Required(parse.GetValue(data), "--data");
                var captures = FlowInput.SelectCaptures(dataDir, parse.GetValue(symbol), parse.GetValue(venue));
                var parts = new List<(Capture Capture, OfiRegression Regression, long Events)>();
                foreach (var capture in captures)
                {
                    var regression = new OfiRegression(nanos, tickFixed);
                    long events = 0;
                    foreach (var e in new BinanceCaptureReader(capture))
                    {
                        if (e is BookTicker q)
                        {
                            regression.Update(q);
                            events++;
                        }
                    }

                    if (events > 0)
                    {
                        parts.Add((capture, regression, events));
                    }
                }

                if (parts.Count == 0)
                {
                    throw new FlowInputException($"no bookTicker events for {captures[0].Symbol} on {captures[0].Venue.Name()} in '{dataDir}'.");
                }

                var fit = OfiRegression.Pool(parts.Select(p => p.Regression).ToArray());
                Console.Out.WriteLine(parse.GetValue(json) ? ToJson(fit, seconds, parts) : ToText(fit, seconds, parts));
                return 0;
            }
            catch (FlowInputException error)
            {
                Console.Error.WriteLine($"hrm ofi: {error.Message}");
                return 2;
            }
        });
        return command;
    }

    private static string ToJson(OfiFit fit, double seconds, List<(Capture Capture, OfiRegression Regression, long Events)> parts)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("symbol", parts[0].Capture.Symbol);
            w.WriteString("venue", parts[0].Capture.Venue.Name());
            w.WriteNumber("interval_seconds", seconds);
            WriteFit(w, fit, parts.Sum(p => p.Events));
            w.WriteStartArray("captures");
            foreach (var (capture, regression, events) in parts)
            {
                w.WriteStartObject();
                w.WriteString("capture", capture.Name);
                WriteFit(w, regression.Fit(), events);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteFit(Utf8JsonWriter w, OfiFit fit, long events)
    {
        FlowInput.WriteNumber(w, "beta", fit.Beta);
        FlowInput.WriteNumber(w, "intercept", fit.Intercept);
        FlowInput.WriteNumber(w, "r2", fit.R2);
        w.WriteNumber("intervals", fit.Intervals);
        FlowInput.WriteNumber(w, "tick", fit.TickSize);
        w.WriteNumber("events", events);
    }

    private static string ToText(OfiFit fit, double seconds, List<(Capture Capture, OfiRegression Regression, long Events)> parts)
    {
        var i = CultureInfo.InvariantCulture;
        var lines = new StringBuilder();
        lines.AppendLine(string.Create(i, $"OFI regression, {parts[0].Capture.Symbol} on {parts[0].Capture.Venue.Name()}, Δ = {seconds} s: ΔP[ticks] = {fit.Intercept:G4} + {fit.Beta:G4}·OFI, R² = {fit.R2:F3}, {fit.Intervals} intervals, tick {fit.TickSize}"));
        foreach (var (capture, regression, events) in parts)
        {
            var f = regression.Fit();
            lines.AppendLine(string.Create(i, $"  {capture.Name}: β {f.Beta:G4}, α {f.Intercept:G4}, R² {f.R2:F3}, {f.Intervals} intervals, {events} bookTicker events"));
        }

        return lines.ToString().TrimEnd();
    }
}

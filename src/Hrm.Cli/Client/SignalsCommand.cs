using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Hrm.Cli.Client;

/// <summary><c>hrm signals get|watch</c>: a symbol's recent signals, or its signals as they are emitted.</summary>
public static class SignalsCommand
{
    public static Command Create() => new("signals", "A tracked symbol's alpha signals (through a node's HTTP API)")
    {
        Get(), Watch(),
    };

    private static Command Get()
    {
        var symbol = new Argument<string>("SYMBOL") { Description = "Canonical symbol, e.g. BTCUSDT" };
        var last = new Option<string?>("--last") { Description = "How many of the latest signals (default: the node's)" };
        return ClientCommand.Create("get", "The symbol's latest signals, oldest first", async (parse, context) =>
        {
            var name = ClientCommand.Canonical(parse.GetValue(symbol)!);
            var count = ClientCommand.ReadInt(parse.GetValue(last), "--last", 1);
            var query = count is { } n ? $"?last={n}" : "";
            var response = await context.Node.GetAsync($"/symbols/{ClientCommand.Segment(name)}/signals{query}", context.Cancellation);
            if (context.Json)
            {
                context.PrintJson(response.Body);
                return 0;
            }

            var signals = SymbolsCommand.AsArray(response.Json());
            if (signals.Count == 0)
            {
                context.Stdout.WriteLine($"no signals for {name} yet");
                return 0;
            }

            var table = new Table().AddColumn("Time (UTC)").AddColumn(new TableColumn("Seq").RightAligned()).AddColumn("Direction")
                .AddColumn(new TableColumn("Confidence").RightAligned()).AddColumn(new TableColumn("Size").RightAligned())
                .AddColumn(new TableColumn("Hold (s)").RightAligned()).AddColumn(new TableColumn("Price").RightAligned())
                .AddColumn(new TableColumn("Stop").RightAligned()).AddColumn(new TableColumn("Take profit").RightAligned())
                .AddColumn("Regime").AddColumn("Pattern");
            foreach (var s in signals)
            {
                table.AddRow(
                    ClientCommand.Cell(s?["time_utc"]), ClientCommand.Cell(s?["sequence"]), ClientCommand.Cell(s?["direction"]),
                    ClientCommand.Cell(s?["confidence"]), ClientCommand.Cell(s?["size"]), ClientCommand.Cell(s?["holding_period_s"]),
                    ClientCommand.Cell(s?["reference_price"]), ClientCommand.Cell(s?["stop_loss"]), ClientCommand.Cell(s?["take_profit"]),
                    ClientCommand.Cell(s?["regime"]), ClientCommand.Cell(s?["pattern"]));
            }

            context.Stdout.Write(table);
            return 0;
        }, symbol, last);
    }

    private static Command Watch()
    {
        var symbol = new Argument<string>("SYMBOL") { Description = "Canonical symbol, e.g. BTCUSDT" };
        return ClientCommand.Create("watch", "Print the symbol's signals as they are emitted, until Ctrl+C (--json: one JSON object per line)", async (parse, context) =>
        {
            var name = ClientCommand.Canonical(parse.GetValue(symbol)!);
            try
            {
                await foreach (var data in context.Node.StreamAsync($"/symbols/{ClientCommand.Segment(name)}/signals/stream", "signal", context.Cancellation))
                {
                    Console.Out.WriteLine(context.Json ? Compact(data) : Line(data));
                    Console.Out.Flush();
                }
            }
            catch (OperationCanceledException) when (context.Cancellation.IsCancellationRequested)
            {
                // Ctrl+C is how a watch ends.
            }

            return 0;
        }, symbol);
    }

    /// <summary>One signal as one line of JSON (the event's data, re-serialised without line breaks).</summary>
    private static string Compact(string data)
    {
        try
        {
            return JsonNode.Parse(data)?.ToJsonString() ?? "null";
        }
        catch (JsonException)
        {
            return data.ReplaceLineEndings(" ");
        }
    }

    /// <summary>One signal for people: time, symbol, sequence, direction, confidence, size, holding period, levels, regime, pattern.</summary>
    private static string Line(string data)
    {
        JsonNode? s;
        try
        {
            s = JsonNode.Parse(data);
        }
        catch (JsonException)
        {
            return data.ReplaceLineEndings(" ");
        }

        if (s is not JsonObject)
        {
            return data.ReplaceLineEndings(" ");
        }

        static string F(JsonNode? node) => ClientCommand.Show(node);
        return $"{F(s["time_utc"])} {F(s["symbol"])} #{F(s["sequence"])} {F(s["direction"])} confidence {F(s["confidence"])} size {F(s["size"])} "
            + $"hold {F(s["holding_period_s"])} s price {F(s["reference_price"])} stop {F(s["stop_loss"])} take-profit {F(s["take_profit"])} "
            + $"regime {F(s["regime"])} pattern {F(s["pattern"])}";
    }
}

using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Hrm.Cli.Client;

/// <summary><c>hrm symbols add|remove|list|show</c>: the symbols a running cluster tracks.</summary>
public static class SymbolsCommand
{
    public static Command Create() => new("symbols", "Add, remove and list the symbols a running cluster tracks (through a node's HTTP API)")
    {
        Add(), Remove(), List(), Show(),
    };

    private static Command Add()
    {
        var symbol = new Argument<string>("SYMBOL") { Description = "Canonical symbol, e.g. BTCUSDT" };
        var source = new Option<string?>("--source") { Description = "Feed source (default: the node's)" };
        var data = new Option<string?>("--data") { Description = "Capture directory to replay, as the node sees it (default: the node's)" };
        var history = new Option<string?>("--history") { Description = "Candle/funding CSV directory for the warm-up, as the node sees it" };
        var warmupDays = new Option<string?>("--warmup-days") { Description = "Days of history replayed before the first tick (default: the node's)" };
        var leader = new Option<string?>("--leader") { Description = "Symbol whose macro context this one follows, e.g. BTCUSDT" };
        return ClientCommand.Create("add", "Start tracking a symbol: its entity attaches the feed and starts emitting signals", async (parse, context) =>
        {
            var name = ClientCommand.Canonical(parse.GetValue(symbol)!);
            var body = new JsonObject { ["symbol"] = name };
            AddText(body, "source", parse.GetValue(source));
            AddText(body, "data", parse.GetValue(data));
            AddText(body, "history", parse.GetValue(history));
            if (ClientCommand.ReadInt(parse.GetValue(warmupDays), "--warmup-days", 0) is { } days)
            {
                body["warmupDays"] = days;
            }

            if (parse.GetValue(leader) is { } l && !string.IsNullOrWhiteSpace(l))
            {
                body["leader"] = ClientCommand.Canonical(l);
            }

            var response = await context.Node.PostAsync("/symbols", body, context.Cancellation);
            if (context.Json)
            {
                context.PrintJson(response.Body);
                return 0;
            }

            var state = response.Json();
            var added = ClientCommand.Show(state["symbol"] ?? name);
            if ((state["node"] ?? state["status"]?["node"]) is { } node)
            {
                context.Stdout.MarkupLineInterpolated($"[green]added[/] {added} on {ClientCommand.Show(node)}");
            }
            else
            {
                context.Stdout.MarkupLineInterpolated($"[green]added[/] {added}");
            }
            return 0;
        }, symbol, source, data, history, warmupDays, leader);
    }

    private static Command Remove()
    {
        var symbol = new Argument<string>("SYMBOL") { Description = "Canonical symbol, e.g. BTCUSDT" };
        return ClientCommand.Create("remove", "Stop tracking a symbol: its feed stops; its journaled signals stay", async (parse, context) =>
        {
            var name = ClientCommand.Canonical(parse.GetValue(symbol)!);
            await context.Node.DeleteAsync($"/symbols/{ClientCommand.Segment(name)}", context.Cancellation);
            if (context.Json)
            {
                context.PrintJson(new JsonObject { ["symbol"] = name, ["removed"] = true });
            }
            else
            {
                context.Stdout.MarkupLineInterpolated($"[green]removed[/] {name}");
            }

            return 0;
        }, symbol);
    }

    private static Command List() =>
        ClientCommand.Create("list", "List the tracked symbols: node, feed offset, signals, whether the feed ended", async (_, context) =>
        {
            var response = await context.Node.GetAsync("/symbols", context.Cancellation);
            if (context.Json)
            {
                context.PrintJson(response.Body);
                return 0;
            }

            WriteSymbols(context.Stdout, AsArray(response.Json()));
            return 0;
        });

    private static Command Show()
    {
        var symbol = new Argument<string>("SYMBOL") { Description = "Canonical symbol, e.g. BTCUSDT" };
        return ClientCommand.Create("show", "One symbol's state: feed, leader, offset, and what the regime, pattern and micro layers say", async (parse, context) =>
        {
            var name = ClientCommand.Canonical(parse.GetValue(symbol)!);
            var response = await context.Node.GetAsync($"/symbols/{ClientCommand.Segment(name)}", context.Cancellation);
            if (context.Json)
            {
                context.PrintJson(response.Body);
                return 0;
            }

            var table = new Table().AddColumn("Field").AddColumn("Value");
            foreach (var (key, value) in response.Json().AsObject())
            {
                table.AddRow(ClientCommand.Cell(key), ClientCommand.Cell(Describe(key, value)));
            }

            context.Stdout.Write(table);
            return 0;
        }, symbol);
    }

    /// <summary>A field of <c>GET /symbols/{symbol}</c> in a few words; fields it does not know as compact JSON.</summary>
    private static string Describe(string key, JsonNode? value)
    {
        static string F(JsonNode? node) => ClientCommand.Show(node);
        return (key, value) switch
        {
            ("feed", JsonObject f) => $"source {F(f["source"])}, data {F(f["data"])}, history {F(f["history"])}, warm-up {F(f["warmupDays"])} d",
            ("regime", JsonObject r) => $"{F(r["name"])} (strength {F(r["strength"])}, risk budget {F(r["riskBudget"])})",
            ("pattern", JsonObject p) => $"{F(p["name"])} {F(p["direction"])} (probability {F(p["probability"])}, completion {F(p["completion"])})",
            ("micro", JsonArray m) => m.Count == 0 ? "-" : string.Join(", ", m.Select(x => x is JsonObject o ? $"{F(o["name"])} {F(o["direction"])}" : F(x))),
            ("lastSignal", JsonObject s) => $"#{F(s["sequence"])} {F(s["direction"])} at {F(s["time_utc"])} (confidence {F(s["confidence"])}, size {F(s["size"])})",
            _ => F(value),
        };
    }

    /// <summary>The symbols table of <c>hrm symbols list</c> and <c>hrm status</c>.</summary>
    public static void WriteSymbols(IAnsiConsole console, JsonArray symbols)
    {
        if (symbols.Count == 0)
        {
            console.WriteLine("no symbols tracked (hrm symbols add <SYMBOL> adds one)");
            return;
        }

        var table = new Table()
            .AddColumn("Symbol").AddColumn("Node").AddColumn(new TableColumn("Offset").RightAligned())
            .AddColumn(new TableColumn("Signals").RightAligned()).AddColumn("Feed ended").AddColumn("Last event");
        foreach (var s in symbols)
        {
            table.AddRow(
                ClientCommand.Cell(s?["symbol"]), ClientCommand.Cell(s?["node"]), ClientCommand.Cell(s?["feedOffset"]),
                ClientCommand.Cell(s?["signalCount"]), ClientCommand.Cell(s?["feedEnded"]), ClientCommand.Cell(s?["lastEventTime"]));
        }

        console.Write(table);
    }

    /// <summary>The answer as an array; a <see cref="NodeClientException"/> when the node sent something else.</summary>
    public static JsonArray AsArray(JsonNode node) =>
        node as JsonArray ?? throw new NodeClientException(1, $"the node answered {NodeResponse.Shorten(node.ToJsonString())} where a list was expected. Check that hrm and the node are the same release");

    private static void AddText(JsonObject body, string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            body[key] = value.Trim();
        }
    }
}

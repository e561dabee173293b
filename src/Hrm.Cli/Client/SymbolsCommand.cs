using System.CommandLine;
using Hrm.Protocol.Api;
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
        var live = new Option<bool>("--live") { Description = "Feed the symbol from the exchanges' live streams (the node's Hrm:Feeds:Binance endpoints) instead of recorded data" };
        var venues = new Option<string?>("--venues") { Description = "With --live: the Binance venues, comma-separated from spot, usdm, coinm (default: all three)" };
        return ClientCommand.Create("add", "Start tracking a symbol: its entity attaches the feed and starts emitting signals", async (parse, context) =>
        {
            var request = new AddSymbolRequest(
                ClientCommand.Canonical(parse.GetValue(symbol)!),
                Text(parse.GetValue(source)),
                Text(parse.GetValue(data)),
                Text(parse.GetValue(history)),
                ClientCommand.ReadInt(parse.GetValue(warmupDays), "--warmup-days", 0),
                Text(parse.GetValue(leader)) is { } l ? ClientCommand.Canonical(l) : null,
                parse.GetValue(live),
                Text(parse.GetValue(venues))?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
            var response = await context.Node.PostAsync("/symbols", request, context.Cancellation);
            if (context.Json)
            {
                context.PrintJson(response.Body);
                return 0;
            }

            var state = response.Read<SymbolView>();
            context.Stdout.MarkupLineInterpolated($"[green]added[/] {state.Symbol} on {state.Node}");
            return 0;
        }, symbol, source, data, history, warmupDays, leader, live, venues);
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
                context.PrintJson(new SymbolRemovedOutput(name, true));
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

            WriteSymbols(context.Stdout, response.Read<SymbolSummary[]>());
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
            foreach (var (field, value) in Describe(response.Read<SymbolView>()))
            {
                table.AddRow(ClientCommand.Cell(field), ClientCommand.Cell(value));
            }

            context.Stdout.Write(table);
            return 0;
        }, symbol);
    }

    /// <summary>Each field of <c>GET /symbols/{symbol}</c>, named as in the API, in a few words.</summary>
    private static IEnumerable<(string Field, object? Value)> Describe(SymbolView s)
    {
        static string F(object? value) => ClientCommand.Show(value);
        yield return ("symbol", s.Symbol);
        yield return ("node", s.Node);
        yield return ("attached", s.Attached);
        yield return ("feed", s.Feed switch
        {
            { LiveVenues: { } live } f => $"live {F(f.Source)} on {string.Join(", ", live)}",
            { } f => $"source {F(f.Source)}, data {F(f.Data)}, history {F(f.History)}, warm-up {F(f.WarmupDays)} d",
            null => null,
        });
        yield return ("leader", s.Leader);
        yield return ("feedOffset", s.FeedOffset);
        yield return ("signalCount", s.SignalCount);
        yield return ("lastEventTime", s.LastEventTime);
        yield return ("feedEnded", s.FeedEnded);
        yield return ("regime", s.Regime is { } r ? $"{F(r.Name)} (strength {F(r.Strength)}, risk budget {F(r.RiskBudget)})" : null);
        yield return ("pattern", s.Pattern is { } p
            ? $"{F(p.Name)} {F(p.Direction)} (probability {F(p.Probability)}, completion {F(p.Completion)})"
            : null);
        yield return ("micro", s.Micro is { Length: > 0 } m ? string.Join(", ", m.Select(x => $"{F(x.Name)} {F(x.Direction)}")) : null);
        yield return ("microFlow", s.MicroFlow is { } flow
            ? $"at {F(flow.Time)}: aggressor ratio {F(flow.AggressorRatio)}, order-flow imbalance {F(flow.OrderFlowImbalance)}, exhaustion {F(flow.Exhaustion)}"
            : null);
        yield return ("lastSignal", s.LastSignal is { } l
            ? $"#{F(l.Sequence)} {F(l.Direction)} at {F(l.TimeUtc)} (confidence {F(l.Confidence)}, size {F(l.Size)})"
            : null);
        if (s.GapCount > 0)
        {
            yield return ("gapCount", s.GapCount);
            foreach (var gap in s.Gaps ?? [])
            {
                yield return ("gap", $"{F(gap.From)} → {F(gap.To)} at offset {F(gap.Offset)}: {F(gap.Reason)}");
            }
        }
    }

    /// <summary>The symbols table of <c>hrm symbols list</c> and <c>hrm status</c>.</summary>
    public static void WriteSymbols(IAnsiConsole console, IReadOnlyList<SymbolSummary> symbols)
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
                ClientCommand.Cell(s.Symbol), ClientCommand.Cell(s.Node), ClientCommand.Cell(s.FeedOffset),
                ClientCommand.Cell(s.SignalCount), ClientCommand.Cell(s.FeedEnded), ClientCommand.Cell(s.LastEventTime));
        }

        console.Write(table);
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>What <c>hrm symbols remove --json</c> prints.</summary>
    private sealed record SymbolRemovedOutput(string Symbol, bool Removed);
}

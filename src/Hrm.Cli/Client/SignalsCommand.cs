using System.CommandLine;
using System.Text.Json;
using Hrm.Protocol;
using Hrm.Protocol.Api;
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

            var signals = response.Read<SignalRow[]>();
            if (signals.Length == 0)
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
                    ClientCommand.Cell(s.TimeUtc), ClientCommand.Cell(s.Sequence), ClientCommand.Cell(s.Direction),
                    ClientCommand.Cell(s.Confidence), ClientCommand.Cell(s.Size), ClientCommand.Cell(s.HoldingPeriodSeconds),
                    ClientCommand.Cell(s.ReferencePrice), ClientCommand.Cell(s.StopLoss), ClientCommand.Cell(s.TakeProfit),
                    ClientCommand.Cell(s.Regime), ClientCommand.Cell(s.Pattern));
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
                await foreach (var item in context.Node.StreamAsync($"/symbols/{ClientCommand.Segment(name)}/signals/stream", SignalEvents.Signal, context.Cancellation))
                {
                    var signal = NodeResponse.Parse<SignalRow>(item.Data);
                    Console.Out.WriteLine(context.Json ? JsonSerializer.Serialize(signal, HrmJson.Web) : Line(signal));
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

    /// <summary>One signal for people: time, symbol, sequence, direction, confidence, size, holding period, levels, regime, pattern.</summary>
    private static string Line(SignalRow s)
    {
        static string F(object? value) => ClientCommand.Show(value);
        return $"{F(s.TimeUtc)} {F(s.Symbol)} #{F(s.Sequence)} {F(s.Direction)} confidence {F(s.Confidence)} size {F(s.Size)} "
            + $"hold {F(s.HoldingPeriodSeconds)} s price {F(s.ReferencePrice)} stop {F(s.StopLoss)} take-profit {F(s.TakeProfit)} "
            + $"regime {F(s.Regime)} pattern {F(s.Pattern)}";
    }
}

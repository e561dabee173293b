using System.CommandLine;
using Hrm.Protocol.Api;
using Spectre.Console;

namespace Hrm.Cli.Client;

/// <summary><c>hrm backtest submit|status</c>: a backtest run by the cluster (the bare <c>hrm backtest</c> runs one locally).</summary>
public static class RemoteBacktestCommands
{
    public static Command Submit()
    {
        var data = new Option<string?>("--data") { Description = "Capture directory to replay, as the node sees it", Required = true };
        var history = new Option<string?>("--history") { Description = "Candle/funding CSV directory for the warm-up, as the node sees it" };
        var symbols = new Option<string?>("--symbols") { Description = "Comma-separated canonical symbols, e.g. BTCUSDT,ETHUSDT (default: all in the data)" };
        return ClientCommand.Create("submit", "Submit a backtest to the cluster; prints its id (follow it with hrm backtest status <ID>)", async (parse, context) =>
        {
            var dir = parse.GetValue(data);
            if (string.IsNullOrWhiteSpace(dir))
            {
                throw ClientCommand.BadInput("--data is empty. Pass the capture directory as the node sees it");
            }

            var list = (parse.GetValue(symbols) ?? "")
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(ClientCommand.Canonical).ToArray();
            var request = new BacktestRequest(
                dir.Trim(),
                parse.GetValue(history) is { } h && !string.IsNullOrWhiteSpace(h) ? h.Trim() : null,
                list.Length > 0 ? list : null);
            var response = await context.Node.PostAsync("/backtests", request, context.Cancellation);
            if (context.Json)
            {
                context.PrintJson(response.Body);
                return 0;
            }

            var answer = response.Read<BacktestAccepted>();
            context.Stdout.MarkupLineInterpolated($"backtest [green]{answer.Id}[/] submitted ({answer.Status}); follow it with: hrm backtest status {answer.Id}");
            return 0;
        }, data, history, symbols);
    }

    public static Command Status()
    {
        var id = new Argument<string>("ID") { Description = "The id hrm backtest submit printed" };
        return ClientCommand.Create("status", "A submitted backtest's status, and its summary once it has finished", async (parse, context) =>
        {
            var response = await context.Node.GetAsync($"/backtests/{ClientCommand.Segment(parse.GetValue(id)!)}", context.Cancellation);
            if (context.Json)
            {
                context.PrintJson(response.Body);
                return 0;
            }

            var answer = response.Read<BacktestView>();
            var console = context.Stdout;
            console.WriteLine($"backtest {answer.Id}: {answer.Status}");
            if (answer.Error is { } error)
            {
                console.WriteLine($"error: {error}");
            }

            if (answer.Summary is { } summary)
            {
                var table = new Table().AddColumn("Summary").AddColumn("Value");
                foreach (var (key, value) in summary)
                {
                    table.AddRow(ClientCommand.Cell(key), ClientCommand.Cell(value));
                }

                console.Write(table);
            }

            return 0;
        }, id);
    }
}

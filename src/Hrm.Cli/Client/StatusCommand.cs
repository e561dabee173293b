using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Hrm.Cli.Client;

/// <summary><c>hrm status</c>: the cluster's members and leader, and where each tracked symbol runs and how far it is.</summary>
public static class StatusCommand
{
    public static Command Create() =>
        ClientCommand.Create("status", "The cluster's members and each tracked symbol's node, feed offset and signals", async (_, context) =>
        {
            var cluster = (await context.Node.GetAsync("/cluster", context.Cancellation)).Json();
            var symbols = SymbolsCommand.AsArray((await context.Node.GetAsync("/symbols", context.Cancellation)).Json());
            if (context.Json)
            {
                context.PrintJson(new JsonObject { ["cluster"] = cluster, ["symbols"] = symbols });
                return 0;
            }

            var console = context.Stdout;
            console.WriteLine($"leader: {ClientCommand.Show(cluster["leader"])}");
            // The node reports one entry per shard region: {"node": address, "shards": count, ...}.
            var shards = (cluster["shards"] as JsonArray ?? [])
                .Where(r => r?["node"] is not null)
                .ToDictionary(r => ClientCommand.Show(r!["node"]), r => r!["shards"], StringComparer.Ordinal);
            var members = new Table()
                .AddColumn("Address").AddColumn("Status").AddColumn("Roles").AddColumn(new TableColumn("Shards").RightAligned());
            foreach (var member in cluster["members"] as JsonArray ?? [])
            {
                var address = ClientCommand.Show(member?["address"]);
                var self = member?["isSelf"] is JsonValue v && v.TryGetValue<bool>(out var isSelf) && isSelf;
                members.AddRow(
                    ClientCommand.Cell(self ? $"{address} (this node)" : address),
                    ClientCommand.Cell(member?["status"]),
                    ClientCommand.Cell(member?["roles"]),
                    ClientCommand.Cell(shards.GetValueOrDefault(address)));
            }

            console.Write(members);
            SymbolsCommand.WriteSymbols(console, symbols);
            return 0;
        });
}

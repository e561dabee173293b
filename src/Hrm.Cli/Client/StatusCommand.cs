using System.CommandLine;
using Hrm.Protocol.Api;
using Spectre.Console;

namespace Hrm.Cli.Client;

/// <summary><c>hrm status</c>: the cluster's members and leader, and where each tracked symbol runs and how far it is.</summary>
public static class StatusCommand
{
    public static Command Create() =>
        ClientCommand.Create("status", "The cluster's members and each tracked symbol's node, feed offset and signals", async (_, context) =>
        {
            var cluster = (await context.Node.GetAsync("/cluster", context.Cancellation)).Read<ClusterView>();
            var symbols = (await context.Node.GetAsync("/symbols", context.Cancellation)).Read<SymbolSummary[]>();
            if (context.Json)
            {
                context.PrintJson(new StatusOutput(cluster, symbols));
                return 0;
            }

            var console = context.Stdout;
            console.WriteLine($"leader: {ClientCommand.Show(cluster.Leader)}");
            var shards = (cluster.Shards ?? []).ToDictionary(r => r.Node, r => r.Shards, StringComparer.Ordinal);
            var members = new Table()
                .AddColumn("Address").AddColumn("Status").AddColumn("Roles").AddColumn(new TableColumn("Shards").RightAligned());
            foreach (var member in cluster.Members)
            {
                members.AddRow(
                    ClientCommand.Cell(member.IsSelf ? $"{member.Address} (this node)" : member.Address),
                    ClientCommand.Cell(member.Status),
                    ClientCommand.Cell(member.Roles),
                    ClientCommand.Cell(shards.TryGetValue(member.Address, out var count) ? count : null));
            }

            console.Write(members);
            SymbolsCommand.WriteSymbols(console, symbols);
            return 0;
        });

    /// <summary>What <c>hrm status --json</c> prints: the two answers side by side.</summary>
    private sealed record StatusOutput(ClusterView Cluster, SymbolSummary[] Symbols);
}

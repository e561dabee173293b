using System.Globalization;
using System.Text;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Hrm.Protocol.Commands;

namespace Hrm.Node.Api;

/// <summary>
/// <c>/metrics</c> in the Prometheus text format (0.0.4). Every figure is gathered when scraped: the local shard
/// region's entities are asked for their status, the journal gets a <c>SELECT 1</c>. docs/API.md says what each
/// metric measures and where it is approximate.
/// </summary>
public sealed class NodeMetrics(SymbolGateway symbols, JournalProbe journal, BacktestJobs backtests, NodeSettings settings)
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(3);

    public async Task<string> RenderAsync(CancellationToken cancellation)
    {
        var cluster = Cluster.Get(symbols.System);
        var node = cluster.SelfAddress.ToString();
        var statuses = settings.HostsSymbols ? await LocalStatusesAsync(cancellation) : [];
        var entityCount = statuses.Count;
        var answered = statuses.Where(s => s is not null).Select(s => s!).ToList();
        await journal.ProbeAsync(cancellation);

        var text = new StringBuilder();
        Metric(text, "hrm_events_applied_total", "counter",
            "Market events applied by the symbol entities hosted on this node (sum of their feed offsets; drops when an entity moves away).",
            [(Labels(("node", node)), answered.Sum(s => s.FeedOffset))]);
        Metric(text, "hrm_signals_total", "counter",
            "Alpha signals journaled by the symbol entities hosted on this node (sum of their signal counts; drops when an entity moves away).",
            [(Labels(("node", node)), answered.Sum(s => s.SignalCount))]);
        Metric(text, "hrm_entities", "gauge",
            "Symbol entities running on this node (the local shard region's state).",
            [(Labels(("node", node)), entityCount)]);
        Metric(text, "hrm_entities_unanswered", "gauge",
            $"Local entities that did not answer the status ask within {AskTimeout.TotalSeconds:0} s (their figures are missing from the sums above).",
            [(Labels(("node", node)), statuses.Count(s => s is null))]);
        Metric(text, "hrm_symbol_feeds_ended", "gauge",
            "Local entities whose feed has ended.",
            [(Labels(("node", node)), answered.Count(s => s.FeedEnded))]);

        var rejected = backtests.All
            .Where(j => j.Summary?["events_rejected"] is not null)
            .SelectMany(j => j.Summary!["events_rejected"]!.AsObject())
            .GroupBy(kv => kv.Key, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Labels(("source", "backtest"), ("reason", g.Key)), (double)g.Sum(kv => kv.Value?.GetValue<long>() ?? 0)))
            .ToList();
        Metric(text, "hrm_rejected_events_total", "counter",
            "Input records rejected while reading market data, by reason: backtests run by this node only (the entity feeds do not report theirs).",
            rejected);

        Metric(text, "hrm_journal_latency_seconds", "gauge",
            "Round trip of the last successful journal probe (open a connection, SELECT 1), not of event writes.",
            journal.LastLatencySeconds is { } latency ? [(Labels(("node", node)), latency)] : []);
        Metric(text, "hrm_journal_up", "gauge",
            "1 when the journal answered SELECT 1 at this scrape, else 0.",
            [(Labels(("node", node)), journal.LastSucceeded == true ? 1 : 0)]);

        var members = cluster.State.Members.GroupBy(m => m.Status.ToString().ToLowerInvariant())
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Labels(("status", g.Key)), (double)g.Count()))
            .ToList();
        Metric(text, "hrm_cluster_members", "gauge", "Cluster members as this node sees them, by status.", members);
        Metric(text, "hrm_cluster_unreachable_members", "gauge", "Members this node's failure detector marks unreachable.",
            [(Labels(("node", node)), cluster.State.Unreachable.Count)]);
        Metric(text, "hrm_member_up", "gauge", "1 when this node's membership is Up.",
            [(Labels(("node", node)), cluster.SelfMember.Status == MemberStatus.Up ? 1 : 0)]);

        var jobs = backtests.All.GroupBy(j => j.Status).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Labels(("status", g.Key)), (double)g.Count()))
            .ToList();
        Metric(text, "hrm_backtests", "gauge", "Backtests started on this node since it started, by status.", jobs);
        return text.ToString();
    }

    /// <summary>The status of every entity in the local shard region; null for one that did not answer in time.</summary>
    private async Task<IReadOnlyList<SymbolStatus?>> LocalStatusesAsync(CancellationToken cancellation)
    {
        var region = await symbols.RegionAsync(cancellation);
        var state = await region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, AskTimeout, cancellation);
        var ids = state.Shards.SelectMany(s => s.EntityIds).Distinct(StringComparer.Ordinal).ToList();
        return await Task.WhenAll(ids.Select(async Task<SymbolStatus?> (id) =>
        {
            try
            {
                return await region.Ask<SymbolStatus>(new GetSymbolStatus(id), AskTimeout, cancellation);
            }
            catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
            {
                return null;
            }
        }));
    }

    private static string Labels(params (string Name, string Value)[] labels) =>
        "{" + string.Join(',', labels.Select(l => $"{l.Name}=\"{Escape(l.Value)}\"")) + "}";

    private static string Escape(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");

    private static void Metric(StringBuilder text, string name, string type, string help, IEnumerable<(string Labels, double Value)> samples)
    {
        text.Append("# HELP ").Append(name).Append(' ').Append(help.Replace("\\", "\\\\").Replace("\n", "\\n")).Append('\n');
        text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        foreach (var (labels, value) in samples)
        {
            text.Append(name).Append(labels).Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }
    }
}

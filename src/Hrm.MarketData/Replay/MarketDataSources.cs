using Akka;
using Akka.Streams.Dsl;
using Hrm.Protocol.Market;

namespace Hrm.MarketData.Replay;

/// <summary>Akka.Streams sources replaying recorded data in event-time order (see <see cref="EventMerger"/>).</summary>
public static class MarketDataSources
{
    /// <summary>All events of all sources, merged. Each materialization re-reads the sources from the start.</summary>
    public static Source<MarketEvent, NotUsed> Replay(IReadOnlyList<IEnumerable<MarketEvent>> sources) =>
        Source.From(EventMerger.Merge(sources));

    /// <summary>Only events of <paramref name="symbols"/> with <paramref name="from"/> ≤ TsEvent &lt; <paramref name="to"/>.</summary>
    public static Source<MarketEvent, NotUsed> Replay(IReadOnlyList<IEnumerable<MarketEvent>> sources,
        IReadOnlySet<string> symbols, long from, long to)
    {
        var filtered = new IEnumerable<MarketEvent>[sources.Count];
        for (var i = 0; i < sources.Count; i++) filtered[i] = Filter(sources[i], symbols, from, to);
        return Replay(filtered);
    }

    private static IEnumerable<MarketEvent> Filter(IEnumerable<MarketEvent> source, IReadOnlySet<string> symbols, long from, long to)
    {
        foreach (var e in source)
        {
            if (e.TsEvent >= from && e.TsEvent < to && symbols.Contains(e.Symbol)) yield return e;
        }
    }
}

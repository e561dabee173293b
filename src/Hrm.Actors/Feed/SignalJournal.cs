using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using Hrm.Actors.Symbol;
using Hrm.Protocol.Layers;

namespace Hrm.Actors.Feed;

/// <summary>Reads the signals the symbol entities journaled: the persisted truth a backtest reports.</summary>
public static class SignalJournal
{
    public static async Task<IReadOnlyList<AlphaSignal>> ReadAsync(ActorSystem system, IEnumerable<string> symbols)
    {
        var journal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
        var materializer = system.Materializer();
        var signals = new List<AlphaSignal>();
        foreach (var symbol in symbols.Order(StringComparer.Ordinal))
        {
            var events = await journal
                .CurrentEventsByPersistenceId(SymbolActor.PersistenceIdFor(symbol), 0, long.MaxValue)
                .Select(envelope => envelope.Event)
                .RunWith(Sink.Seq<object>(), materializer);
            signals.AddRange(events.OfType<AlphaSignal>().OrderBy(s => s.Sequence));
        }

        return signals;
    }
}

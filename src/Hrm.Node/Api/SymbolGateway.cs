using System.Text.RegularExpressions;
using Akka.Actor;
using Akka.Hosting;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using Hrm.Actors.Hosting;
using Hrm.Actors.Symbol;
using Hrm.Protocol.Commands;
using Hrm.Protocol.Layers;

namespace Hrm.Node.Api;

/// <summary>
/// The API's way to the symbol entities: the local shard region on a <c>symbols</c> node, the region proxy elsewhere,
/// and the journal for signals.
/// </summary>
public sealed partial class SymbolGateway(ActorSystem system, ActorRegistry registry, NodeSettings settings)
{
    private readonly Lazy<IMaterializer> _materializer = new(() => system.Materializer());

    public ActorSystem System => system;

    public TimeSpan AskTimeout => settings.Api.AskTimeout;

    /// <summary>A symbol name: <c>BTCUSDT</c>, or an entity name such as <c>BTCUSDT@2024-08-09</c>.</summary>
    [GeneratedRegex("^[A-Z0-9]{2,20}(@[A-Za-z0-9._-]{1,40})?$")]
    public static partial Regex SymbolName();

    public static bool IsValidName(string? symbol) => symbol is not null && SymbolName().IsMatch(symbol);

    /// <summary>The instrument a name stands for: the part before <c>@</c>.</summary>
    public static string Instrument(string symbol) => symbol.Split('@', 2)[0];

    /// <summary>The shard region (symbols node) or the proxy (any other node).</summary>
    public Task<IActorRef> RegionAsync(CancellationToken cancellation = default) =>
        settings.HostsSymbols
            ? registry.GetAsync<SymbolActor>(cancellation)
            : registry.GetAsync<SymbolRegionProxy>(cancellation);

    public async Task<T> AskAsync<T>(object message, TimeSpan? timeout = null, CancellationToken cancellation = default)
    {
        var region = await RegionAsync(cancellation);
        return await region.Ask<T>(message, timeout ?? settings.Api.AskTimeout, cancellation);
    }

    public Task<SymbolState> StateAsync(string symbol, TimeSpan? timeout = null, CancellationToken cancellation = default) =>
        AskAsync<SymbolState>(new GetSymbolState(symbol), timeout, cancellation);

    /// <summary>
    /// The last <paramref name="last"/> journaled signals of a symbol, oldest first. A symbol's n-th signal
    /// (<c>Sequence</c> n) sits at journal sequence number n or later (its other journaled events, such as
    /// <c>AttachFeed</c>, come in between), so reading from <c>signalCount - last + 1</c> finds them without reading
    /// the whole journal; when that comes up short (a count that does not match), it reads everything.
    /// </summary>
    public async Task<IReadOnlyList<AlphaSignal>> LastSignalsAsync(string symbol, long signalCount, int last, CancellationToken cancellation)
    {
        var from = Math.Max(1, signalCount - last + 1);
        var signals = await ReadSignalsAsync(symbol, from, cancellation);
        if (signals.Count < Math.Min(last, signalCount) && from > 1)
        {
            signals = await ReadSignalsAsync(symbol, 1, cancellation);
        }

        return [.. signals.OrderBy(s => s.Sequence).TakeLast(last)];
    }

    private async Task<List<AlphaSignal>> ReadSignalsAsync(string symbol, long fromSequenceNr, CancellationToken cancellation)
    {
        var journal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
        var events = await journal
            .CurrentEventsByPersistenceId(SymbolActor.PersistenceIdFor(symbol), fromSequenceNr, long.MaxValue)
            .Select(envelope => envelope.Event)
            .RunWith(Sink.Seq<object>(), _materializer.Value)
            .WaitAsync(cancellation);
        return [.. events.OfType<AlphaSignal>()];
    }
}

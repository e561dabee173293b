using System.Globalization;
using System.Text;
using Hrm.MarketData.Deribit;

namespace Hrm.FakeExchange.Deribit;

/// <summary>
/// The fake's market: a cursor over the recorded notifications shared by all connections, and each book as of the
/// cursor (every recorded book message moves it, sent or not). A book subscribed after its recorded snapshot has passed
/// gets a snapshot derived from the recorded snapshot and changes up to the cursor, marked <c>"derived":true</c>.
/// </summary>
public sealed class FakeDeribitMarket(IReadOnlyList<RecordedNotification> recording, FakeDeribitScript script)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (DeribitBook Book, long TimestampNanos)> _books = new(StringComparer.Ordinal);
    private readonly HashSet<string> _fired = [];
    private int _cursor;

    public IReadOnlyList<RecordedNotification> Recording => recording;

    public FakeDeribitScript Script => script;

    public bool AtEnd
    {
        get
        {
            lock (_gate) return _cursor >= recording.Count;
        }
    }

    /// <summary>What to do with the next notification: its index and the message, or null at the end; the cursor moves past it.</summary>
    public (int Index, RecordedNotification Message, string Fault)? Next()
    {
        lock (_gate)
        {
            if (_cursor >= recording.Count) return null;
            var index = _cursor;
            var message = recording[index];
            var fault = Fire(script.DropConnectionAt, index, "drop") ?? Fire(script.SilentFrom, index, "silent");
            if (fault is not null) return (index, message, fault); // the cursor stays: the next connection sends it
            _cursor++;
            if (message.Book is { } update)
            {
                if (!_books.TryGetValue(update.Instrument, out var book)) _books[update.Instrument] = book = (new DeribitBook(), 0);
                if (book.Book.Check(update) == DeribitChain.Continues) book.Book.Apply(update);
                _books[update.Instrument] = (book.Book, update.TimestampNanos);
            }

            fault = Fire(script.DropBookChangeAt, index, "skip") ?? (script.DuplicateAt.Contains(index) ? "twice" : "send");
            return (index, message, fault);
        }
    }

    /// <summary>A snapshot of <paramref name="channel"/>'s book at the cursor if its recorded snapshot has passed; else null.</summary>
    public byte[]? DerivedSnapshot(string channel)
    {
        lock (_gate)
        {
            var instrument = channel["book.".Length..^".raw".Length];
            if (!_books.TryGetValue(instrument, out var state) || state.Book.ChangeId is not { } changeId) return null;
            var json = new StringBuilder();
            json.Append(CultureInfo.InvariantCulture,
                $$"""{"jsonrpc":"2.0","method":"subscription","params":{"channel":"{{channel}}","data":{"type":"snapshot","timestamp":{{state.TimestampNanos / 1_000_000}},"instrument_name":"{{instrument}}","change_id":{{changeId}},"derived":true,"bids":[""");
            Levels(json, state.Book.Bids);
            json.Append("],\"asks\":[");
            Levels(json, state.Book.Asks);
            json.Append("]}}}");
            return Encoding.UTF8.GetBytes(json.ToString());
        }
    }

    private static void Levels(StringBuilder json, IReadOnlyDictionary<double, double> side) =>
        json.AppendJoin(',', side.Select(l => string.Create(CultureInfo.InvariantCulture, $"[\"new\",{l.Key:R},{l.Value:R}]")));

    private string? Fire(int? at, int index, string fault) => at == index && _fired.Add(fault) ? fault : null;
}

using System.Text.Json;
using Hrm.Protocol;
using Hrm.Protocol.Market;

namespace Hrm.Live.Recording;

/// <summary>
/// What a recording saw, for <c>record.json</c>: messages per capture and stream, every gap with the ids on both
/// sides, resyncs, connections opened and closed (and why), and rate-limit refusals.
/// </summary>
public sealed class RecordLog
{
    private readonly SortedDictionary<string, SortedDictionary<string, long>> _messages = new(StringComparer.Ordinal);
    private readonly List<BookGap> _gaps = [];
    private readonly List<BookSynced> _syncs = [];
    private readonly List<ConnectionOpened> _opened = [];
    private readonly List<ConnectionClosed> _closed = [];
    private readonly List<RateLimited> _rateLimited = [];

    public long Messages { get; private set; }

    public int Gaps => _gaps.Count;

    public int Resyncs => _syncs.Count(s => s.Resync);

    /// <summary>Connections opened after the first one that did not replace a rotated one: reconnects.</summary>
    public int Reconnects => Math.Max(0, _opened.Count - 1 - _closed.Count(c => c.Rotated));

    public void Add(LiveNotice notice)
    {
        switch (notice)
        {
            case RawMessage raw:
                Messages++;
                if (!_messages.TryGetValue(raw.Capture, out var streams))
                {
                    _messages[raw.Capture] = streams = new SortedDictionary<string, long>(StringComparer.Ordinal);
                }

                streams[raw.Stream] = streams.GetValueOrDefault(raw.Stream) + 1;
                break;
            case BookGap gap:
                _gaps.Add(gap);
                break;
            case BookSynced synced:
                _syncs.Add(synced);
                break;
            case ConnectionOpened opened:
                _opened.Add(opened);
                break;
            case ConnectionClosed closed:
                _closed.Add(closed);
                break;
            case RateLimited limited:
                _rateLimited.Add(limited);
                break;
        }
    }

    public void WriteJson(Stream stream, string venue, IReadOnlyList<string> symbols, long startedNanos, long endedNanos, IEnumerable<string> files)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("venue", venue);
        w.WriteStartArray("symbols");
        foreach (var symbol in symbols) w.WriteStringValue(symbol);
        w.WriteEndArray();
        w.WriteString("started_utc", EventTime.IsoUtc(startedNanos));
        w.WriteString("ended_utc", EventTime.IsoUtc(endedNanos));
        w.WriteNumber("messages", Messages);
        w.WriteStartObject("messages_per_stream");
        foreach (var (capture, streams) in _messages)
        {
            w.WriteStartObject(capture);
            foreach (var (name, count) in streams) w.WriteNumber(name, count);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteNumber("gaps", Gaps);
        w.WriteStartArray("gap_details");
        foreach (var gap in _gaps)
        {
            w.WriteStartObject();
            w.WriteString("at_utc", EventTime.IsoUtc(gap.ReceiveNanos));
            w.WriteString("venue", gap.Venue.Name());
            w.WriteString("instrument", gap.Instrument);
            w.WriteNumber("last_id", gap.LastId);
            w.WriteNumber("next_id", gap.NextId);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("resyncs", Resyncs);
        w.WriteNumber("books_synced", _syncs.Count);
        w.WriteNumber("connections", _opened.Count);
        w.WriteNumber("reconnects", Reconnects);
        w.WriteStartArray("disconnects");
        foreach (var closed in _closed)
        {
            w.WriteStartObject();
            w.WriteString("at_utc", EventTime.IsoUtc(closed.ReceiveNanos));
            w.WriteString("venue", closed.Venue.Name());
            w.WriteNumber("connection", closed.Connection);
            w.WriteString("reason", closed.Reason);
            w.WriteBoolean("rotated", closed.Rotated);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("rate_limited", _rateLimited.Count);
        w.WriteStartArray("files");
        foreach (var file in files) w.WriteStringValue(Path.GetFileName(file));
        w.WriteEndArray();
        w.WriteEndObject();
    }
}

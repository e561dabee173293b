using System.Buffers.Text;
using System.Collections;
using Hrm.MarketData.Parsing;
using Hrm.Protocol.Market;

namespace Hrm.MarketData.Bitstamp;

/// <summary>
/// Reads Bitstamp per-order (L3) events in the obAnalytics layout
/// <c>id,timestamp,exchange.timestamp,price,volume,action,direction</c> (e.g.
/// <c>micro/bitstamp_l3_obanalytics_2015-05-01/orders.csv.gz</c>) into <see cref="L3Order"/>s: venue Bitstamp,
/// symbol <c>BTCUSD</c>, price in fixed point (8 decimals), volume in satoshi, which is already the fixed-point unit
/// (1e-8 BTC).
/// <para>
/// Time: <see cref="MarketEvent.TsEvent"/> = <see cref="MarketEvent.TsInit"/> = the <c>timestamp</c> column (the
/// recorder's receive time, ms). The <c>exchange.timestamp</c> column is not an event time: Bitstamp stamps every
/// event of an order with the order's creation time, in whole seconds (a delete at 13:20:04 still carries the
/// 13:19:00 of its creation), so it cannot order changes and deletes, nor measure a lifetime shorter than a second.
/// The receive time is monotonic in the file and per event; the lifetimes spoofing detection measures are differences
/// of receive times, which cancels a constant feed latency.
/// </para>
/// <para>
/// Quantity: the order's size after the action. On <c>deleted</c> the file gives the size still resting when the order
/// left the book: 0 means it was filled out, a positive size means that much was cancelled. That size is kept in
/// <see cref="L3Order.Qty"/> (not zeroed), because it is the only way to tell a cancellation from a fill.
/// </para>
/// Bad rows are skipped and counted in <see cref="Rejects"/>; rows whose receive time goes backwards are rejected
/// (<see cref="OutOfOrderRow"/>) so TsEvent never decreases.
/// </summary>
public sealed class BitstampL3Reader(string path, string symbol = "BTCUSD") : IMarketEventSource
{
    public const string OutOfOrderRow = "out-of-order-row";
    public const string UnknownAction = "unknown-action";
    public const string UnknownSide = "unknown-side";
    public const string Header = "id,timestamp,exchange.timestamp,price,volume,action,direction";

    private const int Columns = 7;

    public string Path { get; } = path;

    public string Symbol { get; } = symbol;

    public string Name => System.IO.Path.GetFileName(Path);

    public RejectCounts Rejects { get; } = new();

    public IEnumerator<MarketEvent> GetEnumerator()
    {
        Rejects.Clear();
        var last = long.MinValue;
        using var lines = new LineReader(Path, Rejects);
        while (true)
        {
            var next = ReadNext(lines, ref last, out var done);
            if (done) yield break;
            if (next is not null) yield return next;
        }
    }

    private L3Order? ReadNext(LineReader lines, ref long last, out bool done)
    {
        done = !lines.TryReadLine(out var line);
        if (done || line.StartsWith("id,"u8)) return null;
        var reason = Parse(line, out var order);
        if (reason is null && order.TsEvent < last) reason = OutOfOrderRow;
        if (reason is not null)
        {
            Rejects.Add(reason);
            return null;
        }

        last = order.TsEvent;
        return order;
    }

    /// <summary>Null if the row is good (then <paramref name="order"/> is set), else the reject reason.</summary>
    public string? Parse(ReadOnlySpan<byte> line, out L3Order order)
    {
        order = null!;
        Span<Range> cells = stackalloc Range[Columns];
        if (!SplitCells(line, cells)) return RejectReasons.MalformedRow;

        if (!Utf8Parser.TryParse(line[cells[0]], out long id, out var used) || used != line[cells[0]].Length || id < 0)
            return RejectReasons.BadNumber;
        if (!Utf8Parser.TryParse(line[cells[1]], out long ms, out used) || used != line[cells[1]].Length || ms < 0
            || ms > long.MaxValue / Timestamps.NanosPerMilli)
            return RejectReasons.BadTimestamp;
        if (!FixedPointParser.TryParse(line[cells[3]], out var price)) return RejectReasons.BadNumber;
        if (price <= 0) return RejectReasons.NegativePrice;
        if (!Utf8Parser.TryParse(line[cells[4]], out long satoshi, out used) || used != line[cells[4]].Length)
            return RejectReasons.BadNumber;
        if (satoshi < 0) return RejectReasons.NegativeQty;

        var actionCell = line[cells[5]];
        L3Action action;
        if (actionCell.SequenceEqual("created"u8)) action = L3Action.Created;
        else if (actionCell.SequenceEqual("changed"u8)) action = L3Action.Changed;
        else if (actionCell.SequenceEqual("deleted"u8)) action = L3Action.Deleted;
        else return UnknownAction;

        var sideCell = line[cells[6]];
        bool isBid;
        if (sideCell.SequenceEqual("bid"u8)) isBid = true;
        else if (sideCell.SequenceEqual("ask"u8)) isBid = false;
        else return UnknownSide;

        var ts = ms * Timestamps.NanosPerMilli;
        order = new L3Order
        {
            Symbol = Symbol,
            Venue = Venue.Bitstamp,
            TsEvent = ts,
            TsInit = ts,
            OrderId = id,
            Price = price,
            Qty = satoshi,
            IsBid = isBid,
            Action = action,
        };
        return null;
    }

    /// <summary>Exactly <see cref="Columns"/> comma-separated cells, else false.</summary>
    private static bool SplitCells(ReadOnlySpan<byte> line, Span<Range> cells)
    {
        var start = 0;
        for (var i = 0; i < cells.Length; i++)
        {
            var comma = line[start..].IndexOf((byte)',');
            if (i == cells.Length - 1)
            {
                if (comma >= 0) return false;
                cells[i] = new Range(start, line.Length);
                return true;
            }

            if (comma < 0) return false;
            cells[i] = new Range(start, start + comma);
            start += comma + 1;
        }

        return false;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

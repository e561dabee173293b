using Hrm.Protocol.Market;
using Hrm.Signals.Book;

namespace Hrm.Live.Tests.Binance;

/// <summary>Compact views of a book for comparing two of them level by level.</summary>
public static class BookState
{
    public static long Hash(OrderBook book)
    {
        var hash = new HashCode();
        hash.Add(book.BidLevels);
        hash.Add(book.AskLevels);
        for (var i = 0; i < book.BidLevels; i++) hash.Add(book.Bid(i));
        for (var i = 0; i < book.AskLevels; i++) hash.Add(book.Ask(i));
        return hash.ToHashCode();
    }

    /// <summary>A REST-shaped snapshot body of <paramref name="book"/> at <paramref name="lastUpdateId"/>.</summary>
    public static byte[] SnapshotJson(OrderBook book, long lastUpdateId)
    {
        static string Side(int count, Func<int, PriceLevel> level) =>
            string.Join(',', Enumerable.Range(0, count).Select(i => $"[\"{Fixed.Format(level(i).Price)}\",\"{Fixed.Format(level(i).Qty)}\"]"));
        return System.Text.Encoding.UTF8.GetBytes(
            $"{{\"lastUpdateId\":{lastUpdateId},\"bids\":[{Side(book.BidLevels, book.Bid)}],\"asks\":[{Side(book.AskLevels, book.Ask)}]}}");
    }

    /// <summary>What identifies a depth event (its ids and times, and its levels).</summary>
    public static string Key(MarketEvent e) => e switch
    {
        DepthSnapshot s => $"S {s.LastUpdateId} {s.TsEvent} {s.TsInit} {s.Bids.Length}/{s.Asks.Length} {Levels(s.Bids)} {Levels(s.Asks)}",
        DepthDiff d => $"D {d.FirstUpdateId} {d.FinalUpdateId} {d.PrevFinalUpdateId} {d.TsEvent} {d.TsInit} {Levels(d.Bids)} {Levels(d.Asks)}",
        _ => e.ToString(),
    };

    private static int Levels(PriceLevel[] levels)
    {
        var hash = new HashCode();
        foreach (var level in levels) hash.Add(level);
        return hash.ToHashCode();
    }
}

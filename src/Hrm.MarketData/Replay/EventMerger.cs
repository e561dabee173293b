using Hrm.Protocol.Market;

namespace Hrm.MarketData.Replay;

/// <summary>
/// K-way merge of per-source event sequences into one stream ordered by <see cref="MarketEvent.TsEvent"/>, ties broken
/// by source index. Merges on each source's current head, so a source's own order is always kept, even where its
/// TsEvent goes backwards (e.g. a trade stamped with T after a depth diff stamped with E).
/// </summary>
public static class EventMerger
{
    public static IEnumerable<MarketEvent> Merge(IReadOnlyList<IEnumerable<MarketEvent>> sources)
    {
        var cursors = new IEnumerator<MarketEvent>[sources.Count];
        var heap = new int[sources.Count];
        var size = 0;
        try
        {
            for (var i = 0; i < sources.Count; i++)
            {
                cursors[i] = sources[i].GetEnumerator();
                if (cursors[i].MoveNext()) heap[size++] = i;
            }

            for (var i = size / 2 - 1; i >= 0; i--) SiftDown(heap, size, i, cursors);

            while (size > 0)
            {
                var top = heap[0];
                yield return cursors[top].Current;
                if (!cursors[top].MoveNext()) heap[0] = heap[--size];
                SiftDown(heap, size, 0, cursors);
            }
        }
        finally
        {
            foreach (var cursor in cursors) cursor?.Dispose();
        }
    }

    private static bool Before(int a, int b, IEnumerator<MarketEvent>[] cursors)
    {
        var ta = cursors[a].Current.TsEvent;
        var tb = cursors[b].Current.TsEvent;
        return ta < tb || (ta == tb && a < b);
    }

    private static void SiftDown(int[] heap, int size, int i, IEnumerator<MarketEvent>[] cursors)
    {
        while (true)
        {
            var left = 2 * i + 1;
            if (left >= size) return;
            var right = left + 1;
            var child = right < size && Before(heap[right], heap[left], cursors) ? right : left;
            if (!Before(heap[child], heap[i], cursors)) return;
            (heap[child], heap[i]) = (heap[i], heap[child]);
            i = child;
        }
    }
}

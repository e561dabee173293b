namespace Hrm.MarketData.Parsing;

/// <summary>Skipped input by reason (e.g. <c>malformed-json</c>, <c>negative-price</c>); readers never throw on bad data.</summary>
public sealed class RejectCounts
{
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);

    public long Total { get; private set; }

    public long this[string reason] => _counts.GetValueOrDefault(reason);

    public IReadOnlyDictionary<string, long> ByReason => _counts;

    public void Add(string reason, long count = 1)
    {
        _counts[reason] = _counts.GetValueOrDefault(reason) + count;
        Total += count;
    }

    public void Clear()
    {
        _counts.Clear();
        Total = 0;
    }

    /// <summary>Adds every reject <paramref name="other"/> counted.</summary>
    public void Add(RejectCounts other)
    {
        foreach (var (reason, count) in other._counts)
        {
            Add(reason, count);
        }
    }

    /// <summary>The rejects of several readers summed, by reason in ordinal order.</summary>
    public static SortedDictionary<string, long> Sum(IEnumerable<RejectCounts> counts)
    {
        var total = new RejectCounts();
        foreach (var one in counts)
        {
            total.Add(one);
        }

        return new SortedDictionary<string, long>(total._counts, StringComparer.Ordinal);
    }

    public override string ToString() =>
        Total == 0 ? "none" : string.Join(", ", _counts.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));
}

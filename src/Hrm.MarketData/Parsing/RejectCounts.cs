namespace Hrm.MarketData.Parsing;

/// <summary>Skipped input by reason (e.g. <c>malformed-json</c>, <c>negative-price</c>); readers never throw on bad data.</summary>
public sealed class RejectCounts
{
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);

    public long Total { get; private set; }

    public long this[string reason] => _counts.GetValueOrDefault(reason);

    public IReadOnlyDictionary<string, long> ByReason => _counts;

    public void Add(string reason)
    {
        _counts[reason] = _counts.GetValueOrDefault(reason) + 1;
        Total++;
    }

    public override string ToString() =>
        Total == 0 ? "none" : string.Join(", ", _counts.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));
}

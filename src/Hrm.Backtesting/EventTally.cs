using Hrm.Protocol.Market;

namespace Hrm.Backtesting;

/// <summary>Counts the events that pass through, each kind under its own name, for the run summary.</summary>
public sealed class EventTally
{
    private static readonly string[] Names =
        ["depth_diff", "depth_snapshot", "book_ticker", "trade", "mark_price", "bar", "funding_rate", "l3_order", "on_chain_metric", "option_quote", "book_invalidated"];
    private readonly long[] _counts = new long[Names.Length];

    public long Total { get; private set; }

    public IEnumerable<MarketEvent> Count(IEnumerable<MarketEvent> events)
    {
        foreach (var e in events)
        {
            _counts[IndexOf(e)]++;
            Total++;
            yield return e;
        }
    }

    public SortedDictionary<string, long> ByType()
    {
        var byType = new SortedDictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < Names.Length; i++)
        {
            if (_counts[i] > 0)
            {
                byType[Names[i]] = _counts[i];
            }
        }

        return byType;
    }

    private static int IndexOf(MarketEvent e) => e switch
    {
        DepthDiff => 0,
        DepthSnapshot => 1,
        BookTicker => 2,
        TradeTick => 3,
        MarkPriceUpdate => 4,
        Bar => 5,
        FundingRate => 6,
        L3Order => 7,
        OnChainMetric => 8,
        OptionQuote => 9,
        BookInvalidated => 10,
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "an event kind the tally has no name for"),
    };
}

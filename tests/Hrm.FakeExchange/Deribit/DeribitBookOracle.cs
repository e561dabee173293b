using Hrm.MarketData.Deribit;

namespace Hrm.FakeExchange.Deribit;

/// <summary>
/// The offline truth: each instrument's book after every recorded <c>change_id</c>, rebuilt from the recording on its
/// own (bids and asks by price; a delete or zero amount removes a level), independent of the connector's book.
/// </summary>
public sealed class DeribitBookOracle
{
    private readonly Dictionary<(string Instrument, long ChangeId), (SortedDictionary<double, double> Bids, SortedDictionary<double, double> Asks)> _books = [];

    public DeribitBookOracle(IEnumerable<DeribitBookUpdate> recorded)
    {
        var current = new Dictionary<string, (SortedDictionary<double, double> Bids, SortedDictionary<double, double> Asks)>(StringComparer.Ordinal);
        foreach (var update in recorded)
        {
            var (bids, asks) = update.IsSnapshot || !current.TryGetValue(update.Instrument, out var last)
                ? (new SortedDictionary<double, double>(), new SortedDictionary<double, double>())
                : (new SortedDictionary<double, double>(last.Bids), new SortedDictionary<double, double>(last.Asks));
            foreach (var (side, levels) in new[] { (bids, update.Bids), (asks, update.Asks) })
            {
                foreach (var level in levels)
                {
                    if (level.Action == DeribitLevelAction.Delete || level.Amount == 0) side.Remove(level.Price);
                    else side[level.Price] = level.Amount;
                }
            }

            current[update.Instrument] = (bids, asks);
            _books[(update.Instrument, update.ChangeId)] = (bids, asks);
        }
    }

    public int Count => _books.Count;

    /// <summary>The book of <paramref name="instrument"/> right after <paramref name="changeId"/>, levels by price ascending.</summary>
    public (IReadOnlyDictionary<double, double> Bids, IReadOnlyDictionary<double, double> Asks) At(string instrument, long changeId) =>
        _books[(instrument, changeId)];
}

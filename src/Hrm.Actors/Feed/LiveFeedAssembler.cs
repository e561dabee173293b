using Hrm.Live;
using Hrm.Protocol.Market;

namespace Hrm.Actors.Feed;

/// <summary>One event of a live entity feed; <see cref="GapBefore"/> says why the market was not seen just before it.</summary>
public readonly record struct LiveFeedItem(MarketEvent Event, string? GapBefore);

/// <summary>
/// Turns a live connector's notices into an entity's events: each normalised event under the entity's name, and where
/// the feed lost the market (it started after the entity had already seen events, a connection closed, a book's update
/// ids broke) a <see cref="BookInvalidated"/> for each venue concerned before the next event, which carries the reason.
/// So an entity never reads a book its feed no longer mirrors, and journals the window it could not see.
/// </summary>
public sealed class LiveFeedAssembler
{
    private readonly string _entity;
    private readonly SortedSet<Venue> _invalid = [];
    private readonly List<string> _reasons = [];

    /// <param name="resumed">The entity already applied events (a restart or failover): its books are stale.</param>
    public LiveFeedAssembler(string entity, IEnumerable<Venue> venues, bool resumed)
    {
        _entity = entity;
        if (resumed)
        {
            _invalid.UnionWith(venues);
            _reasons.Add("live feed restarted: the market before it was not seen");
        }
    }

    public IEnumerable<LiveFeedItem> Accept(LiveNotice notice) => notice switch
    {
        MarketUpdate update => Emit(update.Event),
        BookGap gap => Lost(gap.Venue, $"{gap.Venue.Name()} {gap.Instrument} book gap: last id {gap.LastId}, next {gap.NextId}"),
        ConnectionClosed { Rotated: false } closed => Lost(closed.Venue, $"{closed.Venue.Name()} connection {closed.Connection} closed: {closed.Reason}"),
        _ => [],
    };

    private IEnumerable<LiveFeedItem> Lost(Venue venue, string reason)
    {
        _invalid.Add(venue);
        _reasons.Add(reason);
        return [];
    }

    private List<LiveFeedItem> Emit(MarketEvent e)
    {
        var items = new List<LiveFeedItem>(_invalid.Count + 1);
        var reason = _reasons.Count == 0 ? null : string.Join("; ", _reasons);
        foreach (var venue in _invalid)
        {
            items.Add(new LiveFeedItem(
                new BookInvalidated { Symbol = _entity, Venue = venue, TsEvent = e.TsEvent, TsInit = e.TsInit, Reason = reason! }, items.Count == 0 ? reason : null));
        }

        items.Add(new LiveFeedItem(e.Symbol == _entity ? e : e with { Symbol = _entity }, items.Count == 0 ? reason : null));
        _invalid.Clear();
        _reasons.Clear();
        return items;
    }
}

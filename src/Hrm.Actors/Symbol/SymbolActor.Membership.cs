using Akka.Actor;
using Akka.Event;
using Hrm.Actors.Feed;
using Hrm.Protocol;
using Hrm.Protocol.Commands;
using Hrm.Protocol.Layers;

namespace Hrm.Actors.Symbol;

/// <summary>Who the symbol is: whether it was added (its feed), the leader it follows, and its removal.</summary>
public sealed partial class SymbolActor
{
    /// <summary>
    /// The desk's "add this symbol": the leader link (when asked) and the feed are journaled in one atomic write, then
    /// the feed starts; a symbol that already has a feed, or a leader it cannot take, is refused and nothing changes.
    /// </summary>
    private void Add(AddSymbol add)
    {
        var refusal = _feedSpec is not null ? $"{_symbol} is already added (fed from {_feedSpec.SourceSymbol})"
            : add.Leader is { } asked && asked != Engine.Leader.Leader ? FollowRefusal(asked)
            : null;
        if (refusal is not null)
        {
            Sender.Tell(new SymbolAdded(false, State(), refusal));
            return;
        }

        IHrmMessage[] events = add.Leader is { } leader && Engine.Leader.Leader is null
            ? [new FollowLeader(_symbol, leader), new AttachFeed(_symbol, add.Feed)]
            : [new AttachFeed(_symbol, add.Feed)];
        var replyTo = Sender;
        PersistAll(events, e =>
        {
            if (e is FollowLeader follow)
            {
                Follow(follow.Leader);
            }
            else if (e is AttachFeed attach)
            {
                _feedSpec = attach.Spec;
                StartFeed(resumed: false);
                replyTo.Tell(new SymbolAdded(true, State()));
            }
        });
    }

    private void Remove(RemoveSymbol remove)
    {
        if (_feedSpec is null)
        {
            Sender.Tell(new SymbolRemoved(_symbol, false));
            _cluster.Passivate(Context);
            return;
        }

        Persist(remove, _ =>
        {
            _feedSpec = null;
            Context.Child("feed").Tell(PoisonPill.Instance);
            _cluster.List(_symbol, added: false);
            Sender.Tell(new SymbolRemoved(_symbol, true));
            _cluster.Passivate(Context);
        });
    }

    private string? FollowRefusal(string leader) =>
        leader == _symbol ? $"{_symbol} cannot follow itself"
        : Engine.Leader.Leader is { } current ? $"{_symbol} already follows {current}"
        : null;

    private void Follow(string leader)
    {
        Engine.Leader.Follow(leader);
        _leaderLink.Start(Engine, Self);
    }

    private void OnFollowLeader(FollowLeader follow)
    {
        if (FollowRefusal(follow.Leader) is { } refusal)
        {
            _log.Warning("{0}: {1}", _symbol, refusal);
            Sender.Tell(new FeedAck(_symbol, _feedOffset));
            return;
        }

        Persist(follow, f =>
        {
            Follow(f.Leader);
            Sender.Tell(new FeedAck(_symbol, _feedOffset));
        });
    }

    /// <summary>
    /// Starts the journaled feed, if any, from the offset this incarnation recovered, and lists the symbol;
    /// <paramref name="resumed"/> when this incarnation recovered it (a live feed then marks the time it was down).
    /// </summary>
    private void StartFeed(bool resumed)
    {
        if (_feedSpec is not null)
        {
            Context.ActorOf(EntityFeed.Props(_symbol, _feedSpec, _feedOffset, resumed, _settings.Live), "feed");
            _cluster.List(_symbol, added: true);
        }
    }

    /// <summary>No feed, nothing applied, no leader: an entity that exists only because somebody asked about it.</summary>
    private bool IsUnused => _feedSpec is null && _feedOffset == 0 && Engine.Leader.Leader is null;
}

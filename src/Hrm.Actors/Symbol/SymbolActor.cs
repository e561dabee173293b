using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using Akka.Persistence;
using Hrm.Actors.Feed;
using Hrm.Actors.Hosting;
using Hrm.Protocol;
using Hrm.Protocol.Commands;
using Hrm.Protocol.Layers;
using Hrm.Protocol.Market;

namespace Hrm.Actors.Symbol;

/// <summary>
/// The sharded, persistent entity of one symbol. Owns the macro, meso and micro children and drives them in
/// lockstep over event time: each decision tick ends with all three answered, the integrator deciding, and the
/// context (down) and evidence (up) queued for the next steps. Journals the emitted <see cref="AlphaSignal"/>s and
/// snapshots every layer's state with the feed offset; raw events are never journaled. After recovery the feed
/// resumes from the snapshot's offset and regenerated signals already in the journal are not written again.
/// </summary>
public sealed class SymbolActor : ReceivePersistentActor
{
    private readonly string _symbol;
    private readonly SymbolSettings _settings;
    private readonly LayerPropsFactory _layerProps;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IActorRef[] _layers = new IActorRef[3];
    private readonly byte[]?[] _captured = new byte[]?[3];
    private readonly List<AlphaSignal> _emitted = [];

    private SymbolCore _core;
    private SymbolSnapshot? _recovered;
    private long _feedOffset;
    private long _journaledSignals;
    private long _eventsSinceSnapshot;
    private FeedSpec? _feedSpec;
    private bool _feedEnded;
    private IActorRef? _mediator;
    private long _publishedWatermark = long.MinValue;
    private bool _waitingForLeader;
    private AlphaSignal? _lastSignal;

    private MarketEvent[] _events = [];
    private int _cursor;
    private bool _ending;
    private bool _closePending;
    private bool _capturing;
    private IActorRef _replyTo = ActorRefs.Nobody;
    private long _stepId;
    private int _awaiting;

    public SymbolActor(string symbol, SymbolSettings settings, LayerPropsFactory layerProps)
    {
        _symbol = symbol;
        _settings = settings;
        _layerProps = layerProps;
        _core = new SymbolCore(symbol, settings);

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is SymbolSnapshot snapshot)
            {
                _recovered = snapshot;
                _core = SymbolCore.Restore(snapshot.Integrator, settings.Model);
                _feedOffset = snapshot.FeedOffset;
                _journaledSignals = snapshot.SignalCount;
                _feedSpec = snapshot.Feed;
            }
        });
        Recover<AlphaSignal>(signal =>
        {
            _journaledSignals = Math.Max(_journaledSignals, signal.Sequence);
            _lastSignal = signal;
        });
        Recover<RemoveSymbol>(_ => _feedSpec = null);
        Recover<LearnUntil>(cutoff => _core.LearnUntil(cutoff.TsEvent));
        Recover<AttachFeed>(attach => _feedSpec = attach.Spec);
        Recover<FollowLeader>(follow => _core.Follow(follow.Leader));
        Recover<RecoveryCompleted>(_ =>
        {
            StartLayers();
            StartFollowing();
            StartFeed();
        });
        Idle();
    }

    public override string PersistenceId => PersistenceIdFor(_symbol);

    public static string PersistenceIdFor(string symbol) => $"symbol-{symbol}";

    /// <summary>
    /// A layer that throws has lost its place in the lockstep; rather than restart it alone with blank state, the
    /// whole entity restarts and recovers every layer from the last snapshot (the feed resumes from its offset).
    /// </summary>
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Escalate);

    public static Props Props(string symbol, SymbolSettings settings, LayerPropsFactory? layerProps = null) =>
        Akka.Actor.Props.Create(() => new SymbolActor(symbol, settings, layerProps ?? LayerProps.Default));

    private void StartLayers()
    {
        foreach (var kind in SymbolCore.Layers)
        {
            var state = _recovered is null ? null : StateOf(_recovered, kind);
            _layers[(int)kind] = Context.ActorOf(_layerProps(kind, _symbol, state), kind.ToString().ToLowerInvariant());
        }

        _recovered = null;
        if (_journaledSignals > _core.SignalCount)
        {
            _log.Info("{0}: recovered at feed offset {1}; {2} journaled signals will be regenerated, not rewritten",
                _symbol, _feedOffset, _journaledSignals - _core.SignalCount);
        }
    }

    private void Idle()
    {
        Command<FeedBatch>(Begin);
        Command<FeedEnd>(end =>
        {
            _feedEnded = true;
            Start([], end: true);
        });
        Command<AttachFeed>(attach =>
        {
            if (_feedSpec is not null)
            {
                if (_feedSpec != attach.Spec)
                {
                    _log.Warning("{0}: already fed by {1}; a second feed ({2}) is refused", _symbol, _feedSpec, attach.Spec);
                }

                Sender.Tell(new FeedAck(_symbol, _feedOffset));
                return;
            }

            Persist(attach, a =>
            {
                _feedSpec = a.Spec;
                StartFeed();
                Sender.Tell(new FeedAck(_symbol, _feedOffset));
            });
        });
        Command<AddSymbol>(Add);
        Command<RemoveSymbol>(remove =>
        {
            if (_feedSpec is null)
            {
                Sender.Tell(new SymbolRemoved(_symbol, false));
                Passivate();
                return;
            }

            Persist(remove, _ =>
            {
                _feedSpec = null;
                Context.Child("feed").Tell(PoisonPill.Instance);
                SymbolRegistry.Remove(Context.System, _symbol);
                Sender.Tell(new SymbolRemoved(_symbol, true));
                Passivate();
            });
        });
        Command<GetFeedOffset>(_ => Sender.Tell(new FeedAck(_symbol, _feedOffset)));
        Command<LearnUntil>(cutoff => Persist(cutoff, c =>
        {
            _core.LearnUntil(c.TsEvent);
            Sender.Tell(new FeedAck(_symbol, _feedOffset));
        }));
        Command<FollowLeader>(follow =>
        {
            if (_core.Leader is not null || follow.Leader == _symbol)
            {
                _log.Warning("{0}: cannot follow {1} (already follows {2})", _symbol, follow.Leader, _core.Leader ?? "itself");
                Sender.Tell(new FeedAck(_symbol, _feedOffset));
                return;
            }

            Persist(follow, f =>
            {
                _core.Follow(f.Leader);
                StartFollowing();
                Sender.Tell(new FeedAck(_symbol, _feedOffset));
            });
        });
        CrossAssetCommands();
        Command<SaveSnapshotSuccess>(success =>
        {
            // Snapshots strictly older than this one go; at sequence 0 (no signal yet) there are none to prune, and
            // a criteria of -1 is not "nothing" to every store.
            if (success.Metadata.SequenceNr > 0)
            {
                DeleteSnapshots(new SnapshotSelectionCriteria(success.Metadata.SequenceNr - 1));
            }
        });
        Command<SaveSnapshotFailure>(failure =>
            _log.Warning("{0}: snapshot failed ({1}); recovery falls back to the previous one", _symbol, failure.Cause.Message));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(_ => { });
    }

    private void Busy()
    {
        Command<LayerStepDone>(OnStepDone);
        CrossAssetCommands();
        CommandAny(_ => Stash.Stash());
    }

    /// <summary>Answered in any state: status, the leader context this symbol serves, the one it follows.</summary>
    private void CrossAssetCommands()
    {
        Command<GetSymbolStatus>(_ => Sender.Tell(Status()));
        Command<GetLeaderContext>(ask => Sender.Tell(_core.ContextSince(ask.Since, ServesFinalContext)));
        Command<GetSymbolState>(_ =>
        {
            Sender.Tell(State());
            if (IsUnused)
            {
                // Asked about a symbol nobody added: do not stay around (or be remembered) for it.
                Passivate();
            }
        });
        Command<LeaderContext>(OnLeaderContext);
        Command<SubscribeAck>(_ => { });
        Command<Status.Failure>(failure =>
        {
            // Only the leader ask pipes here: a follower must not wait on a lost answer, so it asks again.
            _log.Warning("{0}: asking leader {1} failed ({2}); asking again", _symbol, _core.Leader, failure.Cause.Message);
            if (_core.Leader is { } leader)
            {
                AskLeader(leader);
            }
        });
    }

    /// <summary>
    /// The desk's "add this symbol": the leader link (when asked) and the feed are journaled in one atomic write, then
    /// the feed starts; a symbol that already has a feed, or a leader it cannot take, is refused and nothing changes.
    /// </summary>
    private void Add(AddSymbol add)
    {
        var refusal = _feedSpec is not null ? $"{_symbol} is already added (fed from {_feedSpec.SourceSymbol})"
            : add.Leader == _symbol ? $"{_symbol} cannot follow itself"
            : add.Leader is not null && _core.Leader is not null && _core.Leader != add.Leader
                ? $"{_symbol} already follows {_core.Leader}"
                : null;
        if (refusal is not null)
        {
            Sender.Tell(new SymbolAdded(false, State(), refusal));
            return;
        }

        IHrmMessage[] events = add.Leader is { } leader && _core.Leader is null
            ? [new FollowLeader(_symbol, leader), new AttachFeed(_symbol, add.Feed)]
            : [new AttachFeed(_symbol, add.Feed)];
        var replyTo = Sender;
        PersistAll(events, e =>
        {
            switch (e)
            {
                case FollowLeader follow:
                    _core.Follow(follow.Leader);
                    StartFollowing();
                    break;
                case AttachFeed attach:
                    _feedSpec = attach.Spec;
                    StartFeed();
                    replyTo.Tell(new SymbolAdded(true, State()));
                    break;
            }
        });
    }

    private SymbolState State() =>
        new(Status(), _feedSpec is not null, _feedSpec, _core.Leader, _core.Macro, _core.Meso, _core.Micro, _lastSignal);

    private void Begin(FeedBatch batch)
    {
        if (batch.Offset > _feedOffset)
        {
            // The feed skipped events we never saw: applying this batch would corrupt state. Tell it where we are.
            _log.Warning("{0}: batch at offset {1} but expected {2}; asking the feed to resume", _symbol, batch.Offset, _feedOffset);
            Sender.Tell(new FeedAck(_symbol, _feedOffset));
            return;
        }

        var alreadyApplied = (int)Math.Min(_feedOffset - batch.Offset, batch.Events.Length);
        Start(batch.Events[alreadyApplied..], end: false);
    }

    private void Start(MarketEvent[] events, bool end)
    {
        _events = events;
        _cursor = 0;
        _ending = end;
        _replyTo = Sender;
        Become(Busy);
        Advance();
    }

    private void Advance()
    {
        while (_cursor < _events.Length)
        {
            var next = _events[_cursor];
            if (_core.ClosesTick(next))
            {
                if (!_core.LeaderReady(_core.TickEnd))
                {
                    _waitingForLeader = true;
                    return;
                }

                if (SendSteps(capture: false))
                {
                    _closePending = true;
                    return;
                }

                CloseTick();
            }

            _core.Route(next);
            _cursor++;
            _feedOffset++;
            _eventsSinceSnapshot++;
        }

        if (SendSteps(capture: false))
        {
            return;
        }

        if (_ending && _core.TickOpen)
        {
            if (!_core.LeaderReady(_core.TickEnd))
            {
                _waitingForLeader = true;
                return;
            }

            CloseTick();
            _ending = false;
        }

        Finish();
    }

    private bool SendSteps(bool capture)
    {
        _stepId++;
        foreach (var kind in SymbolCore.Layers)
        {
            if (capture || _core.HasWork(kind))
            {
                // Features are read only when the layer outputs are published (a pure read: signals do not depend on it).
                _layers[(int)kind].Tell(_core.TakeStep(kind, _stepId, capture, features: !capture && _settings.NeedsFeatures));
                _awaiting++;
            }
        }

        _capturing = capture;
        return _awaiting > 0;
    }

    private void OnStepDone(LayerStepDone done)
    {
        if (done.StepId != _stepId)
        {
            return;
        }

        if (_capturing)
        {
            _captured[(int)done.Layer] = done.State;
        }
        else
        {
            _core.Accept(done);
        }

        if (--_awaiting > 0)
        {
            return;
        }

        if (_capturing)
        {
            _capturing = false;
            SaveSnapshotAndAck();
            return;
        }

        if (_closePending)
        {
            _closePending = false;
            CloseTick();
        }

        Advance();
    }

    private void CloseTick()
    {
        if (_settings.PublishLayerOutputs)
        {
            Context.System.EventStream.Publish(_core.OutputsAtTickEnd());
        }

        var signal = _core.CloseTick();
        if (signal is not null)
        {
            _emitted.Add(signal);
            _lastSignal = signal;
        }
    }

    private void Finish()
    {
        var fresh = _emitted.Where(s => s.Sequence > _journaledSignals).ToList();
        _emitted.Clear();
        if (fresh.Count > 0)
        {
            _journaledSignals = fresh[^1].Sequence;
            PersistAll(fresh, Publish);
        }

        PublishContext();
        DeferAsync(_feedOffset, _ =>
        {
            if (_eventsSinceSnapshot >= _settings.SnapshotEveryEvents || (_events.Length == 0 && _eventsSinceSnapshot > 0))
            {
                SendSteps(capture: true);
                return;
            }

            Ack();
        });
    }

    private void SaveSnapshotAndAck()
    {
        SaveSnapshot(new SymbolSnapshot(
            _feedOffset,
            _core.SignalCount,
            _captured[(int)LayerKind.Macro] ?? [],
            _captured[(int)LayerKind.Meso] ?? [],
            _captured[(int)LayerKind.Micro] ?? [],
            _core.ExportState(),
            _feedSpec));
        Array.Clear(_captured);
        _eventsSinceSnapshot = 0;
        Ack();
    }

    private void Ack()
    {
        _replyTo.Tell(new FeedAck(_symbol, _feedOffset));
        _replyTo = ActorRefs.Nobody;
        _events = [];
        Become(Idle);
        Stash.UnstashAll();
    }

    /// <summary>
    /// A leader's view is final for good once its feed has ended. Until then its followers wait for it, even before
    /// it has a feed: releasing them early would make their signals depend on when the leader started.
    /// </summary>
    private bool ServesFinalContext => _feedEnded;

    /// <summary>Publishes this symbol's macro changes and watermark on its context topic for followers.</summary>
    private void PublishContext()
    {
        var context = _core.ContextSince(_publishedWatermark, ServesFinalContext);
        if (context.Watermark == _publishedWatermark || Mediator().IsNobody())
        {
            return;
        }

        Mediator().Tell(new Publish(SignalTopics.Context(_symbol), context));
        _publishedWatermark = context.Watermark;
    }

    /// <summary>Subscribes to the leader's context topic and asks the leader for what it has so far.</summary>
    private void StartFollowing()
    {
        if (_core.Leader is not { } leader || Mediator().IsNobody())
        {
            return;
        }

        Mediator().Tell(new Subscribe(SignalTopics.Context(leader), Self));
        AskLeader(leader);
    }

    private void AskLeader(string leader)
    {
        var region = ClusterSharding.Get(Context.System).ShardRegion(HrmHostingExtensions.SymbolRegion);
        region.Ask<LeaderContext>(new GetLeaderContext(leader, _core.LeaderWatermark), TimeSpan.FromMinutes(1)).PipeTo(Self);
    }

    private void OnLeaderContext(LeaderContext context)
    {
        if (!_core.AcceptLeader(context))
        {
            AskLeader(context.Leader);
            return;
        }

        if (_waitingForLeader && _core.LeaderReady(_core.TickEnd))
        {
            _waitingForLeader = false;
            Advance();
        }
    }

    private IActorRef Mediator() =>
        _mediator ??= ((ExtendedActorSystem)Context.System).Provider is ClusterActorRefProvider
            ? DistributedPubSub.Get(Context.System).Mediator
            : ActorRefs.Nobody;

    /// <summary>Starts the journaled feed, if any, from the offset this incarnation recovered, and lists the symbol.</summary>
    private void StartFeed()
    {
        if (_feedSpec is not null)
        {
            Context.ActorOf(EntityFeed.Props(_symbol, _feedSpec, _feedOffset), "feed");
            if (!Mediator().IsNobody())
            {
                SymbolRegistry.Add(Context.System, _symbol);
            }
        }
    }

    /// <summary>No feed, nothing applied, no leader: an entity that exists only because somebody asked about it.</summary>
    private bool IsUnused => _feedSpec is null && _feedOffset == 0 && _core.Leader is null;

    private SymbolStatus Status() => new(_symbol, _feedOffset, _core.SignalCount, _core.LastTsEvent,
        ((ExtendedActorSystem)Context.System).Provider.DefaultAddress.ToString(), _feedEnded);

    /// <summary>Asks the shard to stop this entity (so remember-entities forgets it); outside sharding, stops.</summary>
    private void Passivate()
    {
        if (!Mediator().IsNobody())
        {
            Context.Parent.Tell(new Passivate(PoisonPill.Instance));
        }
        else
        {
            Context.Stop(Self);
        }
    }

    /// <summary>
    /// Publishes a journaled signal on the symbol's topic (<see cref="SignalTopics.For"/>) when the node runs a
    /// cluster. At most once: a subscriber that must see every signal reads the journal.
    /// </summary>
    private void Publish(AlphaSignal signal)
    {
        if (!Mediator().IsNobody())
        {
            Mediator().Tell(new Publish(SignalTopics.For(_symbol), signal));
        }
    }

    private static byte[]? StateOf(SymbolSnapshot snapshot, LayerKind kind)
    {
        var state = kind switch
        {
            LayerKind.Macro => snapshot.Macro,
            LayerKind.Meso => snapshot.Meso,
            _ => snapshot.Micro,
        };
        return state.Length == 0 ? null : state;
    }
}

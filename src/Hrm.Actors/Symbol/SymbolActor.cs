using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using Akka.Persistence;
using Hrm.Actors.Feed;
using Hrm.Protocol;
using Hrm.Protocol.Commands;
using Hrm.Protocol.Layers;
using Hrm.Protocol.Market;
using Hrm.Signals.Engine;
using Hrm.Signals.Layers;

namespace Hrm.Actors.Symbol;

/// <summary>
/// The sharded, persistent entity of one symbol around its <see cref="SymbolEngine"/>: feeds it the batches of its
/// feed, journals the <see cref="AlphaSignal"/>s it emits, and snapshots the engine with the feed offset it reflects;
/// raw events are never journaled. After recovery the feed resumes from the snapshot's offset and regenerated signals
/// already in the journal are not written again. A layer that throws restarts the entity, which recovers every layer
/// from the last snapshot.
/// </summary>
public sealed partial class SymbolActor : ReceivePersistentActor
{
    private readonly string _symbol;
    private readonly SymbolSettings _settings;
    private readonly LayerFactories _layers;
    private readonly IEntityCluster _cluster;
    private readonly LeaderLink _leaderLink;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    private SymbolEngine? _engine;
    private long _feedOffset;
    private long _journaledSignals;
    private long _eventsSinceSnapshot;
    private FeedSpec? _feedSpec;
    private bool _feedEnded;
    private AlphaSignal? _lastSignal;
    private readonly FeedGaps _gaps = new();

    private BatchRun? _run;
    private long _runStart;
    private IActorRef _replyTo = ActorRefs.Nobody;

    public SymbolActor(string symbol, SymbolSettings settings, IEntityCluster cluster, LayerFactories layers)
    {
        _symbol = symbol;
        _settings = settings;
        _layers = layers;
        _cluster = cluster;
        _leaderLink = new LeaderLink(symbol, cluster, _log);

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is SymbolSnapshot snapshot)
            {
                var state = new EngineState(snapshot.Integrator, new LayerStates(snapshot.Macro, snapshot.Meso, snapshot.Micro));
                _engine = SymbolEngine.Restore(state, settings.Engine, layers);
                _feedOffset = snapshot.FeedOffset;
                _journaledSignals = snapshot.SignalCount;
                _feedSpec = snapshot.Feed;
                _gaps.Restore(snapshot.Gaps, snapshot.GapCount);
            }
        });
        Recover<FeedGap>(_gaps.Add);
        Recover<AlphaSignal>(signal =>
        {
            _journaledSignals = Math.Max(_journaledSignals, signal.Sequence);
            _lastSignal = signal;
        });
        Recover<RemoveSymbol>(_ => _feedSpec = null);
        Recover<LearnUntil>(cutoff => Engine.LearnUntil(cutoff.TsEvent));
        Recover<AttachFeed>(attach => _feedSpec = attach.Spec);
        Recover<FollowLeader>(follow => Engine.Leader.Follow(follow.Leader));
        Recover<RecoveryCompleted>(_ =>
        {
            if (_journaledSignals > Engine.SignalCount)
            {
                _log.Info("{0}: recovered at feed offset {1}; {2} journaled signals will be regenerated, not rewritten",
                    _symbol, _feedOffset, _journaledSignals - Engine.SignalCount);
            }

            if (_feedSpec is { IsLive: true })
            {
                // A live feed cannot replay what came after the snapshot: the signals journaled since stay as they are.
                Engine.ContinueAfter(_journaledSignals);
            }

            _leaderLink.Start(Engine, Self);
            StartFeed(resumed: true);
        });
        Idle();
    }

    /// <summary>The engine recovered from the last snapshot, or a fresh one (made once, when first needed).</summary>
    private SymbolEngine Engine => _engine ??= new SymbolEngine(_symbol, _settings.Engine, _layers);

    public override string PersistenceId => PersistenceIdFor(_symbol);

    public static string PersistenceIdFor(string symbol) => $"symbol-{symbol}";

    public static Props Props(string symbol, SymbolSettings settings, IEntityCluster cluster, LayerFactories? layers = null) =>
        Akka.Actor.Props.Create(() => new SymbolActor(symbol, settings, cluster, layers ?? LayerFactories.Default));

    private void Idle()
    {
        Command<FeedBatch>(Begin);
        Command<FeedEnd>(_ =>
        {
            _feedEnded = true;
            Start([], end: true);
        });
        Command<AddSymbol>(Add);
        Command<RemoveSymbol>(Remove);
        Command<GetFeedOffset>(_ => Sender.Tell(new FeedAck(_symbol, _feedOffset)));
        Command<LearnUntil>(cutoff => Persist(cutoff, c =>
        {
            Engine.LearnUntil(c.TsEvent);
            Sender.Tell(new FeedAck(_symbol, _feedOffset));
        }));
        Command<FollowLeader>(OnFollowLeader);
        AnsweredAlways();
        SnapshotOutcomes();
    }

    /// <summary>While a batch waits for the leader's view or its signals are being written: other commands wait.</summary>
    private void Busy()
    {
        AnsweredAlways();
        CommandAny(_ => Stash.Stash());
    }

    /// <summary>Answered in any state: status, state, the leader context this symbol serves and the one it follows.</summary>
    private void AnsweredAlways()
    {
        Command<GetSymbolStatus>(_ => Sender.Tell(Status()));
        Command<GetLeaderContext>(ask => Sender.Tell(Engine.ContextSince(ask.Since, _feedEnded)));
        Command<GetSymbolState>(_ =>
        {
            Sender.Tell(State());
            if (IsUnused)
            {
                // Asked about a symbol nobody added: do not stay around (or be remembered) for it.
                _cluster.Passivate(Context);
            }
        });
        Command<LeaderContext>(context =>
        {
            if (_leaderLink.Accept(Engine, context, Self) && _run is not null && Engine.LeaderReady())
            {
                Advance();
            }
        });
        Command<Status.Failure>(failure => _leaderLink.AskFailed(Engine, failure.Cause, Self));
        Command<SubscribeAck>(_ => { });
    }

    private void SnapshotOutcomes()
    {
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
        if (batch.GapBefore is { } reason && alreadyApplied == 0 && batch.Events.Length > 0)
        {
            // Recovered without a snapshot, the engine has seen nothing yet; the journal still knows the last signal's time.
            var seenUntil = Math.Max(Engine.LastTsEvent, _lastSignal?.TsEvent ?? 0);
            var gap = new FeedGap(_symbol, seenUntil, batch.Events[0].TsEvent, batch.Offset, reason);
            Persist(gap, g =>
            {
                _log.Warning("{0}: live feed gap at offset {1} ({2})", _symbol, g.Offset, g.Reason);
                _gaps.Add(g);
                Start(batch.Events, end: false);
            });
            return;
        }

        Start(batch.Events[alreadyApplied..], end: false);
    }

    private void Start(MarketEvent[] events, bool end)
    {
        _run = new BatchRun(Engine, events, end, _settings.PublishLayerOutputs ? Context.System.EventStream.Publish : null);
        _runStart = _feedOffset;
        _replyTo = Sender;
        Become(Busy);
        Advance();
    }

    /// <summary>Runs the batch on; while it waits for the leader's view, the next <see cref="LeaderContext"/> resumes it.</summary>
    private void Advance()
    {
        var done = _run!.Advance();
        _feedOffset = _runStart + _run.Routed;
        if (done)
        {
            Finish(_run);
        }
    }

    private void Finish(BatchRun run)
    {
        _run = null;
        _eventsSinceSnapshot += run.Routed;
        _lastSignal = run.Emitted.LastOrDefault() ?? _lastSignal;
        var fresh = run.Emitted.Where(s => s.Sequence > _journaledSignals).ToList();
        if (fresh.Count > 0)
        {
            _journaledSignals = fresh[^1].Sequence;
            PersistAll(fresh, signal => _cluster.Publish(SignalTopics.For(_symbol), signal));
        }

        _leaderLink.Publish(Engine, _feedEnded);
        DeferAsync(_feedOffset, _ =>
        {
            if (_eventsSinceSnapshot >= _settings.SnapshotEveryEvents || (run.Routed == 0 && _eventsSinceSnapshot > 0))
            {
                SaveSnapshot();
            }

            _replyTo.Tell(new FeedAck(_symbol, _feedOffset));
            _replyTo = ActorRefs.Nobody;
            Become(Idle);
            Stash.UnstashAll();
        });
    }

    private void SaveSnapshot()
    {
        var state = Engine.Export();
        SaveSnapshot(new SymbolSnapshot(_feedOffset, Engine.SignalCount, state.Layers.Macro, state.Layers.Meso, state.Layers.Micro,
            state.Engine, _feedSpec, _gaps.Newest, _gaps.Count));
        _eventsSinceSnapshot = 0;
    }

    private SymbolStatus Status() => new(_symbol, _feedOffset, Engine.SignalCount, Engine.LastTsEvent,
        ((ExtendedActorSystem)Context.System).Provider.DefaultAddress.ToString(), _feedEnded);

    private SymbolState State() => new(Status(), _feedSpec is not null, _feedSpec, Engine.Leader.Leader,
        Engine.Layers.Macro, Engine.Layers.Meso, Engine.Layers.Micro, _lastSignal, _gaps.Newest, _gaps.Count);
}

using Akka;
using Akka.Actor;
using Akka.Event;
using Akka.Streams;
using Akka.Streams.Dsl;
using Hrm.Live;
using Hrm.Protocol.Commands;

namespace Hrm.Actors.Feed;

/// <summary>
/// The feed of one symbol entity, run as the entity's child on whichever node hosts it: an Akka.Streams source, one
/// batch in flight, each acknowledged by the entity after its signals are journaled (back-pressure). A recorded feed
/// replays the spec's events from the entity's stored offset, so the events it applies are exactly those after its
/// snapshot; a live feed connects to the spec's venues and numbers on from that offset, marking what it could not see
/// (<see cref="LiveFeedAssembler"/>). When the entity moves or restarts, its new incarnation starts a new feed.
/// </summary>
public sealed class EntityFeed : ReceiveActor
{
    private static readonly TimeSpan AckTimeout = TimeSpan.FromMinutes(5);

    /// <summary>How long a live feed collects events before it hands them to the entity as one batch.</summary>
    public static readonly TimeSpan LiveBatchWindow = TimeSpan.FromMilliseconds(50);

    private readonly ILoggingAdapter _log = Context.GetLogger();

    public EntityFeed(string entity, FeedSpec spec, long resumeAt, bool resumed, ILiveConnectorFactory? live)
    {
        var parent = Context.Parent;
        var self = Self;
        var items = spec.IsLive ? LiveItems(entity, spec, resumeAt, resumed, live) : RecordedItems(entity, spec, resumeAt);
        items
            .SelectAsync(1, async item =>
            {
                FeedCursor.Verify(await parent.Ask<FeedAck>(item.Message, AckTimeout), item.ExpectedAck);
                return item;
            })
            .RunWith(Sink.Ignore<IFeedItem>(), Context.Materializer())
            .PipeTo(self, success: () => Done.Instance, failure: e => new Status.Failure(e));

        Receive<Done>(_ =>
        {
            _log.Info("{0}: feed replayed to the end", entity);
            Context.Stop(Self);
        });
        Receive<Status.Failure>(failure => throw new FeedFailedException(entity, failure.Cause));
    }

    /// <param name="resumed">The entity recovered this feed (restart, failover): a live feed marks the time it was down.</param>
    public static Props Props(string entity, FeedSpec spec, long resumeAt, bool resumed = false, ILiveConnectorFactory? live = null) =>
        Akka.Actor.Props.Create(() => new EntityFeed(entity, spec, resumeAt, resumed, live));

    private static Source<IFeedItem, NotUsed> RecordedItems(string entity, FeedSpec spec, long resumeAt) =>
        Source.FromEnumerator(() => FeedSource.Batches(FeedSource.Open(spec, entity), entity, resumeAt, spec.BatchSize).GetEnumerator());

    private static Source<IFeedItem, NotUsed> LiveItems(string entity, FeedSpec spec, long resumeAt, bool resumed, ILiveConnectorFactory? live)
    {
        if (live is null)
        {
            throw new InvalidOperationException($"{entity}: a live feed was asked for, but this node has no live connectors configured.");
        }

        var venues = spec.LiveVenues!;
        var notices = venues
            .Select(venue => live.Create(venue, [spec.SourceSymbol]).Notices())
            .Aggregate((a, b) => a.Merge(b));
        var assembler = new LiveFeedAssembler(entity, venues, resumed);
        var batches = new LiveBatches(entity, resumeAt);
        return notices
            .SelectMany(assembler.Accept)
            .GroupedWithin(spec.BatchSize, LiveBatchWindow)
            .SelectMany(group => batches.Cut(group))
            .Select(IFeedItem (batch) => new IFeedItem.Batch(batch));
    }
}

/// <summary>The feed could not be read or the entity disagreed on the offset; the entity restarts and resumes it.</summary>
public sealed class FeedFailedException(string entity, Exception cause)
    : Exception($"{entity}: feed failed: {cause.Message}", cause);

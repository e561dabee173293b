using Akka;
using Akka.Actor;
using Akka.Event;
using Akka.Streams;
using Akka.Streams.Dsl;
using Hrm.Protocol.Commands;

namespace Hrm.Actors.Feed;

/// <summary>
/// The feed of one symbol entity, run as the entity's child on whichever node hosts it: an Akka.Streams source over
/// the spec's recorded events from the entity's stored offset, one batch in flight, each acknowledged by the entity
/// after its signals are journaled (back-pressure). When the entity moves or restarts, its new incarnation starts a
/// new feed from the offset it recovered, so the events it applies are exactly those after its snapshot. A live feed
/// would plug in here the same way.
/// </summary>
public sealed class EntityFeed : ReceiveActor
{
    private static readonly TimeSpan AckTimeout = TimeSpan.FromMinutes(5);

    private readonly ILoggingAdapter _log = Context.GetLogger();

    public EntityFeed(string entity, FeedSpec spec, long resumeAt)
    {
        var parent = Context.Parent;
        var self = Self;
        Source.FromEnumerator(() => FeedSource.Batches(FeedSource.Open(spec, entity), entity, resumeAt, spec.BatchSize).GetEnumerator())
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

    public static Props Props(string entity, FeedSpec spec, long resumeAt) =>
        Akka.Actor.Props.Create(() => new EntityFeed(entity, spec, resumeAt));
}

/// <summary>The feed could not be read or the entity disagreed on the offset; the entity restarts and resumes it.</summary>
public sealed class FeedFailedException(string entity, Exception cause)
    : Exception($"{entity}: feed failed: {cause.Message}", cause);

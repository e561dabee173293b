using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Hrm.Actors.Feed;
using Hrm.Actors.Hosting;
using Hrm.Actors.Symbol;
using Hrm.Backtesting;
using Hrm.Protocol.Commands;
using Hrm.Protocol.Layers;
using Hrm.Protocol.Market;
using Hrm.Testing;

namespace Hrm.Actors.Tests.Feed;

/// <summary>
/// An entity that owns its feed (<see cref="AddSymbol"/>): the real ETHUSDT 2024-08-09 capture with 30 days of candle
/// history, replayed by the entity's own stream. It gives the signals a driver-fed entity gives, publishes them on its
/// topic, and after its node stops mid-replay and a new node starts on the same journal, the entity comes back by
/// itself (remember-entities), resumes its feed from the stored offset and ends with the same signals.
/// </summary>
public sealed class EntityFeedTests
{
    private const string Entity = "ETHUSDT@2024-08-09";
    private static readonly FeedSpec Spec = new("ETHUSDT", SharedData.Window2024, SharedData.History, WarmupDays: 30, BatchSize: 2048);
    private static readonly SymbolSettings Settings = new() { SnapshotEveryEvents = 20_000 };

    [Fact]
    public void Batches_carry_their_offsets_from_the_resume_point_and_end_at_the_total()
    {
        var events = Enumerable.Range(0, 7).Select(i => (MarketEvent)new FundingRate
        {
            Symbol = "X",
            Venue = Venue.BinanceUsdm,
            TsEvent = i,
            TsInit = i,
            Rate = 0,
        }).ToList();

        var items = FeedSource.Batches(events, "X", resumeAt: 2, batchSize: 3).ToList();

        Assert.Equal([(2L, 3), (5L, 2)], items.OfType<IFeedItem.Batch>().Select(b => (b.Value.Offset, b.Value.Events.Length)));
        Assert.Equal([5L, 7L, 7L], items.Select(i => i.ExpectedAck));
        Assert.Equal(7, Assert.IsType<IFeedItem.End>(items[^1]).Value.Offset);
    }

    [Fact]
    public async Task The_entity_feeds_itself_publishes_its_signals_and_resumes_after_its_node_stops()
    {
        var reference = await DriverReplayAsync();
        Assert.NotEmpty(reference);

        var journal = JournalSettings.SqliteFile(Path.Combine(SharedData.NewTempDirectory("entity-feed"), "hrm.db"));
        long stoppedAt;
        await using (var node = await EmbeddedCluster.StartAsync(journal, Settings))
        {
            var subscriber = node.System.ActorOf(Props.Create(() => new Collect()));
            var mediator = DistributedPubSub.Get(node.System).Mediator;
            await mediator.Ask<SubscribeAck>(new Subscribe(SignalTopics.For(Entity), subscriber), TimeSpan.FromSeconds(10));

            await node.Symbols.Ask<SymbolAdded>(new AddSymbol(Entity, Spec), TimeSpan.FromSeconds(30));
            var status = await WaitAsync(node, s => s.FeedOffset >= 60_000 || s.FeedEnded);
            stoppedAt = status.FeedOffset;
            var published = await subscriber.Ask<IReadOnlyList<AlphaSignal>>("signals", TimeSpan.FromSeconds(10));
            Assert.NotEmpty(published);
            Assert.Equal(SignalCsv.Render(reference.Take(published.Count).ToList()), SignalCsv.Render(published));
        }

        await using (var node = await EmbeddedCluster.StartAsync(journal, Settings))
        {
            // Nothing is sent to the entity: remember-entities starts it, and it restarts its journaled feed. The
            // journal fills up to the reference count on its own.
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
            IReadOnlyList<AlphaSignal> signals;
            while ((signals = await SignalJournal.ReadAsync(node.System, [Entity])).Count < reference.Count)
            {
                Assert.True(DateTime.UtcNow < deadline, $"the entity did not come back and finish its feed ({signals.Count} of {reference.Count} signals)");
                await Task.Delay(250);
            }

            Assert.Equal(SignalCsv.Render(reference), SignalCsv.Render(signals));
            var status = await WaitAsync(node, s => s.FeedEnded);
            Assert.True(status.FeedOffset > stoppedAt);
        }
    }

    /// <summary>The same events fed by the replay driver, the way a backtest feeds them.</summary>
    private static async Task<IReadOnlyList<AlphaSignal>> DriverReplayAsync()
    {
        var journal = JournalSettings.SqliteFile(Path.Combine(SharedData.NewTempDirectory("entity-feed-ref"), "hrm.db"));
        await using var node = await EmbeddedCluster.StartAsync(journal, Settings);
        await new ReplayDriver(node.Symbols, Spec.BatchSize).RunAsync(FeedSource.Open(Spec, Entity), [Entity]);
        return await SignalJournal.ReadAsync(node.System, [Entity]);
    }

    private static async Task<SymbolStatus> WaitAsync(EmbeddedCluster node, Func<SymbolStatus, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (true)
        {
            var status = await node.Symbols.Ask<SymbolStatus>(new GetSymbolStatus(Entity), TimeSpan.FromSeconds(30));
            if (done(status))
            {
                return status;
            }

            Assert.True(DateTime.UtcNow < deadline, "the entity's feed did not get there in 3 minutes");
            await Task.Delay(100);
        }
    }

    private sealed class Collect : ReceiveActor
    {
        private readonly List<AlphaSignal> _signals = [];

        public Collect()
        {
            Receive<AlphaSignal>(_signals.Add);
            Receive<string>(_ => Sender.Tell((IReadOnlyList<AlphaSignal>)_signals.ToArray()));
        }
    }
}

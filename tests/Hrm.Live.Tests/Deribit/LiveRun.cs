using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;

namespace Hrm.Live.Tests.Deribit;

/// <summary>A connector's notices collected while it runs; every wait is bounded.</summary>
public sealed class LiveRun : IAsyncDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("live-test");
    private readonly List<LiveNotice> _notices = [];
    private readonly UniqueKillSwitch _kill;

    public LiveRun(ILiveConnector connector)
    {
        _kill = connector.Notices()
            .ViaMaterialized(KillSwitches.Single<LiveNotice>(), Keep.Right)
            .To(Sink.ForEach<LiveNotice>(n =>
            {
                lock (_notices) _notices.Add(n);
            }))
            .Run(_system.Materializer());
    }

    public IReadOnlyList<LiveNotice> Notices
    {
        get
        {
            lock (_notices) return _notices.ToList();
        }
    }

    public async Task<IReadOnlyList<LiveNotice>> WaitUntil(Func<IReadOnlyList<LiveNotice>, bool> done, string what, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < until)
        {
            var notices = Notices;
            if (done(notices)) return notices;
            await Task.Delay(20);
        }

        throw new TimeoutException($"timed out waiting for {what}; got {Notices.Count} notices: " + string.Join(", ", Notices.Where(n => n is not RawMessage and not MarketUpdate and not Hrm.Live.Deribit.DeribitBookApplied)));
    }

    public async ValueTask DisposeAsync()
    {
        _kill.Shutdown();
        await _system.Terminate().WaitAsync(TimeSpan.FromSeconds(5));
    }
}

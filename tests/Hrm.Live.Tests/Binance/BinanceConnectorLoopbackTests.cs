using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Hrm.Live.Binance;
using Hrm.Protocol.Market;

namespace Hrm.Live.Tests.Binance;

/// <summary>
/// The whole connector (sockets, REST, state) against <see cref="LoopbackBinance"/> serving a real recording, with the
/// faults it scripts; the emitted chain is checked against the recording synced offline.
/// </summary>
public sealed class BinanceConnectorLoopbackTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(12);

    private static readonly BinanceOptions Fast = new()
    {
        PingInterval = TimeSpan.FromSeconds(1),
        PongTimeout = TimeSpan.FromSeconds(2),
        NoDataTimeout = TimeSpan.FromSeconds(5),
        MinBackoff = TimeSpan.FromMilliseconds(50),
        MaxBackoff = TimeSpan.FromMilliseconds(200),
        SnapshotRetryDelay = TimeSpan.FromMilliseconds(100),
        ConnectTimeout = TimeSpan.FromSeconds(2),
        RestTimeout = TimeSpan.FromSeconds(2),
    };

    private ActorSystem _system = null!;

    public Task InitializeAsync()
    {
        _system = ActorSystem.Create("loopback");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _system.Terminate();

    [Fact]
    public async Task A_clean_session_passes_on_the_recording_and_syncs_like_offline()
    {
        var capture = RecordedCapture.Load("spot_btcusdt");
        await using var venue = await LoopbackBinance.StartAsync(capture, new LoopbackScript(Lines: 3000));
        var notices = await RunUntilFrames(capture, venue, Fast, Frames(capture, 0, 3000));

        Assert.Single(notices.OfType<BookSynced>());
        Assert.Empty(notices.OfType<BookGap>());
        var frames = notices.OfType<RawMessage>().Where(r => r.Stream != "rest:depth").Select(r => r.Text).ToList();
        Assert.Equal(capture.Lines.Take(3000).Where(l => !l.IsSnapshot).Select(l => l.Json), frames);
        Assert.Contains(notices.OfType<RawMessage>(), r => r is { Stream: "rest:depth", Capture: "spot_btcusdt" });
        AssertChain(capture, notices);
    }

    [Fact]
    public async Task A_drop_with_lost_messages_on_resume_reconnects_and_resyncs_without_a_gap()
    {
        var capture = RecordedCapture.Load("usdm_btcusdt");
        var script = new LoopbackScript(Lines: 4000, DropAfter: 1500, SkipOnResume: 200);
        await using var venue = await LoopbackBinance.StartAsync(capture, script);
        var notices = await RunUntilFrames(capture, venue, Fast, Frames(capture, 0, 1500) + Frames(capture, 1700, 4000),
            syncs: 2);

        var closed = Assert.Single(notices.OfType<ConnectionClosed>());
        Assert.Equal(1, closed.Connection);
        Assert.StartsWith("closed by venue", closed.Reason);
        Assert.Equal([1, 2], notices.OfType<ConnectionOpened>().Select(o => o.Connection));
        Assert.Equal([false, true], notices.OfType<BookSynced>().Select(s => s.Resync));
        Assert.Empty(notices.OfType<BookGap>());
        AssertChain(capture, notices);
    }

    [Fact]
    public async Task A_silent_connection_is_dropped_by_the_watchdog_and_replaced()
    {
        var capture = RecordedCapture.Load("cm_btcusd_perp");
        var script = new LoopbackScript(Lines: 3000, DropAfter: 1500, GoSilent: true);
        await using var venue = await LoopbackBinance.StartAsync(capture, script);
        var options = Fast with { NoDataTimeout = TimeSpan.FromSeconds(1) };
        var notices = await RunUntilFrames(capture, venue, options, Frames(capture, 0, 3000), syncs: 2);

        Assert.StartsWith("no data", Assert.Single(notices.OfType<ConnectionClosed>()).Reason);
        Assert.Equal([false, true], notices.OfType<BookSynced>().Select(s => s.Resync));
        AssertChain(capture, notices);
    }

    [Fact]
    public async Task A_429_is_reported_and_no_request_goes_out_before_its_retry_after()
    {
        var capture = RecordedCapture.Load("spot_btcusdt");
        var script = new LoopbackScript(Lines: 2000, RefuseSnapshots: 1, RetryAfterSeconds: 1);
        await using var venue = await LoopbackBinance.StartAsync(capture, script);
        var notices = await RunUntil(capture, venue, Fast, n => Synced(n) >= 1);

        var limited = Assert.Single(notices.OfType<RateLimited>());
        Assert.Equal((429, TimeSpan.FromSeconds(1)), (limited.Status, limited.RetryAfter));
        var requests = venue.SnapshotRequests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.True(requests[1] - requests[0] >= TimeSpan.FromSeconds(1) - TimeSpan.FromMilliseconds(20));
        AssertChain(capture, notices);
    }

    [Fact]
    public async Task Cancelling_the_stream_closes_the_socket_promptly()
    {
        var capture = RecordedCapture.Load("spot_btcusdt");
        await using var venue = await LoopbackBinance.StartAsync(capture, new LoopbackScript(Lines: 500));
        await RunUntil(capture, venue, Fast, n => Synced(n) >= 1);
        var stoppedAt = DateTimeOffset.UtcNow;

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(3);
        while (venue.SocketsGone.IsEmpty && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.True(venue.SocketsGone.TryPeek(out var gone), "socket still open 3 s after the stream stopped");
        Assert.True(gone - stoppedAt < TimeSpan.FromSeconds(2));
    }

    private static int Frames(RecordedCapture capture, int from, int to) =>
        capture.Lines.Skip(from).Take(to - from).Count(l => !l.IsSnapshot);

    /// <summary>Until <paramref name="frames"/> frames have arrived and <paramref name="syncs"/> snapshots were passed on.</summary>
    private Task<List<LiveNotice>> RunUntilFrames(RecordedCapture capture, LoopbackBinance venue, BinanceOptions options,
        int frames, int syncs = 1) =>
        RunUntil(capture, venue, options, n => n.Count(x => x is RawMessage { Stream: not "rest:depth" }) >= frames
                                               && Synced(n) >= syncs);

    private static int Synced(List<LiveNotice> notices) => notices.Count(n => n is MarketUpdate { Event: DepthSnapshot });

    /// <summary>Runs a connector until <paramref name="done"/> holds for the notices so far, then cancels the stream.</summary>
    private async Task<List<LiveNotice>> RunUntil(RecordedCapture capture, LoopbackBinance venue, BinanceOptions options,
        Func<List<LiveNotice>, bool> done)
    {
        var connector = new BinanceConnector(venue.Settings, [capture.Instrument], options);
        var notices = new List<LiveNotice>();
        await connector.Notices()
            .TakeWhile(n =>
            {
                notices.Add(n);
                return !done(notices);
            })
            .RunWith(Sink.Ignore<LiveNotice>(), _system.Materializer())
            .WaitAsync(Timeout);
        return notices;
    }

    private static void AssertChain(RecordedCapture capture, List<LiveNotice> notices)
    {
        var chain = new EmittedChain(capture.Venue);
        foreach (var notice in notices) chain.Observe(notice);
        chain.AssertMatches(OfflineBook.Of(capture));

        var events = notices.OfType<MarketUpdate>().Select(u => u.Event).ToList();
        var trades = events.OfType<TradeTick>().Select(t => t.TradeId).ToList();
        Assert.Equal(trades.Count, trades.Distinct().Count());
        var diffs = events.OfType<DepthDiff>().Select(d => d.FinalUpdateId).ToList();
        Assert.Equal(diffs.Count, diffs.Distinct().Count());
        Assert.True(diffs.Zip(diffs.Skip(1), (a, b) => a < b).All(up => up), "depth ids not increasing");
    }
}

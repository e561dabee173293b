using System.Net.WebSockets;
using System.Text;
using Hrm.FakeExchange.Deribit;
using Hrm.Live.Deribit;
using Hrm.MarketData.Deribit;
using Hrm.Protocol.Market;

namespace Hrm.Live.Tests.Deribit;

/// <summary>The connector against the loopback fake replaying the recorded real traffic, one fault at a time.</summary>
public sealed class DeribitConnectorTests
{
    private static readonly string RecordingPath =
        Path.Combine(Hrm.Testing.SharedData.Root, "fixtures", "cryptofeed_sample_data", "DERIBIT.ws.1.0.gz");

    private static readonly IReadOnlyList<RecordedNotification> Recording = DeribitRecording.Load(RecordingPath);

    private static readonly DeribitBookOracle Oracle = new(Recording.Where(m => m.Book is not null).Select(m => m.Book!));

    private static readonly string[] Instruments = Recording.Where(m => m.Book is not null).Select(m => m.Book!.Instrument).Distinct().ToArray();

    private const int Tickers = 89;

    private static DeribitConnector Connector(FakeDeribit fake, TimeSpan? heartbeat = null) => new(new DeribitConnectorOptions(Instruments)
    {
        Url = fake.Url,
        HeartbeatInterval = heartbeat ?? TimeSpan.FromSeconds(1),
        InitialBackoff = TimeSpan.FromMilliseconds(50),
    });

    private static int Quotes(IReadOnlyList<LiveNotice> notices) => notices.OfType<MarketUpdate>().Count();

    /// <summary>Every applied book message, replayed onto a book, gives the offline oracle's book at its change_id.</summary>
    private static void AssertBooksMatchOracle(IReadOnlyList<LiveNotice> notices)
    {
        var books = new Dictionary<string, DeribitBook>();
        var applied = notices.OfType<DeribitBookApplied>().ToList();
        Assert.NotEmpty(applied);
        foreach (var update in applied.Select(a => a.Update))
        {
            if (!books.TryGetValue(update.Instrument, out var book)) books[update.Instrument] = book = new DeribitBook();
            Assert.Equal(DeribitChain.Continues, book.Check(update));
            book.Apply(update);
            var (bids, asks) = Oracle.At(update.Instrument, update.ChangeId);
            Assert.Equal(bids.OrderBy(l => l.Key), book.Bids.OrderBy(l => l.Key));
            Assert.Equal(asks.OrderBy(l => l.Key), book.Asks.OrderBy(l => l.Key));
        }
    }

    private static void AssertNoDuplicateQuotes(IReadOnlyList<LiveNotice> notices)
    {
        var quotes = notices.OfType<MarketUpdate>().Select(u => (OptionQuote)u.Event).ToList();
        Assert.Equal(quotes.Count, quotes.Select(q => (q.Instrument, q.TsEvent)).Distinct().Count());
    }

    [Fact]
    public async Task Subscribes_answers_test_requests_and_passes_every_ticker_and_book_message()
    {
        await using var fake = await FakeDeribit.StartAsync(RecordingPath, new FakeDeribitScript());
        await using var run = new LiveRun(Connector(fake));
        var notices = await run.WaitUntil(n => Quotes(n) == Tickers && n.OfType<DeribitBookApplied>().Count() == 46 && fake.TestRequestsAnswered >= 1,
            "every ticker, every book message and an answered test_request");
        var requests = fake.Requests.ToList();
        Assert.Equal("public/set_heartbeat", requests[0].Method);
        Assert.Equal("public/subscribe", requests[1].Method);
        Assert.Equal(Instruments.SelectMany(DeribitRequests.Channels).Order(), requests[1].Channels.Order());
        Assert.Contains(requests, r => r.Method == "public/test");
        Assert.Equal(Recording.Count, notices.OfType<RawMessage>().Count(r => r.Stream != "rpc" && r.Stream != "heartbeat"));
        Assert.All(notices.OfType<RawMessage>(), r => Assert.Equal("deribit_btc", r.Capture));
        Assert.Equal(10, notices.OfType<BookSynced>().Count(s => !s.Resync));
        Assert.Empty(notices.OfType<BookGap>());
        var first = (OptionQuote)notices.OfType<MarketUpdate>().First().Event;
        Assert.Equal("ETH-30JUL21-2800-C", first.Instrument);
        Assert.Equal(1_626_993_723_632_000_000, first.TsEvent); // Deribit's timestamp, never the receive clock
        AssertBooksMatchOracle(notices);
        AssertNoDuplicateQuotes(notices);
        Assert.Equal(1, fake.Connections);
    }

    [Fact]
    public async Task A_dropped_book_change_is_one_gap_and_a_resubscription_of_that_book_alone()
    {
        var changes = Recording.Select((m, i) => (m, i)).Where(x => x.m.Book is { IsSnapshot: false, Instrument: "BTC-24SEP21-8000-P" }).ToList();
        var (dropped, index) = changes[2];
        var before = changes[1].m.Book!.ChangeId;
        await using var fake = await FakeDeribit.StartAsync(RecordingPath, new FakeDeribitScript { DropBookChangeAt = index });
        await using var run = new LiveRun(Connector(fake));
        var notices = await run.WaitUntil(n => n.OfType<BookSynced>().Any(s => s.Resync) && Quotes(n) == Tickers, "the resync");
        var gap = Assert.Single(notices.OfType<BookGap>());
        Assert.Equal("BTC-24SEP21-8000-P", gap.Instrument);
        Assert.Equal(before, gap.LastId);
        Assert.Equal(dropped.Book!.ChangeId, gap.NextId); // the next change's prev_change_id is the dropped one's change_id
        var resubscribed = fake.Requests.Skip(2).Where(r => r.Method is "public/subscribe" or "public/unsubscribe").ToList();
        Assert.Equal(["public/unsubscribe", "public/subscribe"], resubscribed.Select(r => r.Method));
        Assert.All(resubscribed, r => Assert.Equal(["book.BTC-24SEP21-8000-P.raw"], r.Channels));
        var synced = Assert.Single(notices.OfType<BookSynced>(), s => s.Resync);
        Assert.Equal(gap.Instrument, synced.Instrument);
        var outOfSync = notices.SkipWhile(n => n != gap).TakeWhile(n => n != synced);
        Assert.DoesNotContain(outOfSync, n => n is DeribitBookApplied a && a.Update.Instrument == gap.Instrument);
        AssertBooksMatchOracle(notices);
        Assert.Equal(1, fake.Connections);
    }

    [Fact]
    public async Task Duplicated_messages_are_passed_once()
    {
        await using var fake = await FakeDeribit.StartAsync(RecordingPath, new FakeDeribitScript { DuplicateAt = Enumerable.Range(0, Recording.Count).ToHashSet() });
        await using var run = new LiveRun(Connector(fake));
        var notices = await run.WaitUntil(n => n.OfType<RawMessage>().Count(r => r.Stream != "rpc" && r.Stream != "heartbeat") == 2 * Recording.Count, "every frame twice");
        Assert.Equal(Tickers, Quotes(notices));
        Assert.Equal(46, notices.OfType<DeribitBookApplied>().Count());
        Assert.Empty(notices.OfType<BookGap>());
        AssertBooksMatchOracle(notices);
        AssertNoDuplicateQuotes(notices);
    }

    [Fact]
    public async Task A_dropped_connection_reconnects_and_resyncs_every_book()
    {
        await using var fake = await FakeDeribit.StartAsync(RecordingPath, new FakeDeribitScript { DropConnectionAt = 60 });
        await using var run = new LiveRun(Connector(fake));
        // frames in flight when the socket is aborted are lost, as on a real drop: wait for the recording's last ticker
        var last = Recording.Last(m => m.Channel.StartsWith("ticker.", StringComparison.Ordinal)).Channel;
        var notices = await run.WaitUntil(n => n.OfType<ConnectionOpened>().Count() == 2 && fake.Market.AtEnd &&
            n.OfType<RawMessage>().LastOrDefault(r => r.Stream.StartsWith("ticker.", StringComparison.Ordinal))?.Stream == last, "the reconnect and the last ticker");
        Assert.Single(notices.OfType<ConnectionClosed>());
        Assert.Equal([1, 2], notices.OfType<ConnectionOpened>().Select(o => o.Connection));
        var reopened = notices.OfType<ConnectionOpened>().Last();
        Assert.Equal(10, notices.SkipWhile(n => n != reopened).OfType<BookSynced>().Count(s => s.Resync));
        Assert.Empty(notices.OfType<BookGap>());
        AssertBooksMatchOracle(SinceLast<ConnectionOpened>(notices));
        AssertNoDuplicateQuotes(notices);
    }

    [Fact]
    public async Task Heartbeats_that_stop_are_a_dead_connection_after_two_intervals()
    {
        await using var fake = await FakeDeribit.StartAsync(RecordingPath, new FakeDeribitScript { SilentFrom = 30 });
        await using var run = new LiveRun(Connector(fake));
        var notices = await run.WaitUntil(n => Quotes(n) == Tickers && n.OfType<ConnectionOpened>().Count() == 2, "the reconnect after silence");
        var closed = Assert.Single(notices.OfType<ConnectionClosed>());
        Assert.Equal("heartbeat timeout", closed.Reason);
        AssertNoDuplicateQuotes(notices);
    }

    [Fact]
    public async Task The_fake_closes_a_connection_that_leaves_a_test_request_unanswered()
    {
        await using var fake = await FakeDeribit.StartAsync(RecordingPath, new FakeDeribitScript());
        using var client = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await client.ConnectAsync(fake.Url, timeout.Token);
        await client.SendAsync(DeribitRequests.SetHeartbeat(1, TimeSpan.FromSeconds(1)), WebSocketMessageType.Text, true, timeout.Token);
        var buffer = new byte[1 << 16];
        var texts = new List<string>();
        try
        {
            while (true)
            {
                var result = await client.ReceiveAsync(buffer, timeout.Token);
                if (result.MessageType == WebSocketMessageType.Close) break;
                texts.Add(Encoding.UTF8.GetString(buffer, 0, result.Count));
            }
        }
        catch (WebSocketException)
        {
            // the fake aborts the socket
        }

        Assert.False(timeout.IsCancellationRequested);
        Assert.Contains(texts, t => t.Contains("test_request", StringComparison.Ordinal));
        await WaitFor(() => !fake.Closed.IsEmpty, timeout.Token);
        Assert.Equal("1: test_request unanswered", Assert.Single(fake.Closed));
    }

    private static async Task WaitFor(Func<bool> condition, CancellationToken timeout)
    {
        while (!condition()) await Task.Delay(20, timeout);
    }

    private static IReadOnlyList<LiveNotice> SinceLast<T>(IReadOnlyList<LiveNotice> notices) where T : LiveNotice
    {
        var last = notices.OfType<T>().Last();
        return notices.SkipWhile(n => n != last).ToList();
    }
}

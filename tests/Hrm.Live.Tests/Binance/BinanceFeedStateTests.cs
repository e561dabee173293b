using Hrm.Live.Binance;
using Hrm.MarketData.Binance;
using Hrm.MarketData.Parsing;
using Hrm.Protocol.Market;

namespace Hrm.Live.Tests.Binance;

/// <summary>
/// The connector's state machine fed the real 2024-08-09 captures line by line, as the sockets would deliver them
/// (the recorded REST snapshot answers the first snapshot request), against the same captures synced offline.
/// </summary>
public sealed class BinanceFeedStateTests
{
    public static TheoryData<string> Captures => ["spot_btcusdt", "usdm_btcusdt", "cm_btcusd_perp"];

    [Theory]
    [MemberData(nameof(Captures))]
    public void A_recording_fed_live_emits_exactly_what_offline_sync_applies(string prefix)
    {
        var capture = RecordedCapture.Load(prefix);
        var offline = OfflineBook.Of(capture);
        var driver = new FeedDriver(capture);
        var firstDiff = DepthLines(capture).First();

        driver.Up(1, capture.Lines[0].Nanos - 1);
        driver.Play(1, 0, firstDiff);
        Assert.Empty(driver.Commands);
        driver.Play(1, firstDiff, firstDiff + 1);
        Assert.Single(driver.Commands.OfType<FetchSnapshot>());
        driver.Play(1, firstDiff + 1, capture.Lines.Count);

        Assert.Equal(offline.Applied, driver.EmittedDepth.Select(BookState.Key));
        Assert.Equal(offline.TradeIds, driver.Emitted.OfType<TradeTick>().Select(t => t.TradeId));
        Assert.Equal(1, driver.Count<BookSynced>());
        Assert.Equal(0, driver.Count<BookGap>());
        Assert.Equal(0, driver.State.StaleSnapshots);
        driver.AssertBooksMatch(offline);
        driver.AssertNoDuplicates();
        driver.AssertNothingWhileOutOfSync();

        var raw = driver.Notices.OfType<RawMessage>().ToList();
        Assert.Equal(capture.Lines.Select(l => l.Json), raw.Select(r => r.Text));
        Assert.All(raw, r => Assert.Equal(prefix, r.Capture));
        Assert.Equal("rest:depth", raw[capture.SnapshotLine].Stream);
        Assert.Equal(capture.Lines[capture.SnapshotLine].Nanos, raw[capture.SnapshotLine].ReceiveNanos);
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void A_gap_is_reported_once_with_both_ids_and_resyncs_from_a_fresh_snapshot(string prefix)
    {
        var capture = RecordedCapture.Load(prefix);
        var driver = new FeedDriver(capture);
        var depth = DepthLines(capture).Where(i => i > capture.SnapshotLine).ToList();
        var dropped = depth.Skip(50).Take(3).ToHashSet();
        var answerAt = depth[70];

        driver.Up(1, 0);
        driver.Play(1, 0, depth[50]);
        var lastApplied = driver.Emitted.OfType<DepthDiff>().Last().FinalUpdateId;
        driver.Play(1, depth[50], answerAt, skip: dropped.Contains);

        var gap = Assert.Single(driver.Notices.OfType<BookGap>());
        var next = Diff(capture, depth[53]);
        Assert.Equal(lastApplied, gap.LastId);
        Assert.Equal(capture.Venue.IsFutures() ? next.PrevFinalUpdateId : next.FirstUpdateId, gap.NextId);
        Assert.NotNull(driver.PendingRequest);
        Assert.False(driver.State.IsInSync(capture.Instrument));
        Assert.Equal(0, driver.Book.BidLevels + driver.Book.AskLevels);

        driver.Snapshot(capture.Lines[answerAt].Nanos, OfflineBook.SnapshotAfter(capture, answerAt));
        driver.Play(1, answerAt, Math.Min(capture.Lines.Count, answerAt + 20_000));

        var synced = driver.Notices.OfType<BookSynced>().ToList();
        Assert.Equal([false, true], synced.Select(s => s.Resync));
        Assert.Single(driver.Notices.OfType<BookGap>());
        driver.AssertBooksMatch(OfflineBook.Of(capture));
        driver.AssertNoDuplicates();
        driver.AssertNothingWhileOutOfSync();
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void A_snapshot_older_than_the_first_buffered_diff_is_fetched_again_and_is_no_gap(string prefix)
    {
        var capture = RecordedCapture.Load(prefix);
        var driver = new FeedDriver(capture);
        var depth = DepthLines(capture).Where(i => i > capture.SnapshotLine).ToList();
        var subscribedAt = depth[20];
        var answerAt = depth[30];

        driver.Up(1, 0);
        driver.Play(1, subscribedAt, depth[22]);
        var recorded = capture.Lines[capture.SnapshotLine];
        driver.Snapshot(capture.Lines[depth[22]].Nanos, recorded.Json);

        Assert.Equal(1, driver.State.StaleSnapshots);
        Assert.Equal(2, driver.Commands.OfType<FetchSnapshot>().Count());
        Assert.Empty(driver.EmittedDepth);
        Assert.Equal(0, driver.Count<BookGap>());

        driver.Play(1, depth[22], answerAt);
        driver.Snapshot(capture.Lines[answerAt].Nanos, OfflineBook.SnapshotAfter(capture, answerAt));
        driver.Play(1, answerAt, answerAt + 10_000);

        Assert.False(Assert.Single(driver.Notices.OfType<BookSynced>()).Resync);
        Assert.Equal(0, driver.Count<BookGap>());
        driver.AssertBooksMatch(OfflineBook.Of(capture));
        driver.AssertNothingWhileOutOfSync();
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void Repeated_frames_are_passed_on_once(string prefix)
    {
        var capture = RecordedCapture.Load(prefix);
        var offline = OfflineBook.Of(capture);
        var driver = new FeedDriver(capture);

        driver.Up(1, 0);
        driver.Play(1, 0, capture.SnapshotLine + 1);
        foreach (var line in capture.Lines.Skip(capture.SnapshotLine + 1))
        {
            driver.Frame(1, line);
            driver.Frame(1, line);
        }

        Assert.Equal(offline.Applied, driver.EmittedDepth.Select(BookState.Key));
        Assert.Equal(offline.TradeIds, driver.Emitted.OfType<TradeTick>().Select(t => t.TradeId));
        Assert.Equal(0, driver.Count<BookGap>());
        driver.AssertNoDuplicates();
    }

    [Fact]
    public void A_reconnect_clears_the_book_resyncs_and_drops_what_was_already_passed_on()
    {
        var capture = RecordedCapture.Load("usdm_btcusdt");
        var offline = OfflineBook.Of(capture);
        var driver = new FeedDriver(capture);
        var cut = capture.Lines.Count / 2;

        driver.Up(1, 0);
        driver.Play(1, 0, cut);
        driver.Down(1, capture.Lines[cut].Nanos);
        Assert.False(driver.State.IsInSync(capture.Instrument));
        Assert.Equal(0, driver.Book.BidLevels + driver.Book.AskLevels);

        driver.Up(2, capture.Lines[cut].Nanos);
        var resumeAt = cut - 300;
        var laggingAt = DepthLines(capture).First(i => i > resumeAt + 100);
        var answerAt = DepthLines(capture).First(i => i > cut + 100);
        driver.Play(2, resumeAt, laggingAt);
        driver.Snapshot(capture.Lines[laggingAt].Nanos, OfflineBook.SnapshotAfter(capture, laggingAt));
        Assert.Equal(1, driver.State.StaleSnapshots);
        Assert.NotNull(driver.PendingRequest);
        driver.Play(2, laggingAt, answerAt);
        driver.Snapshot(capture.Lines[answerAt].Nanos, OfflineBook.SnapshotAfter(capture, answerAt));
        driver.Play(2, answerAt, capture.Lines.Count);

        Assert.Equal([false, true], driver.Notices.OfType<BookSynced>().Select(s => s.Resync));
        Assert.Equal(0, driver.Count<BookGap>());
        Assert.Equal(offline.TradeIds, driver.Emitted.OfType<TradeTick>().Select(t => t.TradeId));
        driver.AssertBooksMatch(offline);
        driver.AssertNoDuplicates();
        driver.AssertNothingWhileOutOfSync();
    }

    /// <summary>
    /// Make before break: the new connection runs <paramref name="lead"/> lines ahead of (or behind) the old one and takes
    /// over once its depth stream reaches back to the book, without a gap, a resync or a repeated id.
    /// </summary>
    [Theory]
    [InlineData("spot_btcusdt", 40)]
    [InlineData("spot_btcusdt", -40)]
    [InlineData("usdm_btcusdt", 40)]
    [InlineData("usdm_btcusdt", -40)]
    [InlineData("cm_btcusd_perp", 40)]
    [InlineData("cm_btcusd_perp", -40)]
    public void A_rotation_hands_over_without_a_gap_or_a_repeat(string prefix, int lead)
    {
        var capture = RecordedCapture.Load(prefix);
        var offline = OfflineBook.Of(capture);
        var driver = new FeedDriver(capture);
        var rotateAt = capture.Lines.Count / 2;

        driver.Up(1, 0);
        driver.Play(1, 0, rotateAt);
        driver.Up(2, capture.Lines[rotateAt].Nanos);
        for (var i = rotateAt; driver.State.Primary == 1; i++)
        {
            driver.Play(1, i, i + 1);
            if (i + lead >= rotateAt) driver.Play(2, i + lead, i + lead + 1);
        }

        var close = Assert.Single(driver.Commands.OfType<CloseConnection>());
        Assert.Equal(1, close.Connection);
        var handedOver = driver.Notices.Count;
        driver.Down(1, 0, close.Reason);
        Assert.True(driver.Notices.OfType<ConnectionClosed>().Single().Rotated); // nothing missed: no gap downstream
        var resumeAt = driver.Notices.OfType<RawMessage>().Last().Text;
        var next = capture.Lines.ToList().FindLastIndex(l => ReferenceEquals(l.Json, resumeAt)) + 1;
        driver.Play(2, next, capture.Lines.Count);

        Assert.Equal(offline.Applied, driver.EmittedDepth.Select(BookState.Key));
        Assert.Equal(offline.TradeIds, driver.Emitted.OfType<TradeTick>().Select(t => t.TradeId));
        Assert.Equal(1, driver.Count<BookSynced>());
        Assert.Equal(0, driver.Count<BookGap>());
        Assert.True(driver.Notices.Count > handedOver);
        driver.AssertNoDuplicates();
    }

    [Fact]
    public void A_rotation_that_cannot_bridge_takes_over_at_the_timeout_and_resyncs()
    {
        var capture = RecordedCapture.Load("spot_btcusdt");
        var driver = new FeedDriver(capture, rotationTimeout: TimeSpan.FromSeconds(1));
        var depth = DepthLines(capture).Where(i => i > capture.SnapshotLine).ToList();

        driver.Up(1, 0);
        driver.Play(1, 0, depth[100]);
        var lastApplied = driver.Emitted.OfType<DepthDiff>().Last().FinalUpdateId;
        var standbyFrom = depth[200];
        driver.Up(2, capture.Lines[standbyFrom].Nanos);
        var i = standbyFrom;
        while (driver.State.Primary == 1) driver.Play(2, i, ++i);

        Assert.True(capture.Lines[i - 1].Nanos - capture.Lines[standbyFrom].Nanos >= 1_000_000_000);
        Assert.Equal(1, Assert.Single(driver.Commands.OfType<CloseConnection>()).Connection);
        var gap = Assert.Single(driver.Notices.OfType<BookGap>());
        Assert.Equal(lastApplied, gap.LastId);
        Assert.Equal(Diff(capture, standbyFrom).FirstUpdateId, gap.NextId);
        driver.AssertNothingWhileOutOfSync();
    }

    private static IEnumerable<int> DepthLines(RecordedCapture capture) =>
        Enumerable.Range(0, capture.Lines.Count).Where(i => capture.Lines[i].Stream?.Contains("@depth") == true);

    private static DepthDiff Diff(RecordedCapture capture, int line) =>
        (DepthDiff)new BinanceLineParser(capture.Venue, "X", new RejectCounts()).Parse(capture.Lines[line].Nanos, capture.Lines[line].Json)!;
}

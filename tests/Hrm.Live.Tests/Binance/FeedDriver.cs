using Hrm.Live.Binance;
using Hrm.Protocol.Market;
using Hrm.Signals.Book;

namespace Hrm.Live.Tests.Binance;

/// <summary>
/// Feeds a <see cref="BinanceFeedState"/> as the connector would and checks every step against a downstream consumer
/// (<see cref="EmittedChain"/>); the state's own book must equal the consumer's whenever it moved.
/// </summary>
public sealed class FeedDriver
{
    private readonly FeedOutput _output = new();
    private readonly RecordedCapture _capture;

    public FeedDriver(RecordedCapture capture, TimeSpan? rotationTimeout = null)
    {
        _capture = capture;
        Chain = new EmittedChain(capture.Venue);
        State = new BinanceFeedState(capture.Venue, [capture.Instrument], rotationTimeout ?? TimeSpan.FromSeconds(30));
    }

    public BinanceFeedState State { get; }
    public List<LiveNotice> Notices { get; } = [];
    public List<FeedCommand> Commands { get; } = [];

    public EmittedChain Chain { get; }

    public OrderBook Book => State.Book(_capture.Instrument);

    /// <summary>The latest snapshot request, if it has not been answered yet.</summary>
    public long? PendingRequest { get; private set; }

    public IEnumerable<MarketEvent> Emitted => Notices.OfType<MarketUpdate>().Select(u => u.Event);

    public IEnumerable<MarketEvent> EmittedDepth => Emitted.Where(e => e is DepthDiff or DepthSnapshot);

    public int Count<T>() => Notices.OfType<T>().Count();

    public void Up(int connection, long nanos) => Handle(new ConnectionUp(nanos, connection, "test"));

    public void Down(int connection, long nanos, string reason = "dropped") => Handle(new ConnectionDown(nanos, connection, reason));

    public void Frame(int connection, RecordedLine line) => Handle(new FrameReceived(line.Nanos, connection, line.Json));

    public void Snapshot(long nanos, byte[] body)
    {
        Assert.NotNull(PendingRequest);
        Handle(new SnapshotReceived(nanos, PendingRequest.Value, _capture.Instrument, body));
    }

    /// <summary>Feeds lines [from, to) on a connection; the recorded snapshot answers a pending request, else is skipped.</summary>
    public void Play(int connection, int from, int to, Func<int, bool>? skip = null)
    {
        for (var i = from; i < to; i++)
        {
            var line = _capture.Lines[i];
            if (skip?.Invoke(i) == true) continue;
            if (!line.IsSnapshot) Frame(connection, line);
            else if (PendingRequest is not null) Snapshot(line.Nanos, line.Json);
        }
    }

    public void Handle(FeedInput input)
    {
        _output.Clear();
        State.Handle(input, _output);
        Notices.AddRange(_output.Notices);
        Commands.AddRange(_output.Commands);
        if (input is SnapshotReceived answered && answered.Request == PendingRequest) PendingRequest = null;
        foreach (var fetch in _output.Commands.OfType<FetchSnapshot>()) PendingRequest = fetch.Request;

        var moved = false;
        foreach (var notice in _output.Notices) moved |= Chain.Observe(notice);
        if (moved) Assert.Equal(BookState.Hash(Chain.Book), BookState.Hash(Book));
    }

    public void AssertBooksMatch(OfflineBook offline) => Chain.AssertMatches(offline);

    /// <summary>No depth event between a book going out of sync (gap, primary lost) and its next <see cref="BookSynced"/>.</summary>
    public void AssertNothingWhileOutOfSync()
    {
        var inSync = false;
        foreach (var notice in Notices)
        {
            switch (notice)
            {
                case ConnectionClosed closed when closed.Reason != "rotated":
                    inSync = false;
                    break;
                case BookSynced:
                    inSync = true;
                    break;
                case BookGap:
                    inSync = false;
                    break;
                case MarketUpdate { Event: DepthDiff or DepthSnapshot }:
                    Assert.True(inSync, "depth emitted while out of sync");
                    break;
            }
        }
    }

    public void AssertNoDuplicates()
    {
        var trades = Emitted.OfType<TradeTick>().Select(t => t.TradeId).ToList();
        Assert.Equal(trades.Count, trades.Distinct().Count());
        var diffs = Emitted.OfType<DepthDiff>().Select(d => d.FinalUpdateId).ToList();
        Assert.Equal(diffs.Count, diffs.Distinct().Count());
        var tickers = Emitted.OfType<BookTicker>().Select(t => t.UpdateId).ToList();
        Assert.Equal(tickers.Count, tickers.Distinct().Count());
    }
}

using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Hrm.MarketData.Binance;
using Hrm.MarketData.Replay;
using Hrm.Protocol.Market;

namespace Hrm.MarketData.Tests.Replay;

public class EventMergerTests
{
    /// <summary>Ordering probes: the trade id names the source (tens) and position (units); no market meaning.</summary>
    private static TradeTick Probe(long ts, long id, string symbol = "BTCUSDT") => new()
    {
        Symbol = symbol,
        Venue = Venue.BinanceSpot,
        TsEvent = ts,
        TsInit = ts,
        TradeId = id,
        Price = 1,
        Qty = 1,
        BuyerIsMaker = false,
    };

    private static long[] Ids(IEnumerable<MarketEvent> events) => events.Cast<TradeTick>().Select(t => t.TradeId).ToArray();

    [Fact]
    public void Orders_by_event_time_and_breaks_ties_by_source_index()
    {
        IEnumerable<MarketEvent>[] sources =
        [
            [Probe(5, 10), Probe(7, 11)],
            [Probe(1, 20), Probe(5, 21), Probe(9, 22)],
            [],
            [Probe(5, 40)],
        ];
        Assert.Equal([20, 10, 21, 40, 11, 22], Ids(EventMerger.Merge(sources)));
    }

    [Fact]
    public void Keeps_each_source_in_its_own_order_when_its_time_goes_backwards()
    {
        IEnumerable<MarketEvent>[] sources =
        [
            [Probe(10, 10), Probe(3, 11), Probe(12, 12)],
            [Probe(4, 20), Probe(11, 21)],
        ];
        Assert.Equal([20, 10, 11, 21, 12], Ids(EventMerger.Merge(sources)));
    }

    [Fact]
    public void Merged_real_window_is_time_ordered_wherever_the_sources_are()
    {
        var readers = CaptureCatalog.Discover(TestData.Path2024).Select(c => new BinanceCaptureReader(c)).ToArray();
        var total = readers.Sum(r => r.Count());
        long merged = 0, backwards = 0, last = long.MinValue;
        foreach (var e in EventMerger.Merge(readers))
        {
            merged++;
            if (e.TsEvent < last) backwards++;
            last = Math.Max(last, e.TsEvent);
        }

        Assert.Equal(total, merged);
        // Only a source's own non-monotonic stamps (trade T vs. message E) may step back.
        Assert.True(backwards < merged / 10, $"{backwards} of {merged}");
    }

    [Fact]
    public async Task Akka_source_replays_filtered_by_symbol_and_half_open_time_range()
    {
        IEnumerable<MarketEvent>[] sources =
        [
            [Probe(1, 10), Probe(5, 11, "ETHUSDT"), Probe(6, 12)],
            [Probe(2, 20), Probe(5, 21), Probe(9, 22)],
        ];
        using var system = ActorSystem.Create("merger-test");
        var all = await MarketDataSources.Replay(sources).RunWith(Sink.Seq<MarketEvent>(), system.Materializer());
        Assert.Equal([10, 20, 11, 21, 12, 22], Ids(all));

        var some = await MarketDataSources.Replay(sources, new HashSet<string> { "BTCUSDT" }, from: 2, to: 9)
            .RunWith(Sink.Seq<MarketEvent>(), system.Materializer());
        Assert.Equal([20, 21, 12], Ids(some));
        await system.Terminate();
    }
}

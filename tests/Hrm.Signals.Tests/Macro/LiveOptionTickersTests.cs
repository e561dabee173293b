using Hrm.MarketData.Deribit;
using Hrm.MarketData.Options;
using Hrm.MarketData.Parsing;
using Hrm.Protocol.Market;
using Hrm.Signals.Macro;

namespace Hrm.Signals.Tests.Macro;

/// <summary>Live option tickers (one instrument at a time, each quoted again and again) feed the options flow as a chain snapshot does.</summary>
public sealed class LiveOptionTickersTests
{
    private static readonly long Second = 1_000_000_000;

    private static List<OptionQuote> Chain() =>
        new DeribitChainCsvReader(Path.Combine(RealData.DataRoot(), "options", "deribit_btc_option_chain_2020-05-14.csv.gz"))
            .Cast<OptionQuote>().ToList();

    private static OptionsReading ReadingOf(IEnumerable<OptionQuote> quotes)
    {
        var flow = new OptionsFlow();
        foreach (var quote in quotes) flow.Update(quote);
        flow.Close();
        Assert.Equal(1, flow.Snapshots);
        return flow.Last!;
    }

    private static void AssertSameReading(OptionsReading expected, OptionsReading actual)
    {
        Assert.Equal(expected with { Strikes = [], GexByStrike = [] }, actual with { Strikes = [], GexByStrike = [] });
        Assert.Equal(expected.Strikes, actual.Strikes);
        Assert.Equal(expected.GexByStrike, actual.GexByStrike);
    }

    [Fact]
    public void Each_instrument_counts_once_with_its_latest_quote()
    {
        var chain = Chain();
        // live: every instrument is first quoted with other greeks a second earlier, then with the chain's values
        var stale = chain.Select(q => q with { TsEvent = q.TsEvent - Second, Gamma = q.Gamma * 3, MarkIv = q.MarkIv + 10, OpenInterest = q.OpenInterest + 1 });
        var live = stale.Concat(chain).OrderBy(q => q.TsEvent).ToList();
        Assert.Equal(2 * chain.Count, live.Count);
        AssertSameReading(ReadingOf(chain), ReadingOf(live));
    }

    [Fact]
    public void A_stream_without_gaps_closes_a_snapshot_ten_minutes_after_its_first_quote()
    {
        var chain = Chain();
        var start = chain[0].TsEvent;
        var flow = new OptionsFlow();
        // the chain quoted again every minute for 25 minutes: never a 10-minute gap
        for (var minute = 0; minute < 25; minute++)
        {
            foreach (var quote in chain) flow.Update(quote with { TsEvent = quote.TsEvent + minute * 60 * Second });
        }

        Assert.Equal(2, flow.Snapshots);
        Assert.Equal(chain.Count, flow.Last!.Options);
        Assert.True(flow.Previous!.At - start <= OptionsFlow.SnapshotGapNanos);
        Assert.True(flow.Last.At - flow.Previous.At <= OptionsFlow.SnapshotGapNanos + 60 * Second);
        Assert.True(flow.Available(flow.Last.At));
    }

    [Fact]
    public void Recorded_live_tickers_read_as_the_latest_quote_of_each_btc_option()
    {
        var path = Path.Combine(RealData.DataRoot(), "fixtures", "cryptofeed_sample_data", "DERIBIT.ws.1.0.gz");
        var rejects = new RejectCounts();
        var btc = DeribitCaptureReader.Quotes(CryptofeedWsRecording.ServerFrames(path), rejects).Where(q => q.Symbol == "BTCUSDT").ToList();
        Assert.Equal(0, rejects.Total);
        Assert.Equal(69, btc.Count);
        var latest = btc.GroupBy(q => q.Instrument).Select(g => g.Last()).ToList();
        Assert.Equal(7, latest.Count);
        var expected = OptionsFlow.Read(
            latest.Select(q => new OptionPoint(q.TsEvent, q.Expiry, q.Strike, q.IsCall, q.MarkIv, q.Delta, q.Gamma, q.OpenInterest, q.UnderlyingPrice)).ToList(),
            btc.Max(q => q.TsEvent));
        AssertSameReading(expected, ReadingOf(btc));
    }
}

using Hrm.MarketData.Deribit;
using Hrm.MarketData.Parsing;
using Hrm.Protocol.Market;

namespace Hrm.MarketData.Tests.Deribit;

public sealed class DeribitMessageParserTests
{
    private static DeribitMessage? Parse(int line, RejectCounts? rejects = null)
    {
        var (receive, json) = DeribitRecordingLines.Line(line);
        return DeribitMessageParser.Parse(json, receive, rejects ?? new RejectCounts());
    }

    [Fact]
    public void Option_ticker_line_4_by_hand()
    {
        // 1626993723.804855: {"method":"subscription","params":{"channel":"ticker.ETH-30JUL21-2800-C.raw","data":{
        //   "underlying_price":2003.61,"timestamp":1626993723632,"open_interest":12685.0,"mark_iv":120.74,
        //   "greeks":{"vega":0.20072,"theta":-1.64029,"rho":0.01188,"gamma":0.0002,"delta":0.03127},…}}}
        var ticker = Assert.IsType<DeribitTickerMessage>(Parse(4));
        Assert.Equal("ticker.ETH-30JUL21-2800-C.raw", ticker.Channel);
        var q = ticker.Quote;
        Assert.Equal("ETHUSDT", q.Symbol);
        Assert.Equal(Venue.Deribit, q.Venue);
        Assert.Equal("ETH-30JUL21-2800-C", q.Instrument);
        Assert.Equal(1_626_993_723_632_000_000, q.TsEvent);
        Assert.Equal(1_626_993_723_804_855_000, q.TsInit);
        Assert.Equal(1_627_632_000_000_000_000, q.Expiry); // 2021-07-30 08:00 UTC
        Assert.Equal(2800, q.Strike);
        Assert.True(q.IsCall);
        Assert.Equal(120.74, q.MarkIv);
        Assert.Equal(0.03127, q.Delta);
        Assert.Equal(0.0002, q.Gamma);
        Assert.Equal(0.20072, q.Vega);
        Assert.Equal(12685.0, q.OpenInterest);
        Assert.Equal(2003.61, q.UnderlyingPrice);
    }

    [Fact]
    public void Book_snapshot_line_21_and_change_line_25_by_hand()
    {
        var snapshot = Assert.IsType<DeribitBookMessage>(Parse(21)).Update;
        Assert.Equal("BTC-24SEP21-8000-P", snapshot.Instrument);
        Assert.True(snapshot.IsSnapshot);
        Assert.Equal(33195894164, snapshot.ChangeId);
        Assert.Equal(1_626_993_722_319_000_000, snapshot.TimestampNanos);
        Assert.Equal([new DeribitLevel(DeribitLevelAction.New, 0.0005, 153.1)], snapshot.Bids);
        Assert.Equal(14, snapshot.Asks.Length);
        Assert.Equal(new DeribitLevel(DeribitLevelAction.New, 0.0015, 94.7), snapshot.Asks[0]);
        Assert.Equal(new DeribitLevel(DeribitLevelAction.New, 0.25, 9.0), snapshot.Asks[^1]);

        var change = Assert.IsType<DeribitBookMessage>(Parse(25)).Update;
        Assert.False(change.IsSnapshot);
        Assert.Equal(33195894164, change.PrevChangeId);
        Assert.Equal(33195894355, change.ChangeId);
        Assert.Empty(change.Bids);
        Assert.Equal([new DeribitLevel(DeribitLevelAction.New, 0.001, 2.6)], change.Asks);

        var book = new DeribitBook();
        Assert.Equal(DeribitChain.Unsynced, book.Check(change));
        book.Apply(snapshot);
        Assert.Equal(DeribitChain.Continues, book.Check(change));
        book.Apply(change);
        Assert.Equal(0.001, book.Asks.Keys.First());
        Assert.Equal(DeribitChain.Stale, book.Check(change));
        var delete = Assert.IsType<DeribitBookMessage>(Parse(27)).Update; // ["delete",0.001,0.0]
        book.Apply(delete);
        Assert.Equal(0.0015, book.Asks.Keys.First());
        Assert.Equal(0.0005, book.Bids.Keys.First());
        Assert.Equal(33195894358, book.ChangeId);
    }

    [Fact]
    public void A_change_that_skips_one_breaks_the_chain()
    {
        var book = new DeribitBook();
        book.Apply(Assert.IsType<DeribitBookMessage>(Parse(21)).Update);
        Assert.Equal(DeribitChain.Broken, book.Check(Assert.IsType<DeribitBookMessage>(Parse(27)).Update));
    }

    [Fact]
    public void Subscribe_answer_and_heartbeats()
    {
        var answer = Assert.IsType<DeribitResponse>(Parse(3));
        Assert.Equal(0, answer.Id);
        Assert.Null(answer.Error);
        var rejects = new RejectCounts();
        Assert.Equal(new DeribitHeartbeat(true), DeribitMessageParser.Parse(
            """{"jsonrpc":"2.0","method":"heartbeat","params":{"type":"test_request"}}"""u8, 0, rejects));
        Assert.Equal(new DeribitHeartbeat(false), DeribitMessageParser.Parse(
            """{"jsonrpc":"2.0","method":"heartbeat","params":{"type":"heartbeat"}}"""u8, 0, rejects));
        Assert.Equal(new DeribitResponse(7, "Invalid params"), DeribitMessageParser.Parse(
            """{"jsonrpc":"2.0","id":7,"error":{"message":"Invalid params","code":-32602}}"""u8, 0, rejects));
        Assert.Equal(0, rejects.Total);
    }

    [Fact]
    public void Bad_messages_are_counted_not_thrown()
    {
        var rejects = new RejectCounts();
        Assert.Null(DeribitMessageParser.Parse("{not json"u8, 0, rejects));
        Assert.Null(DeribitMessageParser.Parse(
            """{"method":"subscription","params":{"channel":"book.X.raw","data":{"type":"change","instrument_name":"X","timestamp":1,"change_id":"a"}}}"""u8, 0, rejects));
        Assert.Null(DeribitMessageParser.Parse(
            """{"method":"subscription","params":{"channel":"ticker.BTC-24SEP21-8000-P.raw","data":{"instrument_name":"BTC-24SEP21-8000-P","timestamp":1626993724318,"underlying_price":1,"open_interest":1,"mark_iv":1,"greeks":{"delta":0.1}}}}"""u8, 0, rejects));
        Assert.Equal(1, rejects[RejectReasons.MalformedJson]);
        Assert.Equal(1, rejects[RejectReasons.MissingField]);
        Assert.Equal(1, rejects[Hrm.MarketData.Options.DeribitChainCsvReader.MissingGreeks]);
    }

    [Fact]
    public void Every_recorded_frame_parses()
    {
        var rejects = new RejectCounts();
        var messages = CryptofeedWsRecording.ServerFrames(DeribitRecordingLines.Path)
            .Select(f => DeribitMessageParser.Parse(f.Json, f.ReceiveNanos, rejects)).ToList();
        Assert.Equal(0, rejects.Total);
        Assert.Equal(89, messages.OfType<DeribitTickerMessage>().Count());
        Assert.Equal(46, messages.OfType<DeribitBookMessage>().Count());
        Assert.Single(messages.OfType<DeribitResponse>());
    }
}

using Hrm.MarketData.Deribit;
using Hrm.MarketData.Parsing;

namespace Hrm.FakeExchange.Deribit;

/// <summary>One recorded notification: its frame, channel, receive time (s) and, for a book message, the update.</summary>
public sealed record RecordedNotification(byte[] Json, string Channel, double Seconds, DeribitBookUpdate? Book);

/// <summary>The notifications of a cryptofeed Deribit recording (<c>DERIBIT.ws.1.0.gz</c>), in order.</summary>
public static class DeribitRecording
{
    public static IReadOnlyList<RecordedNotification> Load(string path)
    {
        var rejects = new RejectCounts();
        var list = new List<RecordedNotification>();
        foreach (var frame in CryptofeedWsRecording.ServerFrames(path))
        {
            var seconds = frame.ReceiveNanos / 1e9;
            switch (DeribitMessageParser.Parse(frame.Json, frame.ReceiveNanos, rejects))
            {
                case DeribitBookMessage book: list.Add(new RecordedNotification(frame.Json, book.Channel, seconds, book.Update)); break;
                case DeribitTickerMessage ticker: list.Add(new RecordedNotification(frame.Json, ticker.Channel, seconds, null)); break;
                case DeribitChannelMessage other: list.Add(new RecordedNotification(frame.Json, other.Channel, seconds, null)); break;
            }
        }

        return list;
    }
}

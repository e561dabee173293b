using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Akka;
using Akka.Streams.Dsl;
using Hrm.MarketData.Deribit;
using Hrm.Protocol.Market;

namespace Hrm.Live.Deribit;

/// <summary>
/// Deribit's JSON-RPC websocket for the configured instruments (<see cref="DeribitConnectorOptions"/>): books chained by
/// <c>change_id</c>, option tickers as <see cref="OptionQuote"/>s (each once over all connections), trades raw only.
/// After a connection ends it reconnects with doubling backoff and jitter (reset once a connection received a frame);
/// books start over on every connection.
/// </summary>
public sealed class DeribitConnector(DeribitConnectorOptions options) : ILiveConnector
{
    public string Name => "deribit";

    public Source<LiveNotice, NotUsed> Notices() => Source.From(() => Run(CancellationToken.None));

    private async IAsyncEnumerable<LiveNotice> Run([EnumeratorCancellation] CancellationToken cancel)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var notices = Channel.CreateBounded<LiveNotice>(new BoundedChannelOptions(4096) { SingleReader = true, SingleWriter = true });
        var loop = Task.Run(() => ConnectLoop(notices.Writer, stop.Token), CancellationToken.None);
        try
        {
            await foreach (var notice in notices.Reader.ReadAllAsync(stop.Token)) yield return notice;
        }
        finally
        {
            await stop.CancelAsync();
            await loop;
        }
    }

    private async Task ConnectLoop(ChannelWriter<LiveNotice> notices, CancellationToken stop)
    {
        var tickers = new DeribitTickerFilter();
        var failures = 0;
        for (var connection = 1; !stop.IsCancellationRequested; connection++)
        {
            var session = new DeribitSession(options, connection, tickers, notices);
            var reason = await session.RunAsync(stop);
            if (stop.IsCancellationRequested) break;
            failures = session.Received ? 0 : failures + 1;
            var closed = new ConnectionClosed(Now(), Venue.Deribit, connection, reason);
            if (!notices.TryWrite(closed)) break;
            try
            {
                await Task.Delay(Backoff(failures), options.Clock, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        notices.TryComplete();
    }

    /// <summary>The wait before the next connection after <paramref name="failures"/> connections in a row that received nothing.</summary>
    private TimeSpan Backoff(int failures)
    {
        var doubled = options.InitialBackoff * Math.Pow(2, Math.Min(failures, 16));
        var capped = doubled < options.MaxBackoff ? doubled : options.MaxBackoff;
        return capped * (1 + options.Jitter * (2 * Random.Shared.NextDouble() - 1));
    }

    private long Now() => options.NowNanos();
}

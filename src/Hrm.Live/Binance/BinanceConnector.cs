using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;
using Hrm.Protocol.Market;

namespace Hrm.Live.Binance;

/// <summary>
/// A live Binance connector (spot, USD-M or COIN-M) for a set of instruments on one combined-stream connection:
/// depth diffs, book tickers, trades (and mark prices on futures), with each book synced from a REST snapshot by
/// Binance's documented procedure. Every frame and snapshot body is also passed on verbatim as a
/// <see cref="RawMessage"/> for a recorder.
/// </summary>
/// <param name="instruments">Native instruments, e.g. <c>btcusdt</c> or <c>btcusd_perp</c> (any case).</param>
/// <param name="clock">Local receive time in Unix ns; default the wall clock.</param>
/// <param name="http">The REST handler; default a new <see cref="SocketsHttpHandler"/> per materialisation.</param>
public sealed class BinanceConnector(
    BinanceVenueSettings settings,
    IEnumerable<string> instruments,
    BinanceOptions? options = null,
    Func<long>? clock = null,
    Func<HttpMessageHandler>? http = null) : ILiveConnector
{
    public BinanceVenueSettings Settings { get; } = settings;

    public IReadOnlyList<string> Instruments { get; } = [.. instruments.Select(i => i.ToLowerInvariant()).Distinct()];

    public BinanceOptions Options { get; } = options ?? new BinanceOptions();

    public Func<long> Clock { get; } = clock ?? WallClockNanos;

    public string Name => Settings.Venue.Name();

    /// <summary>Called on the state loop after each input, with what it produced: lets tests look at the books as they move.</summary>
    internal Action<FeedInput, BinanceFeedState, FeedOutput>? Observer { get; init; }

    public Source<LiveNotice, NotUsed> Notices() =>
        Source.Queue<LiveNotice>(Options.NoticeBuffer, OverflowStrategy.Backpressure)
            .MapMaterializedValue(queue =>
            {
                new BinanceSession(this).Start(queue);
                return NotUsed.Instance;
            });

    internal HttpClient CreateHttpClient() => http is null ? new HttpClient() : new HttpClient(http(), disposeHandler: true);

    private static long WallClockNanos() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;
}

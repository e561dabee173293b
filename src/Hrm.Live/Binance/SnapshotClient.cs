using System.Globalization;
using System.Net;
using System.Threading.Channels;

namespace Hrm.Live.Binance;

/// <summary>
/// Fetches REST depth snapshots for <see cref="FetchSnapshot"/> requests, retrying until one arrives, inside the
/// venue's weight budget; a 429/418 stops every request until its <c>Retry-After</c> has passed.
/// </summary>
internal sealed class SnapshotClient(
    BinanceVenueSettings settings,
    BinanceOptions options,
    HttpClient http,
    RestWeightGate gate,
    TimeProvider time,
    Func<long> clock)
{
    private readonly int _weight = BinanceUrls.DepthWeight(settings.Venue, options.SnapshotDepth);

    public async Task FetchAsync(FetchSnapshot request, ChannelWriter<FeedInput> inputs, CancellationToken ct)
    {
        var url = BinanceUrls.DepthSnapshot(settings, request.Instrument, options.SnapshotDepth);
        if (request.Again) await Task.Delay(options.SnapshotRetryDelay, time, ct);
        while (!ct.IsCancellationRequested)
        {
            var wait = gate.Reserve(time.GetUtcNow(), _weight);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, ct);
                continue;
            }

            if (await TryGetAsync(request, url, inputs, ct) is { } received)
            {
                await inputs.WriteAsync(received, ct);
                return;
            }

            // After a refusal the gate then also waits out the rest of its Retry-After.
            await Task.Delay(options.SnapshotRetryDelay, time, ct);
        }
    }

    /// <summary>One GET: the snapshot stamped with its arrival time, or null if it failed or was refused.</summary>
    private async Task<SnapshotReceived?> TryGetAsync(FetchSnapshot request, Uri url, ChannelWriter<FeedInput> inputs,
        CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.RestTimeout);
        try
        {
            using var response = await http.GetAsync(url, timeout.Token);
            gate.Observe(time.GetUtcNow(), UsedWeight(response));
            if (response.StatusCode is HttpStatusCode.TooManyRequests or (HttpStatusCode)418)
            {
                var retryAfter = RetryAfter(response) ?? options.SnapshotRetryDelay;
                gate.Refuse(time.GetUtcNow(), retryAfter);
                await inputs.WriteAsync(new RestRefused(clock(), (int)response.StatusCode, retryAfter), ct);
                return null;
            }

            if (!response.IsSuccessStatusCode) return null;
            var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            return new SnapshotReceived(clock(), request.Request, request.Instrument, body);
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return null;
        }
    }

    private static int? UsedWeight(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-MBX-USED-WEIGHT-1m", out var values)
        && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var used)
            ? used
            : null;

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero,
        _ => null,
    };
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Hrm.Protocol;
using Hrm.Protocol.Api;

namespace Hrm.Cli.Client;

/// <summary>
/// A failed call to the node, already worded for the user: <see cref="Exception.Message"/> is
/// <c>&lt;what happened&gt;. &lt;what to do next&gt;</c> and <see cref="ExitCode"/> is the process exit code
/// (2 bad input, 3 node unreachable, 4 unauthorised, 1 the node failed).
/// </summary>
public sealed class NodeClientException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>A successful answer from the node: its status code and body text (empty for 204).</summary>
public sealed record NodeResponse(HttpStatusCode Status, string Body)
{
    /// <summary>The body as the API's <typeparamref name="T"/>; a <see cref="NodeClientException"/> when it is not.</summary>
    public T Read<T>() => Parse<T>(Body);

    /// <summary>API JSON (a body, an event's data) as <typeparamref name="T"/>; a <see cref="NodeClientException"/> when it is not.</summary>
    public static T Parse<T>(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, HrmJson.Web) ?? throw new JsonException("null");
        }
        catch (JsonException)
        {
            throw new NodeClientException(1, $"the node's answer is not what the API sends: {Shorten(json)}. Check that --node points at an hrm node's HTTP API, of the same release as hrm");
        }
    }

    internal static string Shorten(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= 120 ? line : line[..120] + "…";
    }
}

/// <summary>
/// The node's HTTP API over <see cref="HttpClient"/>: bearer token, one place that turns failures into
/// <see cref="NodeClientException"/>s (connection errors and timeouts, 401/403, the API's
/// problem bodies), and a server-sent-events reader (<see cref="SseParser"/>).
/// </summary>
public sealed class NodeClient : IDisposable
{
    /// <summary>How long a request may take to answer (for a stream: to send its headers).</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    private readonly HttpClient http;
    private readonly string? token;

    public NodeClient(Uri baseUri, string? token)
    {
        BaseUri = baseUri;
        this.token = string.IsNullOrEmpty(token) ? null : token;
        http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = ConnectTimeout }) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public Uri BaseUri { get; }

    /// <summary>Where the node is, as the user wrote it (without a trailing slash).</summary>
    public string Display => BaseUri.ToString().TrimEnd('/');

    public void Dispose() => http.Dispose();

    public Task<NodeResponse> GetAsync(string path, CancellationToken cancellation) =>
        SendAsync(HttpMethod.Get, path, null, cancellation);

    public Task<NodeResponse> PostAsync<T>(string path, T body, CancellationToken cancellation) =>
        SendAsync(HttpMethod.Post, path, JsonSerializer.Serialize(body, HrmJson.Web), cancellation);

    public Task<NodeResponse> DeleteAsync(string path, CancellationToken cancellation) =>
        SendAsync(HttpMethod.Delete, path, null, cancellation);

    private async Task<NodeResponse> SendAsync(HttpMethod method, string path, string? body, CancellationToken cancellation)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(RequestTimeout);
        try
        {
            using var request = Request(method, path, body);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
            var text = await response.Content.ReadAsStringAsync(timeout.Token);
            ThrowIfFailed(response.StatusCode, text);
            return new NodeResponse(response.StatusCode, text);
        }
        catch (Exception error) when (Unreachable(error, cancellation) is { } failure)
        {
            throw failure;
        }
    }

    /// <summary>
    /// The server-sent events named <paramref name="eventType"/> on <paramref name="path"/>, as they arrive, until the
    /// node closes the stream or <paramref name="cancellation"/> fires.
    /// </summary>
    public async IAsyncEnumerable<SseItem<string>> StreamAsync(string path, string eventType, [EnumeratorCancellation] CancellationToken cancellation)
    {
        HttpResponseMessage response;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation))
        {
            timeout.CancelAfter(RequestTimeout);
            try
            {
                using var request = Request(HttpMethod.Get, path, null);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
                response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                if (!response.IsSuccessStatusCode)
                {
                    using (response)
                    {
                        ThrowIfFailed(response.StatusCode, await response.Content.ReadAsStringAsync(timeout.Token));
                    }
                }
            }
            catch (Exception error) when (Unreachable(error, cancellation) is { } failure)
            {
                throw failure;
            }
        }

        using (response)
        {
            IAsyncEnumerator<SseItem<string>> events;
            try
            {
                events = SseParser.Create(await response.Content.ReadAsStreamAsync(cancellation)).EnumerateAsync(cancellation).GetAsyncEnumerator(cancellation);
            }
            catch (Exception error) when (Unreachable(error, cancellation) is { } failure)
            {
                throw failure;
            }

            await using (events)
            {
                while (true)
                {
                    try
                    {
                        if (!await events.MoveNextAsync())
                        {
                            yield break;
                        }
                    }
                    catch (Exception error) when (error is HttpRequestException or IOException && !cancellation.IsCancellationRequested)
                    {
                        // The node went away mid-stream (restart, hand-off): the stream simply ends.
                        yield break;
                    }

                    if (events.Current.EventType == eventType)
                    {
                        yield return events.Current;
                    }
                }
            }
        }
    }

    private HttpRequestMessage Request(HttpMethod method, string path, string? body)
    {
        var request = new HttpRequestMessage(method, new Uri(Display + path));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return request;
    }

    /// <summary>Turns a failed status into the user's error: exit 4 for 401/403, 2 for other 4xx, 1 for 5xx.</summary>
    private void ThrowIfFailed(HttpStatusCode status, string body)
    {
        var code = (int)status;
        if (code is >= 200 and < 300)
        {
            return;
        }

        if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new NodeClientException(4, token is null
                ? "the node requires a token. Pass --token or set HRM_TOKEN to the node's Hrm:Api:Token"
                : "the node refused the token. Pass --token or set HRM_TOKEN to the node's Hrm:Api:Token");
        }

        var (error, message) = ReadError(body);
        message ??= error is null ? $"HTTP {code} {ReasonPhrase(status)}" : $"HTTP {code} {error}";
        message = message.TrimEnd().TrimEnd('.');
        if (code >= 500)
        {
            throw new NodeClientException(1, $"the node failed (HTTP {code}): {message}. Check the node's log");
        }

        throw new NodeClientException(2, $"{message}. {NextStep(error, status)}");
    }

    /// <summary>The problem's code and detail; nulls when the body is not a problem.</summary>
    private static (string? Error, string? Message) ReadError(string body)
    {
        try
        {
            var problem = JsonSerializer.Deserialize<ApiProblem>(body, HrmJson.Web);
            return (Text(problem?.Code), Text(problem?.Detail));
        }
        catch (JsonException)
        {
            return (null, null);
        }

        static string? Text(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
    }

    private static string NextStep(string? error, HttpStatusCode status) => error switch
    {
        ApiErrors.BadSymbol => "Pass a canonical symbol such as BTCUSDT",
        ApiErrors.Duplicate => "Run hrm symbols list to see what is tracked, or hrm symbols remove it first",
        ApiErrors.BadFeed => "Check --source, --data and --history: the paths are read on the node",
        ApiErrors.MalformedBody => "Check that hrm and the node are the same release",
        ApiErrors.UnknownSymbol => "Run hrm symbols list to see the tracked symbols",
        ApiErrors.BadLast => "Pass --last as a whole number >= 1",
        ApiErrors.UnknownBacktest => "Check the id hrm backtest submit printed",
        _ when status == HttpStatusCode.NotFound => "Check the arguments, and that --node points at an hrm node's HTTP API",
        _ => "Check the command's arguments (--help lists them)",
    };

    private static string ReasonPhrase(HttpStatusCode status) =>
        System.Text.RegularExpressions.Regex.Replace(status.ToString(), "(?<=[a-z])(?=[A-Z])", " ");

    /// <summary>The user's error for a request that got no answer; null when the user cancelled (Ctrl+C).</summary>
    private NodeClientException? Unreachable(Exception error, CancellationToken cancellation)
    {
        if (error is NodeClientException || cancellation.IsCancellationRequested)
        {
            return null;
        }

        string? reason = error switch
        {
            OperationCanceledException => $"no answer within {RequestTimeout.TotalSeconds:0} s",
            HttpRequestException http => Reason(http),
            IOException => "the connection was closed",
            _ => null,
        };
        return reason is null
            ? null
            : new NodeClientException(3, $"cannot reach the node at {Display}: {reason}. Check --node or HRM_NODE and that the node is running");
    }

    private static string Reason(HttpRequestException error)
    {
        if (FindSocketError(error) is { } socket)
        {
            return socket switch
            {
                SocketError.ConnectionRefused => "connection refused",
                SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "host not found",
                SocketError.TimedOut => "connection timed out",
                SocketError.NetworkUnreachable or SocketError.HostUnreachable => "network unreachable",
                SocketError.ConnectionReset => "connection reset",
                _ => socket.ToString(),
            };
        }

        return error.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => "host not found",
            HttpRequestError.ConnectionError when error.InnerException is TimeoutException or OperationCanceledException => "connection timed out",
            HttpRequestError.ConnectionError => "connection failed",
            HttpRequestError.SecureConnectionError => "TLS handshake failed",
            HttpRequestError.ResponseEnded => "the connection was closed",
            HttpRequestError.InvalidResponse => "the answer is not HTTP",
            _ => error.Message.TrimEnd('.'),
        };
    }

    private static SocketError? FindSocketError(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            if (error is SocketException socket)
            {
                return socket.SocketErrorCode;
            }
        }

        return null;
    }
}

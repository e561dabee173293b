using System.Collections.Concurrent;
using System.Net;
using System.Net.ServerSentEvents;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Hrm.Protocol;
using Hrm.Protocol.Api;
using Hrm.Testing;

namespace Hrm.Cli.Tests.Client;

/// <summary>
/// A tiny node HTTP API on a free loopback port (<see cref="HttpListener"/>): canned answers per method and path,
/// written from the API's own DTOs with the API's JSON options (problems for errors, SseFormatter for streams), the
/// bearer-token check, and a record of the requests it got.
/// </summary>
internal sealed class FakeNode : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentDictionary<string, Func<HttpListenerContext, Task>> routes = new();
    private readonly Task loop;

    public FakeNode(string? token = "secret")
    {
        Token = token;
        Port = FreePorts.Next();
        Url = $"http://127.0.0.1:{Port}";
        listener.Prefixes.Add(Url + "/");
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Url { get; }

    /// <summary>The token every request must carry; null: no check.</summary>
    public string? Token { get; }

    public ConcurrentQueue<Recorded> Requests { get; } = new();

    public sealed record Recorded(string Method, string PathAndQuery, string? Authorization, string Body);

    /// <summary>Answers <paramref name="method"/> <paramref name="pathAndQuery"/> with a status and no body.</summary>
    public FakeNode On(string method, string pathAndQuery, int status) =>
        On(method, pathAndQuery, context =>
        {
            context.Response.StatusCode = status;
            context.Response.Close();
            return Task.CompletedTask;
        });

    /// <summary>Answers with a status and <paramref name="body"/> as the API writes it.</summary>
    public FakeNode On<T>(string method, string pathAndQuery, int status, T body) =>
        On(method, pathAndQuery, context => Answer(context.Response, status, body));

    /// <summary>Answers with the API's error: a problem with <paramref name="code"/> and <paramref name="detail"/>.</summary>
    public FakeNode OnProblem(string method, string pathAndQuery, int status, string code, string detail) =>
        On(method, pathAndQuery, context => Answer(context.Response, status, NodeSamples.Problem(status, code, detail)));

    /// <summary>Answers with a stream of server-sent events, sent one by one, then closes it.</summary>
    public FakeNode OnStream(string method, string pathAndQuery, params SseItem<string>[] events) =>
        On(method, pathAndQuery, async context =>
        {
            var response = context.Response;
            response.StatusCode = 200;
            response.ContentType = "text/event-stream";
            response.SendChunked = true;
            await SseFormatter.WriteAsync(Paced(events), response.OutputStream);
            response.Close();
        });

    /// <summary>A signal event as the node streams it.</summary>
    public static SseItem<string> SignalEvent(SignalRow signal) =>
        new(JsonSerializer.Serialize(signal, HrmJson.Web), SignalEvents.Signal) { EventId = signal.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    public FakeNode On(string method, string pathAndQuery, Func<HttpListenerContext, Task> handler)
    {
        routes[$"{method} {pathAndQuery}"] = handler;
        return this;
    }

    public Recorded Single(string method, string pathAndQuery) =>
        Assert.Single(Requests, r => r.Method == method && r.PathAndQuery == pathAndQuery);

    private static async Task Answer<T>(HttpListenerResponse response, int status, T body)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, HrmJson.Web);
        response.StatusCode = status;
        response.ContentType = body is ApiProblem ? "application/problem+json" : "application/json";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }

    /// <summary>The events with a pause after each, so the client reads them as they arrive rather than all at once.</summary>
    private static async IAsyncEnumerable<SseItem<string>> Paced(IEnumerable<SseItem<string>> events)
    {
        foreach (var item in events)
        {
            yield return item;
            await Task.Delay(50);
        }
    }

    /// <summary>A port nobody listens on (connection refused).</summary>

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        try
        {
            await loop;
        }
        catch (Exception)
        {
            // the listener stopping ends the loop with an exception
        }
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception) when (!listener.IsListening)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            var request = context.Request;
            var body = await new StreamReader(request.InputStream, Encoding.UTF8).ReadToEndAsync();
            var pathAndQuery = request.Url!.PathAndQuery;
            var authorization = request.Headers["Authorization"];
            Requests.Enqueue(new Recorded(request.HttpMethod, pathAndQuery, authorization, body));
            if (Token is not null && authorization != $"Bearer {Token}")
            {
                await Answer(context.Response, 401, NodeSamples.Problem(401, ApiErrors.Unauthorized, "the bearer token is not this node's API token"));
                return;
            }

            if (routes.TryGetValue($"{request.HttpMethod} {pathAndQuery}", out var handler))
            {
                await handler(context);
                return;
            }

            context.Response.StatusCode = 404; // as Kestrel answers a route the API does not have: no body
            context.Response.Close();
        }
        catch (Exception)
        {
            // the client went away
        }
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Hrm.Cli.Tests.Client;

/// <summary>
/// A tiny node HTTP API on a free loopback port (<see cref="HttpListener"/>): canned answers per method and path,
/// the bearer-token check, and a record of the requests it got.
/// </summary>
internal sealed class FakeNode : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentDictionary<string, Func<HttpListenerContext, Task>> routes = new();
    private readonly Task loop;

    public FakeNode(string? token = "secret")
    {
        Token = token;
        Port = FreePort();
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

    /// <summary>Answers <paramref name="method"/> <paramref name="pathAndQuery"/> with a status and a JSON body.</summary>
    public FakeNode On(string method, string pathAndQuery, int status, string? json = null) =>
        On(method, pathAndQuery, async context =>
        {
            context.Response.StatusCode = status;
            if (json is not null)
            {
                await Write(context.Response, "application/json", json);
            }

            context.Response.Close();
        });

    public FakeNode On(string method, string pathAndQuery, Func<HttpListenerContext, Task> handler)
    {
        routes[$"{method} {pathAndQuery}"] = handler;
        return this;
    }

    public Recorded Single(string method, string pathAndQuery) =>
        Assert.Single(Requests, r => r.Method == method && r.PathAndQuery == pathAndQuery);

    public static async Task Write(HttpListenerResponse response, string contentType, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        response.ContentType = contentType;
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
    }

    /// <summary>A port nobody listens on (connection refused).</summary>
    public static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

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
                context.Response.StatusCode = 401;
                await Write(context.Response, "application/json", """{"error":"unauthorized"}""");
                context.Response.Close();
                return;
            }

            if (routes.TryGetValue($"{request.HttpMethod} {pathAndQuery}", out var handler))
            {
                await handler(context);
                return;
            }

            context.Response.StatusCode = 404;
            await Write(context.Response, "application/json", """{"error":"not_found","message":"no such route"}""");
            context.Response.Close();
        }
        catch (Exception)
        {
            // the client went away
        }
    }
}

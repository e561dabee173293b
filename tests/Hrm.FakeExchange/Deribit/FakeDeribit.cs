using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hrm.FakeExchange.Deribit;

/// <summary>
/// A loopback Deribit: Kestrel on 127.0.0.1 (a free port) serving the JSON-RPC websocket at <c>/ws/api/v2</c>, replaying
/// a recording's notifications for the channels the client subscribed, with the faults of a <see cref="FakeDeribitScript"/>.
/// One market cursor runs over all connections (<see cref="FakeDeribitMarket"/>).
/// </summary>
public sealed class FakeDeribit : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _connections;

    private FakeDeribit(WebApplication app, FakeDeribitMarket market)
    {
        _app = app;
        Market = market;
    }

    public FakeDeribitMarket Market { get; }

    public Uri Url { get; private set; } = null!;

    public int Connections => _connections;

    /// <summary>Every request a client sent, as (connection, method, channels).</summary>
    public ConcurrentQueue<(int Connection, string Method, IReadOnlyList<string> Channels)> Requests { get; } = new();

    /// <summary>Why each connection ended, as the fake saw it.</summary>
    public ConcurrentQueue<string> Closed { get; } = new();

    public int TestRequestsAnswered => _answered;

    private int _answered;

    public static async Task<FakeDeribit> StartAsync(string recordingPath, FakeDeribitScript script)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var fake = new FakeDeribit(app, new FakeDeribitMarket(DeribitRecording.Load(recordingPath), script));
        app.UseWebSockets();
        app.Map("/ws/api/v2", fake.AcceptAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.Url = new Uri(address.Replace("http://", "ws://") + "/ws/api/v2");
        return fake;
    }

    private async Task AcceptAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var connection = Interlocked.Increment(ref _connections);
        var session = new FakeDeribitSession(socket, Market, connection,
            (method, channels) => Requests.Enqueue((connection, method, channels)),
            () => Interlocked.Increment(ref _answered));
        Closed.Enqueue(await session.RunAsync(context.RequestAborted));
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}

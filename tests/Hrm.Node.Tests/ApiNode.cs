using System.Net.Http.Headers;
using Akka.Actor;
using Hrm.Node.Api;
using Hrm.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hrm.Node.Tests;

/// <summary>
/// One node in this process, as <c>hrm-node</c> builds it: the actor system (symbols role, a cluster of its own, a
/// SQLite journal in a temp directory) and the API on a free loopback port.
/// </summary>
public sealed class ApiNode : IAsyncLifetime
{
    public const string Token = "test-token-7f3a";

    private readonly string _dir = System.IO.Directory.CreateTempSubdirectory("hrm-api-").FullName;
    private WebApplication? _app;

    public static string History => Path.Combine(SharedData.Root, "macro_meso");

    /// <summary>Sends the token.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>Sends no token.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    public string Directory => _dir;

    public async Task InitializeAsync()
    {
        var apiPort = FreePorts.Next();
        var settings = new NodeSettings
        {
            Port = FreePorts.Next(),
            Journal = new JournalOptions { ConnectionString = $"Data Source={Path.Combine(_dir, "journal.db")}" },
            Api = new ApiOptions { Host = "127.0.0.1", Port = apiPort, AskTimeout = TimeSpan.FromSeconds(20) },
            Feeds = new FeedDefaults { DataDirectory = SharedData.Window2024, HistoryDirectory = History, WarmupDays = 30 },
            Backtests = new BacktestJobOptions { Directory = Path.Combine(_dir, "backtests") },
        };
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        _app = NodeApi.Build(builder, settings, Token);
        await _app.StartAsync();

        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Akka.Cluster.Cluster.Get(_app.Services.GetRequiredService<ActorSystem>()).RegisterOnMemberUp(() => up.TrySetResult());
        await up.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var address = new Uri($"http://127.0.0.1:{apiPort}");
        Anonymous = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        Anonymous.Dispose();
        if (_app is not null)
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await _app.StopAsync(cts.Token);
            await _app.DisposeAsync();
        }

        try
        {
            System.IO.Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may hold the file a moment longer
        }
    }
}

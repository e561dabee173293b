using System.Net;
using System.Net.Http.Headers;
using Hrm.Testing;

namespace Hrm.Node.Tests;

/// <summary>The API token: a node without one does not start; one read from a file (a mounted secret) works.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class ApiTokenTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hrm-api-token-").FullName;

    [Fact]
    public async Task A_node_without_a_token_refuses_to_start_with_exit_code_2()
    {
        using var node = NodeProcess.Start(Settings(FreePorts.Next()));

        Assert.True(await node.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(2, node.ExitCode);
        Assert.Contains("hrm-node: invalid settings: no API token: set Hrm:Api:Token", node.Stderr);
        Assert.Empty(node.StdoutLines);
    }

    [Fact]
    public async Task An_empty_token_file_is_refused()
    {
        var file = Path.Combine(_dir, "empty-token");
        await File.WriteAllTextAsync(file, "\n");
        var settings = Settings(FreePorts.Next());
        settings["HRM__Api__TokenFile"] = file;
        using var node = NodeProcess.Start(settings);

        Assert.True(await node.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(2, node.ExitCode);
        Assert.Contains($"Hrm:Api:TokenFile '{file}' is empty", node.Stderr);
    }

    [Fact]
    public async Task A_token_file_protects_the_api_of_a_node_process()
    {
        var file = Path.Combine(_dir, "token");
        await File.WriteAllTextAsync(file, "secret-from-file\n");
        var apiPort = FreePorts.Next();
        var settings = Settings(apiPort);
        settings["HRM__Api__TokenFile"] = file;
        using var node = NodeProcess.Start(settings);
        await node.WaitUntilUp(TimeSpan.FromSeconds(30));

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}") };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/symbols")).StatusCode);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "secret-from-file");
        var list = await http.GetAsync("/symbols");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal("[]", await list.Content.ReadAsStringAsync());
        Assert.Single(node.StdoutLines); // the ready line only: the API logs nothing to stdout
    }

    private Dictionary<string, string> Settings(int apiPort) => new()
    {
        ["HRM__Hostname"] = "127.0.0.1",
        ["HRM__Port"] = FreePorts.Next().ToString(),
        ["HRM__Api__Host"] = "127.0.0.1",
        ["HRM__Api__Port"] = apiPort.ToString(),
        ["HRM__Journal__ConnectionString"] = $"Data Source={Path.Combine(_dir, "journal.db")}",
        ["HRM__ShutdownTimeout"] = "00:00:10",
    };

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // a node may still hold the file for a moment
        }
    }
}

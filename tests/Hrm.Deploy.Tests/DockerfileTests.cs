using Hrm.Testing;

namespace Hrm.Deploy.Tests;

/// <summary>
/// No container engine runs here, so the node's Dockerfile is never built in CI: these checks keep it in step with the
/// manifests (user, ports, entry point, base images).
/// </summary>
public sealed class DockerfileTests
{
    private static readonly string[] Lines = File.ReadAllLines(Path.Combine(SharedData.RepositoryRoot, "src", "Hrm.Node", "Dockerfile"))
        .Select(l => l.Trim())
        .Where(l => l.Length > 0 && !l.StartsWith('#'))
        .ToArray();

    [Fact]
    public void Builds_with_the_sdk_and_runs_on_the_aspnet_runtime()
    {
        var from = Lines.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, from.Count);
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:10.0 ", from[0], StringComparison.Ordinal);
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:10.0", from[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Runs_hrm_node_as_the_manifests_user_and_exposes_their_ports()
    {
        Assert.Equal("USER 10001:10001", Lines.Last(l => l.StartsWith("USER ", StringComparison.Ordinal)));
        Assert.Equal("EXPOSE 4053 8080", Assert.Single(Lines, l => l.StartsWith("EXPOSE ", StringComparison.Ordinal)));
        Assert.Equal("ENTRYPOINT [\"dotnet\", \"hrm-node.dll\"]", Lines[^1]);
        Assert.Contains(Lines, l => l.Contains("src/Hrm.Node/Hrm.Node.csproj", StringComparison.Ordinal) && l.Contains("dotnet publish", StringComparison.Ordinal));
    }
}

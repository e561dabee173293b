using System.Diagnostics;
using Hrm.Testing;

namespace Hrm.Cluster.Tests;

/// <summary>Runs the real <c>hrm</c> CLI binary as a separate process and captures its exit code and output.</summary>
public static class CliProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static async Task<Result> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var cli = Path.Combine(SharedData.RepositoryRoot, "src", "Hrm.Cli", "bin", NodeProcess.BuildConfiguration, "net10.0", "hrm.dll");
        var info = new ProcessStartInfo("dotnet", [cli, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment.Remove("HRM_NODE");
        info.Environment.Remove("HRM_TOKEN");
        foreach (var (key, value) in environment)
        {
            if (value is null)
            {
                info.Environment.Remove(key);
            }
            else
            {
                info.Environment[key] = value;
            }
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}

using Spectre.Console;

namespace Hrm.Cli;

/// <summary>A live "events replayed" line on a terminal; silent when output is redirected (CI, pipes, --json).</summary>
public static class ProgressDisplay
{
    public static async Task<T> RunAsync<T>(Func<IProgress<long>, Task<T>> work)
    {
        if (Console.IsErrorRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            return await work(new Progress<long>());
        }

        var started = DateTime.UtcNow;
        return await AnsiConsole.Status().StartAsync("Starting the embedded cluster…", async context =>
        {
            var progress = new Progress<long>(sent =>
            {
                var seconds = Math.Max((DateTime.UtcNow - started).TotalSeconds, 1e-3);
                context.Status($"Replayed {sent:N0} events ({sent / seconds:N0}/s)");
            });
            return await work(progress);
        });
    }
}

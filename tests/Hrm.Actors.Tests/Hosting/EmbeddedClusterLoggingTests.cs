using Akka.Event;
using Hrm.Actors.Hosting;
using Hrm.Actors.Symbol;
using Hrm.Testing;

namespace Hrm.Actors.Tests.Hosting;

/// <summary>An embedded cluster's log goes to stderr: a command's stdout (its --json output) carries nothing else.</summary>
public sealed class EmbeddedClusterLoggingTests
{
    [Fact]
    public async Task A_warning_of_the_embedded_cluster_is_written_to_stderr_never_to_stdout()
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var (outBefore, errorBefore) = (Console.Out, Console.Error);
        var marker = "embedded-warning-" + Guid.NewGuid().ToString("N");
        var journal = JournalSettings.SqliteFile(Path.Combine(SharedData.NewTempDirectory("embedded-logging"), "hrm.db"));
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            await using var node = await EmbeddedCluster.StartAsync(journal, new SymbolSettings());
            node.System.Log.Warning(marker);
            for (var i = 0; i < 100 && !stderr.ToString().Contains(marker, StringComparison.Ordinal); i++)
            {
                await Task.Delay(50);
            }
        }
        finally
        {
            Console.SetOut(outBefore);
            Console.SetError(errorBefore);
        }

        Assert.Contains(marker, stderr.ToString());
        Assert.DoesNotContain(marker, stdout.ToString());
    }
}

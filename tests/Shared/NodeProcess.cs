using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Hrm.Testing;

/// <summary>
/// One <c>hrm-node</c> process on loopback, configured by <c>HRM__*</c> environment variables: its stdout lines kept,
/// its stderr kept and written to a log file, up once it prints its ready line; stopped, frozen, continued or killed
/// with real signals, and killed on dispose.
/// </summary>
public sealed class NodeProcess : IDisposable
{
    /// <summary>What the node prints on stdout once it is a cluster member and its API listens (<c>NodeHost.ReadyLinePrefix</c>).</summary>
    public const string ReadyLinePrefix = "HRM node up: ";

#if DEBUG
    public const string BuildConfiguration = "Debug";
#else
    public const string BuildConfiguration = "Release";
#endif

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private NodeProcess(string name, int port, Process process, string log)
    {
        Name = name;
        Port = port;
        _process = process;
        Log = log;
    }

    public string Name { get; }

    /// <summary>The Akka port (<c>HRM__Port</c>; 0 when the settings leave it out).</summary>
    public int Port { get; }

    /// <summary>The node's Akka address (what <c>SymbolStatus.Node</c> reports for entities it hosts).</summary>
    public string Address => $"akka.tcp://hrm@127.0.0.1:{Port}";

    /// <summary>The file its stderr is written to.</summary>
    public string Log { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Stderr => string.Join('\n', _stderr);

    public IReadOnlyList<string> StdoutLines => [.. _stdout];

    /// <summary>The node built in the tests' configuration.</summary>
    public static string NodeDll { get; } =
        Path.Combine(SharedData.RepositoryRoot, "src", "Hrm.Node", "bin", BuildConfiguration, "net10.0", "hrm-node.dll");

    public static NodeProcess Start(IReadOnlyDictionary<string, string> environment, string name = "node")
    {
        if (!File.Exists(NodeDll))
        {
            throw new InvalidOperationException($"{NodeDll} is not built (dotnet build Hrm.sln -c {BuildConfiguration}).");
        }

        var info = new ProcessStartInfo("dotnet", [NodeDll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var port = environment.TryGetValue("HRM__Port", out var p) ? int.Parse(p, CultureInfo.InvariantCulture) : 0;
        var log = Path.Combine(Path.GetTempPath(), $"hrm-node-{name}-{port}-{Guid.NewGuid():N}.log");
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var node = new NodeProcess(name, port, process, log);
        var writer = new StreamWriter(log) { AutoFlush = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            node._stdout.Enqueue(e.Data);
            if (e.Data.StartsWith(ReadyLinePrefix, StringComparison.Ordinal))
            {
                node._ready.TrySetResult(e.Data[ReadyLinePrefix.Length..]);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                node._stderr.Enqueue(e.Data);
                lock (writer)
                {
                    writer.WriteLine(e.Data);
                }
            }
        };
        process.Exited += (_, _) => node._ready.TrySetException(new InvalidOperationException($"node {name} exited before it was up; log: {log}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    /// <summary>Waits for the ready line; returns the address it names.</summary>
    public async Task<string> WaitUntilUp(TimeSpan timeout)
    {
        try
        {
            return await _ready.Task.WaitAsync(timeout);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            throw new InvalidOperationException($"node {Name} not up ({e.Message}); its log:\n{LogTail(40)}", e);
        }
    }

    /// <summary>kill -9: no shutdown, no hand-off, no goodbye to the cluster.</summary>
    public void Kill() => Signal("KILL");

    /// <summary>SIGTERM, as Kubernetes stops a pod: the host runs CoordinatedShutdown (leave, shard hand-off) and exits.</summary>
    public void Terminate() => Signal("TERM");

    /// <summary>SIGTERM, then the exit code once the process ended.</summary>
    public async Task<int> Terminate(TimeSpan timeout)
    {
        Terminate();
        return await WaitForExitAsync(timeout) ? ExitCode : throw new TimeoutException($"node {Name} still runs {timeout} after SIGTERM");
    }

    /// <summary>SIGSTOP: the process freezes; heartbeats stop, nothing is closed.</summary>
    public void Freeze() => Signal("STOP");

    public void Thaw() => Signal("CONT");

    /// <summary>True once the process has ended, false when it still runs after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public async Task<bool> StderrEventuallyContains(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_stderr.Any(line => line.Contains(text, StringComparison.Ordinal)))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    /// <summary>The last <paramref name="lines"/> lines of the node's stderr, for a failure message.</summary>
    public string LogTail(int lines) => string.Join('\n', _stderr.TakeLast(lines));

    private void Signal(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", Pid.ToString(CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                Thaw();
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        _process.Dispose();
    }
}

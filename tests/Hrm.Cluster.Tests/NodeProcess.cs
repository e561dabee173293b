using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Hrm.Testing;

namespace Hrm.Cluster.Tests;

/// <summary>
/// One <c>Hrm.Node</c> process on loopback, configured through <c>HRM__*</c> environment variables, with its stderr
/// kept in a log file. Started and waited for until it prints its ready line; killed, stopped, continued or
/// terminated with real signals.
/// </summary>
public sealed class NodeProcess : IDisposable
{
    private const string ReadyLine = "HRM node up: ";
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private NodeProcess(string name, int port, Process process, string log)
    {
        Name = name;
        Port = port;
        _process = process;
        Log = log;
    }

    public string Name { get; }

    public int Port { get; }

    /// <summary>The node's Akka address (what <c>SymbolStatus.Node</c> reports for entities it hosts).</summary>
    public string Address => $"akka.tcp://hrm@127.0.0.1:{Port}";

    public string Log { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts a node; <paramref name="seeds"/> empty = it forms the cluster by joining itself.</summary>
    public static NodeProcess Start(string name, int port, IReadOnlyList<string> seeds, string provider, string connectionString,
        IReadOnlyDictionary<string, string>? extra = null)
    {
        var node = Path.Combine(SharedData.RepositoryRoot, "src", "Hrm.Node", "bin", BuildConfiguration, "net10.0", "hrm-node.dll");
        if (!File.Exists(node))
        {
            throw new InvalidOperationException($"{node} is not built (dotnet build Hrm.sln -c {BuildConfiguration}).");
        }

        var info = new ProcessStartInfo("dotnet", [node])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        info.Environment["HRM__Hostname"] = "127.0.0.1";
        info.Environment["HRM__Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < seeds.Count; i++)
        {
            info.Environment[$"HRM__SeedNodes__{i}"] = seeds[i];
        }

        info.Environment["HRM__Journal__Provider"] = provider;
        info.Environment["HRM__Journal__ConnectionString"] = connectionString;
        info.Environment["HRM__Symbols__SnapshotEveryEvents"] = "20000";
        info.Environment["HRM__Cluster__StableAfter"] = "00:00:04";
        info.Environment["HRM__Cluster__AcceptableHeartbeatPause"] = "00:00:03";
        info.Environment["HRM__ShutdownTimeout"] = "00:00:40";
        info.Environment["HRM__Api__Host"] = "127.0.0.1";
        info.Environment["HRM__Api__Port"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["HRM__Api__Token"] = "cluster-tests";
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var log = Path.Combine(Path.GetTempPath(), $"hrm-node-{name}-{port}-{Guid.NewGuid():N}.log");
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + node);
        var started = new NodeProcess(name, port, process, log);
        var writer = new StreamWriter(log) { AutoFlush = true };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (writer)
                {
                    writer.WriteLine(e.Data);
                }
            }
        };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.StartsWith(ReadyLine, StringComparison.Ordinal) == true)
            {
                started._ready.TrySetResult();
            }
        };
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => started._ready.TrySetException(new InvalidOperationException($"node {name} exited before it was up; log: {log}"));
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return started;
    }

    public Task WaitUntilUpAsync() => _ready.Task.WaitAsync(TimeSpan.FromSeconds(60));

    /// <summary>kill -9: no shutdown, no hand-off, no goodbye to the cluster.</summary>
    public void Kill() => Signal("KILL");

    /// <summary>SIGTERM: the host runs CoordinatedShutdown (leave, shard hand-off) and exits.</summary>
    public void Terminate() => Signal("TERM");

    /// <summary>SIGSTOP: the process freezes; heartbeats stop, nothing is closed.</summary>
    public void Freeze() => Signal("STOP");

    public void Thaw() => Signal("CONT");

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

    public int ExitCode => _process.ExitCode;

    /// <summary>The last <paramref name="lines"/> lines of the node's stderr log, for a failure message.</summary>
    public string LogTail(int lines)
    {
        using var reader = new StreamReader(new FileStream(Log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        var all = reader.ReadToEnd().Split('\n');
        return string.Join('\n', all.TakeLast(lines));
    }

    private void Signal(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Thaw();
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

#if DEBUG
    public const string BuildConfiguration = "Debug";
#else
    public const string BuildConfiguration = "Release";
#endif
}

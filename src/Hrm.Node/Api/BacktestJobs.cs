using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Hrm.Backtesting;
using Hrm.MarketData;
using Hrm.MarketData.Replay;
using Hrm.Protocol.Api;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hrm.Node.Api;

/// <summary>
/// Backtests started by <c>POST /backtests</c>: each runs <see cref="BacktestRunner"/> in this process (its own embedded
/// single-node cluster and SQLite journal under <c>Hrm:Backtests:Directory/&lt;id&gt;</c>), in the background. The list
/// lives in memory: a restarted node forgets its backtests (their output directories stay).
/// </summary>
public sealed class BacktestJobs(NodeSettings settings, IHostApplicationLifetime lifetime, ILogger<BacktestJobs> log)
{
    private readonly ConcurrentDictionary<string, Job> _jobs = new(StringComparer.Ordinal);

    public IEnumerable<Job> All => _jobs.Values;

    public Job? Find(string id) => _jobs.GetValueOrDefault(id);

    /// <summary>Checks the inputs (throws <see cref="InputException"/>) and starts the run.</summary>
    public Job Start(string data, string? history, IReadOnlyList<string>? symbols, int warmupDays)
    {
        var id = Guid.NewGuid().ToString("D");
        var options = new BacktestOptions
        {
            DataDirectory = data,
            HistoryDirectory = history,
            Symbols = symbols,
            Warmup = TimeSpan.FromDays(warmupDays),
            OutDirectory = Path.Combine(settings.Backtests.OutRoot, id),
        };

        // Opening the sources finds the captures, the symbols and the history, and says what is wrong up front.
        RecordedSources.Open(options.Input);
        var job = new Job(id, options.OutDirectory);
        _jobs[id] = job;
        job.Task = Task.Run(() => RunAsync(job, options));
        return job;
    }

    private async Task RunAsync(Job job, BacktestOptions options)
    {
        try
        {
            var summary = await BacktestRunner.RunAsync(options, cancellation: lifetime.ApplicationStopping);
            job.Summary = JsonNode.Parse(summary.ToJson())!.AsObject();
            job.Status = BacktestView.Completed;
        }
        catch (Exception e)
        {
            log.LogWarning(e, "backtest {Id} failed", job.Id);
            job.Error = e.Message;
            job.Status = BacktestView.Failed;
        }
    }

    public sealed class Job(string id, string outDirectory)
    {
        public string Id { get; } = id;

        public string OutDirectory { get; } = outDirectory;

        public string Status { get; set; } = BacktestView.Running;

        public JsonObject? Summary { get; set; }

        public string? Error { get; set; }

        internal Task Task { get; set; } = Task.CompletedTask;
    }
}

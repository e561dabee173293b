using System.Diagnostics;
using System.Globalization;
using Hrm.Backtesting;
using Hrm.MarketData;
using Spectre.Console;

namespace Hrm.Cli;

/// <summary>
/// A live "events replayed" display on stderr, shown only when stderr is an interactive terminal (silent in CI, pipes
/// and tests), so stdout stays clean for <c>--json</c>. Without a total it is a spinner with the count and rate; with
/// one, a progress bar with percentage and time left.
/// </summary>
public static class ProgressDisplay
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(200);

    /// <summary>Runs <paramref name="work"/> under a spinner showing the events it reports sent and their rate.</summary>
    public static async Task<T> RunAsync<T>(Func<IProgress<long>, Task<T>> work)
    {
        if (Terminal() is not { } console)
        {
            return await work(new LatestCount());
        }

        var sent = new LatestCount();
        return await console.Status().StartAsync("Starting the embedded cluster…", async context =>
        {
            var running = work(sent);
            while (await Task.WhenAny(running, Task.Delay(Refresh)) != running)
            {
                if (sent.Value > 0)
                {
                    context.Status(Counted(sent, null));
                }
            }

            return await running;
        });
    }

    /// <summary>
    /// Runs <paramref name="work"/> under a progress bar of the events it reports sent out of <paramref name="total"/>,
    /// which is counted on a background thread, and only when the display is shown. Until the total is known (or if
    /// counting fails) the bar is indeterminate and the line shows the count and rate. Once every event is sent the
    /// line says <paramref name="finishing"/> while <paramref name="work"/> completes.
    /// </summary>
    public static async Task<T> RunAsync<T>(Func<IProgress<long>, Task<T>> work, Func<long> total, string finishing)
    {
        if (Terminal() is not { } console)
        {
            return await work(new LatestCount());
        }

        var counting = Task.Run(() =>
        {
            try
            {
                return (long?)total();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or FormatException or InputException)
            {
                return null; // The run reports bad input itself; the bar just stays indeterminate.
            }
        });
        var sent = new LatestCount();
        return await console.Progress()
            .AutoClear(true)
            .Columns(
                new SpinnerColumn(),
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn(),
                new PercentageColumn(),
                new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var bar = context.AddTask("Starting the embedded cluster…", maxValue: 1);
                bar.IsIndeterminate = true;
                var running = work(sent);
                while (await Task.WhenAny(running, Task.Delay(Refresh)) != running)
                {
                    long? known = counting.IsCompletedSuccessfully ? counting.Result : null;
                    if (known is > 0 && bar.IsIndeterminate)
                    {
                        bar.MaxValue = known.Value;
                        bar.IsIndeterminate = false;
                    }

                    var value = sent.Value;
                    if (value > 0)
                    {
                        bar.Description = value >= known ? $"{Counted(sent, null)}; {finishing}" : Counted(sent, known);
                        if (!bar.IsIndeterminate)
                        {
                            bar.Value = Math.Min(value, bar.MaxValue);
                        }
                    }
                }

                return await running;
            });
    }

    /// <summary>"Replayed 1,234 [of 5,678] events (900/s)": the rate up to the latest report, not to now.</summary>
    private static string Counted(LatestCount sent, long? total)
    {
        var (value, at) = sent.Latest;
        var rate = value / Math.Max(at.TotalSeconds, 1e-3);
        var of = total is { } t ? string.Create(CultureInfo.InvariantCulture, $" of {t:N0}") : "";
        return string.Create(CultureInfo.InvariantCulture, $"Replayed {value:N0}{of} events ({rate:N0}/s)");
    }

    /// <summary>
    /// A console on stderr when stderr is a terminal that takes ANSI cursor codes; null otherwise. Spectre's own
    /// interactivity detection looks at stdout, so it is overridden: <c>hrm backtest --json &gt; out.json</c> still shows
    /// the display on the terminal.
    /// </summary>
    private static IAnsiConsole? Terminal()
    {
        if (Console.IsErrorRedirected)
        {
            return null;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Error),
            Interactive = InteractionSupport.Yes,
        });
        return console.Profile.Capabilities.Ansi && console.Profile.Out.IsTerminal ? console : null;
    }

    /// <summary>
    /// The latest count reported and when (since the display started); reports may arrive on any thread and are read
    /// by the display's refresh loop.
    /// </summary>
    private sealed class LatestCount : IProgress<long>
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly Lock _gate = new();
        private long _value;
        private TimeSpan _at;

        public long Value
        {
            get
            {
                lock (_gate)
                {
                    return _value;
                }
            }
        }

        public (long Value, TimeSpan At) Latest
        {
            get
            {
                lock (_gate)
                {
                    return (_value, _at);
                }
            }
        }

        public void Report(long value)
        {
            lock (_gate)
            {
                if (value > _value)
                {
                    (_value, _at) = (value, _clock.Elapsed);
                }
            }
        }
    }
}

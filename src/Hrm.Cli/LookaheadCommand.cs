using System.CommandLine;
using System.Globalization;
using Hrm.Backtesting;
using Hrm.MarketData;

namespace Hrm.Cli;

/// <summary>
/// <c>hrm lookahead</c>: the backtest twice, on the whole input and with the input cut at a time; every signal stamped
/// before the cut must be unchanged. Exit 0 when none changed, 1 with the changed signals listed, 2 on bad input.
/// </summary>
public static class LookaheadCommand
{
    public static Command Create()
    {
        var input = new ReplayInputOptions(Path.Combine("out", "lookahead"), "Output directory (the two runs go to full/ and cut/)");
        var cut = new Option<string>("--cut") { Description = "Cut time: ISO-8601 UTC (2024-08-09T00:00:00Z), or Unix ms or ns", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON on stdout" };

        var command = new Command("lookahead", "Replay with the input cut at a time and confirm that no signal stamped before it changed")
        {
            cut, json,
        };
        input.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            if (!TryParseTime(parse.GetValue(cut)!, out var cutNanos))
            {
                Console.Error.WriteLine($"hrm lookahead: --cut '{parse.GetValue(cut)}' is not a time: use ISO-8601 UTC (2024-08-09T00:00:00Z) or Unix ms or ns.");
                return 2;
            }

            if (!input.TryRead(parse, out var options, out var invalid))
            {
                Console.Error.WriteLine($"hrm lookahead: {invalid}");
                return 2;
            }

            return await RunAsync(options, cutNanos, parse.GetValue(json), cancellation);
        });
        return command;
    }

    /// <summary>
    /// ISO-8601 with an explicit UTC offset (Z or ±hh:mm), or an integer: up to 13 digits is Unix milliseconds
    /// (until year 2286), more is Unix nanoseconds.
    /// </summary>
    public static bool TryParseTime(string value, out long unixNanos)
    {
        unixNanos = 0;
        value = value.Trim();
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            unixNanos = value.Length <= 13 ? number * 1_000_000 : number;
            return number > 0;
        }

        var hasOffset = value.EndsWith('Z') || value.EndsWith('z') || value.LastIndexOfAny(['+', '-']) > value.IndexOf('T');
        if (!hasOffset || value.IndexOf('T') < 0
            || !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var time))
        {
            return false;
        }

        unixNanos = (time.UtcTicks - DateTime.UnixEpoch.Ticks) * 100;
        return unixNanos > 0;
    }

    private static async Task<int> RunAsync(BacktestOptions options, long cut, bool json, CancellationToken cancellation)
    {
        try
        {
            var report = await ProgressDisplay.RunAsync(progress => LookaheadCheck.RunAsync(options, cut, progress: progress, cancellation: cancellation));
            if (json)
            {
                Console.Out.WriteLine(report.ToJson());
            }
            else
            {
                Console.Out.WriteLine($"hrm lookahead: {report}");
                foreach (var changed in report.Changed)
                {
                    Console.Out.WriteLine($"{changed.Symbol} #{changed.Sequence}");
                    Console.Out.WriteLine($"  full: {changed.Full ?? "(none)"}");
                    Console.Out.WriteLine($"  cut:  {changed.Cut ?? "(none)"}");
                }
            }

            return report.Passed ? 0 : 1;
        }
        catch (InputException error)
        {
            Console.Error.WriteLine($"hrm lookahead: {error.Message}");
            return 2;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            Console.Error.WriteLine("hrm lookahead: stopped before both runs completed.");
            return 2;
        }
    }
}

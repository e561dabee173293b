using System.Globalization;
using Hrm.Protocol;

namespace Hrm.Signals.Evaluation.WalkForward;

/// <summary>
/// One walk-forward fold: learn on [<see cref="TrainFrom"/>, <see cref="TestFrom"/>), then, frozen, trade and score
/// [<see cref="TestFrom"/>, <see cref="TestTo"/>). Unix nanoseconds.
/// </summary>
public sealed record WalkForwardFold(int Index, long TrainFrom, long TestFrom, long TestTo);

/// <summary>
/// Rolling walk-forward windows: test windows tile [from + train, to) back to back (the last one may be shorter), each
/// preceded by a train window of fixed length that ends where the test begins. No test window overlaps another, and
/// none overlaps its own training data.
/// </summary>
public static class WalkForwardPlan
{

    /// <summary>Parses <c>&lt;train&gt;:&lt;test&gt;</c> with units s, m, h, d or w (<see cref="DurationText"/>), e.g. <c>180d:30d</c>.</summary>
    public static (TimeSpan Train, TimeSpan Test) ParseSpec(string spec)
    {
        var parts = spec.Split(':');
        if (parts.Length != 2)
        {
            throw new FormatException($"walk-forward spec '{spec}' must be <train>:<test>, e.g. 180d:30d");
        }

        return (ParseSpan(parts[0], spec), ParseSpan(parts[1], spec));
    }

    public static IReadOnlyList<WalkForwardFold> Folds(long from, long to, TimeSpan train, TimeSpan test)
    {
        if (train <= TimeSpan.Zero || test <= TimeSpan.Zero)
        {
            throw new ArgumentException("train and test windows must be positive");
        }

        var trainNanos = train.Ticks * 100;
        var testNanos = test.Ticks * 100;
        var folds = new List<WalkForwardFold>();
        for (var testFrom = from + trainNanos; testFrom < to; testFrom += testNanos)
        {
            folds.Add(new WalkForwardFold(folds.Count, testFrom - trainNanos, testFrom, Math.Min(testFrom + testNanos, to)));
        }

        return folds;
    }

    private static TimeSpan ParseSpan(string text, string spec) => DurationText.TryParse(text, out var span)
        ? span
        : throw new FormatException($"walk-forward window '{text}' in '{spec}' must be a positive number with s, m, h, d or w, e.g. 30d");
}

namespace Hrm.Signals.Evaluation.WalkForward;

/// <summary>A labelled sample: decided at <see cref="Start"/>, its label known at <see cref="End"/> (Unix ns, End ≥ Start).</summary>
public readonly record struct LabelSpan(long Start, long End);

/// <summary>
/// Purging and embargo (López de Prado, <i>Advances in Financial Machine Learning</i>, ch. 7): a sample may train a
/// model that is tested on [testFrom, testTo) only if its label cannot carry information from the test window.
/// <list type="bullet">
/// <item><b>Purging</b>: a sample whose label interval [Start, End] overlaps the test window is dropped: its outcome
/// is (partly) a test outcome.</item>
/// <item><b>Embargo</b>: a sample that starts after the test window must start at or after testTo + embargo, because
/// the features just after a test window are still serially correlated with the test labels.</item>
/// </list>
/// A walk-forward trains only before its test window, so there purging is what bites: a train decision made less than
/// one horizon (plus the fill delay) before the test window starts is dropped. The rule is written generally so the
/// same function serves any fold plan (combinatorial purged CV included).
/// </summary>
public static class PurgedSplit
{
    /// <summary>
    /// True when <paramref name="sample"/> may train for the test window [<paramref name="testFrom"/>,
    /// <paramref name="testTo"/>): it starts in [<paramref name="trainFrom"/>, <paramref name="trainTo"/>), its label
    /// interval does not overlap the test window, and it does not start within the embargo after it.
    /// </summary>
    public static bool MayTrain(LabelSpan sample, long trainFrom, long trainTo, long testFrom, long testTo, long embargoNanos = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(embargoNanos);
        if (sample.Start < trainFrom || sample.Start >= trainTo)
        {
            return false;
        }

        var overlapsTest = sample.Start < testTo && sample.End >= testFrom;
        var inEmbargo = sample.Start >= testTo && sample.Start < testTo + embargoNanos;
        return !overlapsTest && !inEmbargo;
    }

    /// <summary>The samples that may train for the fold's test window (<see cref="MayTrain"/> on its train window).</summary>
    public static bool MayTrain(LabelSpan sample, WalkForwardFold fold, long embargoNanos = 0) =>
        MayTrain(sample, fold.TrainFrom, fold.TestFrom, fold.TestFrom, fold.TestTo, embargoNanos);
}

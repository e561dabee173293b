using Hrm.Signals.Evaluation.WalkForward;

namespace Hrm.Signals.Evaluation.Labels;

/// <summary>
/// The climatology forecast of "the price rises over the horizon": the base rate a forecaster could have known
/// before the decision, the bar a probability forecast must beat (Brier skill).
/// </summary>
public static class Climatology
{
    /// <summary>
    /// The share of rises among the labels that may train for the fold (purged: their horizon ends before the test
    /// window; <see cref="PurgedSplit"/>); NaN when there is none.
    /// </summary>
    public static double TrainBaseRate(IEnumerable<ForwardLabel> labels, WalkForwardFold fold)
    {
        int n = 0, up = 0;
        foreach (var label in labels)
        {
            if (label.IsKnown && PurgedSplit.MayTrain(new LabelSpan(label.DecisionTs, label.EndTs), fold))
            {
                n++;
                up += label.Return > 0 ? 1 : 0;
            }
        }

        return n == 0 ? double.NaN : (double)up / n;
    }

    /// <summary>
    /// Prequential base rates (no train window, e.g. a capture): for each label in decision order, the share of rises
    /// among the earlier labels whose horizon had ended by its decision time; NaN until one had.
    /// </summary>
    public static double[] Prequential(IReadOnlyList<ForwardLabel> labels)
    {
        var rates = new double[labels.Count];
        var ended = labels.Select((l, i) => (l, i)).Where(x => x.l.IsKnown).OrderBy(x => x.l.EndTs).ThenBy(x => x.i).ToArray();
        int next = 0, n = 0, up = 0;
        for (var i = 0; i < labels.Count; i++)
        {
            while (next < ended.Length && ended[next].l.EndTs <= labels[i].DecisionTs)
            {
                n++;
                up += ended[next++].l.Return > 0 ? 1 : 0;
            }

            rates[i] = n == 0 ? double.NaN : (double)up / n;
        }

        return rates;
    }
}

using CsCheck;
using Hrm.Signals.Evaluation.WalkForward;

namespace Hrm.Signals.Tests.Evaluation.WalkForward;

public sealed class PurgedSplitTests
{
    private const long D = 86_400_000_000_000;

    [Fact]
    public void A_train_label_that_reaches_the_test_window_is_purged()
    {
        var fold = new WalkForwardFold(0, 0, 10 * D, 20 * D);
        Assert.True(PurgedSplit.MayTrain(new LabelSpan(D, 2 * D), fold));
        // decided in train, known one week later, inside the test window → purged
        Assert.False(PurgedSplit.MayTrain(new LabelSpan(9 * D, 16 * D), fold));
        // ends exactly at the test start: the test window's first price is part of the label → purged
        Assert.False(PurgedSplit.MayTrain(new LabelSpan(9 * D, 10 * D), fold));
        Assert.True(PurgedSplit.MayTrain(new LabelSpan(9 * D, 10 * D - 1), fold));
        // outside the train window → not a train sample
        Assert.False(PurgedSplit.MayTrain(new LabelSpan(-D, 0), fold));
        Assert.False(PurgedSplit.MayTrain(new LabelSpan(12 * D, 13 * D), fold));
    }

    [Fact]
    public void A_sample_after_the_test_window_waits_out_the_embargo()
    {
        // train on both sides of the test window [10d, 20d): after it, only from 20d + 2d embargo on
        Assert.False(PurgedSplit.MayTrain(new LabelSpan(21 * D, 21 * D), 0, 40 * D, 10 * D, 20 * D, 2 * D));
        Assert.True(PurgedSplit.MayTrain(new LabelSpan(22 * D, 23 * D), 0, 40 * D, 10 * D, 20 * D, 2 * D));
        // a label decided before the test window and known after it spans it → purged
        Assert.False(PurgedSplit.MayTrain(new LabelSpan(5 * D, 25 * D), 0, 40 * D, 10 * D, 20 * D, 2 * D));
    }

    [Fact]
    public void No_kept_train_label_overlaps_its_test_window_on_any_fold_plan()
    {
        // Random walk-forward plans (span, train and test lengths) and random labels (start anywhere in the span,
        // horizon up to 3 weeks); every label a fold keeps for training ends before its test window starts and
        // starts inside its train window.
        var plans = Gen.Select(Gen.Int[30, 400], Gen.Int[5, 200], Gen.Int[1, 60], Gen.Int[0, 5]);
        var labels = Gen.Select(Gen.Long[0, 800 * D], Gen.Long[0, 21 * D]).Array[1, 60];
        Gen.Select(plans, labels).Sample(t =>
        {
            var ((spanDays, trainDays, testDays, embargoDays), spans) = t;
            var folds = WalkForwardPlan.Folds(0, spanDays * D, TimeSpan.FromDays(trainDays), TimeSpan.FromDays(testDays));
            foreach (var fold in folds)
            {
                foreach (var (start, horizon) in spans)
                {
                    var label = new LabelSpan(start, start + horizon);
                    if (!PurgedSplit.MayTrain(label, fold, embargoDays * D))
                    {
                        continue;
                    }

                    Assert.True(label.End < fold.TestFrom, $"fold {fold.Index}: label {label} reaches its test window");
                    Assert.InRange(label.Start, fold.TrainFrom, fold.TestFrom - 1);
                }
            }
        }, iter: 300);
    }
}

using Hrm.MarketData;
using Hrm.Protocol;
using Hrm.Signals.Learning.Hierarchy;

namespace Hrm.Backtesting;

/// <summary>A learned model is only ever scored on data after the data it was fitted on.</summary>
public static class ModelGuard
{
    /// <summary>Throws a <see cref="InputException"/> when the scored span starts before the model's train data ends.</summary>
    public static void RequireOutOfSample(LearnedModel? model, long scoredFrom)
    {
        if (model is not null && scoredFrom < model.TrainedUntil)
        {
            throw new InputException(
                $"the model was fitted on data up to {EventTime.IsoUtc(model.TrainedUntil)}; scoring it from {EventTime.IsoUtc(scoredFrom)} would judge it on its own train data. Fit it on earlier data (hrm discover --to) or score later data.");
        }
    }
}

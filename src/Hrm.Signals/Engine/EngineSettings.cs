using Hrm.Protocol.Market;
using Hrm.Signals.Learning.Hierarchy;

namespace Hrm.Signals.Engine;

/// <summary>
/// What a symbol engine needs to decide: the decision tick (ns of event time), the venue whose trades set the price
/// and build the meso bars, the learned model it serves (null: the hand-set integrator), and whether the layers write
/// their features at every step (for the recorded outputs or the model; a pure read that changes no signal).
/// </summary>
public sealed record EngineSettings(long DecisionTickNanos, Venue PrimaryVenue, LearnedModel? Model = null, bool Features = false)
{
    public bool WritesFeatures => Features || Model is not null;
}

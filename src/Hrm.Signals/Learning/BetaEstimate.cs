using MessagePack;

namespace Hrm.Signals.Learning;

/// <summary>
/// A success probability learned from resolved outcomes: Beta(α, β) seeded with a prior mean and a strength in
/// pseudo-observations, so the estimate starts at the prior and moves toward the observed rate as outcomes resolve.
/// </summary>
[MessagePackObject]
public struct BetaEstimate
{
    [Key(0)] public double Alpha;
    [Key(1)] public double Beta;
    [Key(2)] public long Successes;
    [Key(3)] public long Failures;

    public static BetaEstimate FromPrior(double mean, double strength) => new()
    {
        Alpha = mean * strength,
        Beta = (1 - mean) * strength,
    };

    [IgnoreMember] public readonly double Mean => Alpha / (Alpha + Beta);

    [IgnoreMember] public readonly long Observations => Successes + Failures;

    public void Record(bool success)
    {
        if (success)
        {
            Alpha++;
            Successes++;
        }
        else
        {
            Beta++;
            Failures++;
        }
    }
}

namespace Hrm.Signals.Learning.Hierarchy;

/// <summary>
/// One decision tick as the learner sees it: the layer features, the symbol's group and the macro regime it was in,
/// and its label at the horizon being fit (r/σ clipped to ±5; NaN when unknown) with the time the label ends.
/// </summary>
public sealed record PanelRow(IReadOnlyList<double> Features, int Group, int Regime, long TsEvent, long LabelEndTs, double Label, bool? Rose)
{
    public const double LabelClip = 5;

    public bool IsLabelled => double.IsFinite(Label);
}

/// <summary>
/// A train window [From, To) cut into <see cref="Blocks"/> equal time blocks: the folds of the nested walk-forward
/// (parameter choice) and of the out-of-fold predictions (stacking, calibration).
/// </summary>
public sealed record TrainingWindow(long From, long To, int Blocks = 6)
{
    public int BlockOf(long ts) =>
        ts < From ? 0 : ts >= To ? Blocks : (int)Math.Min(Blocks - 1, (ts - From) / Math.Max(1, (To - From) / Blocks));
}

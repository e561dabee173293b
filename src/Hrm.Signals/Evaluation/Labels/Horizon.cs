namespace Hrm.Signals.Evaluation.Labels;

/// <summary>A forward-return horizon: its name in reports (<c>1h</c>) and its length in seconds.</summary>
public readonly record struct Horizon(string Name, long Seconds)
{
    /// <summary>Tick captures: micro's scale (docs/EVALUATION.md, "Labels").</summary>
    public static IReadOnlyList<Horizon> Ticks { get; } = [new("1s", 1), new("10s", 10), new("60s", 60)];

    /// <summary>Candles: meso's and macro's scales.</summary>
    public static IReadOnlyList<Horizon> Candles { get; } = [new("1h", 3_600), new("4h", 14_400), new("1d", 86_400), new("1w", 604_800)];
}

/// <summary>
/// How labels are made for one kind of price series: the horizons, and the volatility known at decision time that
/// scales them (the sample standard deviation of <see cref="VolReturns"/> log returns on a grid of
/// <see cref="VolStepSeconds"/> ending at the decision time).
/// </summary>
public sealed record LabelSpec(IReadOnlyList<Horizon> Horizons, long VolStepSeconds, int VolReturns)
{
    /// <summary>Hourly candles: 1h / 4h / 1d / 1w, σ from the last week of hourly returns (168).</summary>
    public static LabelSpec Candles { get; } = new(Horizon.Candles, 3_600, 168);

    /// <summary>Book mids of a capture: 1 s / 10 s / 60 s, σ from the last minute of one-second returns (60).</summary>
    public static LabelSpec Ticks { get; } = new(Horizon.Ticks, 1, 60);
}

using System.Text.Json;

namespace Hrm.Signals.Learning.Hierarchy;

/// <summary>
/// A learned hierarchy ready to serve (<c>model.json</c>, written by <c>hrm discover</c>): the horizon it was fitted
/// for, the symbols it pooled (their order is the group index; any other symbol gets the pooled coefficients), the
/// end of the data it was fitted on, the fit, the sizing, and the out-of-fold IC it showed inside its train window
/// (which chose the served horizon; no test window is ever read to make or pick a model).
/// </summary>
public sealed record LearnedModel(
    string Horizon,
    long HorizonSeconds,
    IReadOnlyList<string> Symbols,
    long TrainedFrom,
    long TrainedUntil,
    LearnedHierarchy Hierarchy,
    KellySizing Sizing,
    OnlineUpdate? Online = null)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The group of <paramref name="symbol"/> in the fit, or −1 (pooled coefficients only).</summary>
    public int GroupOf(string symbol)
    {
        for (var i = 0; i < Symbols.Count; i++)
        {
            if (string.Equals(Symbols[i], symbol, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json) + "\n";

    /// <summary>Reads a model file; a clear <see cref="FormatException"/> when it is not one.</summary>
    public static LearnedModel FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<LearnedModel>(json, Json) is { Hierarchy.Layers.Count: > 0, HorizonSeconds: > 0 } model
                ? model
                : throw new FormatException("not a learned model: no layers or no horizon");
        }
        catch (JsonException e)
        {
            throw new FormatException($"not a learned model: {e.Message}", e);
        }
    }
}

/// <summary>
/// How a served model keeps learning (docs/LEARNING.md, "Continuous learning"): every decision it sized becomes a
/// train row once its horizon has passed; the rows' statistics decay with <see cref="HalfLifeDays"/>; every
/// <see cref="RefitEverySeconds"/> each layer model is refitted on them with its priors centred on the served fit,
/// which weighs as much as <see cref="PriorRows"/> rows. Stacking weights and calibration stay as served.
/// </summary>
public sealed record OnlineUpdate(double HalfLifeDays, double PriorRows, long RefitEverySeconds)
{
    /// <summary>A 90-day half-life, the served fit worth 2000 rows, a refit a day.</summary>
    public static OnlineUpdate Default { get; } = new(90, ForecastTrainer.PoolingRows, 86_400);
}

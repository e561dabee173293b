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
    KellySizing Sizing)
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

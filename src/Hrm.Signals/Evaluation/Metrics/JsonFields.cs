using System.Text.Json;

namespace Hrm.Signals.Evaluation.Metrics;

/// <summary>
/// How every report written by hand writes a value that may be undefined: a missing or non-finite number (NaN, ±∞)
/// and a missing string become JSON <c>null</c>, never 0 and never a literal JSON cannot carry.
/// </summary>
public static class JsonFields
{
    public static void NumberOrNull(this Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    public static void StringOrNull(this Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}

using System.Globalization;

namespace Hrm.Protocol;

/// <summary>Durations as people type them: a positive number and a unit, <c>s</c>, <c>m</c>, <c>h</c>, <c>d</c> or <c>w</c> (<c>90s</c>, <c>10m</c>, <c>180d</c>).</summary>
public static class DurationText
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = default;
        var unit = text.Length > 0 ? char.ToLowerInvariant(text[^1]) : ' ';
        double? seconds = unit switch { 's' => 1, 'm' => 60, 'h' => 3_600, 'd' => 86_400, 'w' => 604_800, _ => null };
        if (seconds is null
            || !double.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value) || value <= 0)
        {
            return false;
        }

        duration = TimeSpan.FromTicks((long)Math.Round(value * seconds.Value * EventTime.NanosPerSecond / 100));
        return true;
    }
}

using System.Globalization;

namespace Hrm.Protocol;

/// <summary>Event time is Unix nanoseconds everywhere (<c>TsEvent</c>); these are its units.</summary>
public static class EventTime
{
    public const long NanosPerSecond = 1_000_000_000;
    public const long NanosPerMinute = 60 * NanosPerSecond;
    public const long NanosPerHour = 3_600 * NanosPerSecond;
    public const long NanosPerDay = 86_400 * NanosPerSecond;

    /// <summary>Unix ns as ISO-8601 UTC with milliseconds (<c>2024-08-09T00:05:05.817Z</c>), as files and the API write it.</summary>
    public static string IsoUtc(long tsEvent) =>
        DateTime.UnixEpoch.AddTicks(tsEvent / 100).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}

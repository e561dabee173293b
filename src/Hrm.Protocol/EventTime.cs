namespace Hrm.Protocol;

/// <summary>Event time is Unix nanoseconds everywhere (<c>TsEvent</c>); these are its units.</summary>
public static class EventTime
{
    public const long NanosPerSecond = 1_000_000_000;
    public const long NanosPerMinute = 60 * NanosPerSecond;
    public const long NanosPerHour = 3_600 * NanosPerSecond;
    public const long NanosPerDay = 86_400 * NanosPerSecond;
}

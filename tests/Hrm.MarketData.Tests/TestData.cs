namespace Hrm.MarketData.Tests;

/// <summary>Locates the shared real data: <c>../shared/data</c> relative to the repository root (the dir with Hrm.sln).</summary>
public static class TestData
{
    public static string Root => Hrm.Testing.SharedData.Root;

    public static string Micro => Hrm.Testing.SharedData.Micro;

    public static string Path2024 => Path.Combine(Micro, "2024-08-09_window");

    public static string Path2023 => Path.Combine(Micro, "2023-04-05_window");
}

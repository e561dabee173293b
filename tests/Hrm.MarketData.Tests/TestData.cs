namespace Hrm.MarketData.Tests;

/// <summary>Locates the shared real data: <c>../shared/data</c> relative to the repository root (the dir with Hrm.sln).</summary>
public static class TestData
{
    public static string Root { get; } = Locate();

    public static string Micro => Path.Combine(Root, "micro", "binance_ws_hftbacktest");

    public static string Path2024 => Path.Combine(Micro, "2024-08-09_window");

    public static string Path2023 => Path.Combine(Micro, "2023-04-05_window");

    private static string Locate()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Hrm.sln"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("Hrm.sln not found above " + AppContext.BaseDirectory);
        return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
    }
}

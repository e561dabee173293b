namespace Hrm.Actors.Tests;

/// <summary>Finds the real data beside the repository (../shared/data from the directory holding Hrm.sln).</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Data => Path.GetFullPath(Path.Combine(Root, "..", "shared", "data"));

    public static string Window2024 => Path.Combine(Data, "micro", "binance_ws_hftbacktest", "2024-08-09_window");

    public static string History => Path.Combine(Data, "macro_meso");

    public static string NewTempDirectory(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), $"hrm-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Hrm.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Hrm.sln not found above " + AppContext.BaseDirectory);
    }
}

namespace Hrm.Testing;

/// <summary>
/// Where the real market data is for tests, and scratch space: <c>../shared/data</c> beside the repository root (the directory holding
/// Hrm.sln), found by walking up from the test binaries. Linked into every test project.
/// </summary>
public static class SharedData
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Root { get; } = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data"));

    /// <summary>The Binance websocket captures (every capture window).</summary>
    public static string Micro => Path.Combine(Root, "micro", "binance_ws_hftbacktest");

    public static string Window2024 => Path.Combine(Micro, "2024-08-09_window");

    /// <summary>The freqtrade candle and funding CSVs (macro and meso history).</summary>
    public static string History => Path.Combine(Root, "macro_meso");

    /// <summary>A fresh scratch directory for a test's journal and outputs.</summary>
    public static string NewTempDirectory(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), $"hrm-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    private static string FindRepositoryRoot()
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

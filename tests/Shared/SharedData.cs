namespace Hrm.Testing;

/// <summary>
/// Where the real market data is for tests: <c>../shared/data</c> beside the repository root (the directory holding
/// Hrm.sln), found by walking up from the test binaries. Linked into every test project.
/// </summary>
public static class SharedData
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Root { get; } = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data"));

    /// <summary>The Binance websocket captures (every capture window).</summary>
    public static string Micro => Path.Combine(Root, "micro", "binance_ws_hftbacktest");

    public static string Window2024 => Path.Combine(Micro, "2024-08-09_window");

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

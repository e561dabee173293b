using Hrm.Testing;

namespace Hrm.Actors.Tests;

/// <summary>The real data the actor tests replay, and scratch directories for their journals.</summary>
public static class RepoPaths
{
    public static string Window2024 => SharedData.Window2024;

    public static string History => Path.Combine(SharedData.Root, "macro_meso");

    public static string NewTempDirectory(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), $"hrm-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }
}

using System.Text.RegularExpressions;

namespace Hrm.MarketData.Binance;

/// <summary>Finds Binance websocket captures (<c>&lt;venue&gt;_&lt;instrument&gt;_&lt;yyyymmdd&gt;.gz|.dat.gz</c>) under a directory.</summary>
public static partial class CaptureCatalog
{
    [GeneratedRegex(@"^(?<prefix>[a-z]+_[a-z0-9_]+?)_(?<date>\d{8})(\.dat)?\.gz$")]
    private static partial Regex FileName();

    /// <summary>All captures below <paramref name="directory"/>, ordered by name (ordinal) so runs are reproducible.</summary>
    public static IReadOnlyList<Capture> Discover(string directory) =>
        Group(Directory.EnumerateFiles(directory, "*.gz", SearchOption.AllDirectories), directory);

    /// <summary>Groups capture files into captures (named relative to their common <paramref name="root"/>); other files are ignored.</summary>
    public static IReadOnlyList<Capture> Group(IEnumerable<string> files, string root)
    {
        var groups = new SortedDictionary<string, (string Dir, string Prefix, List<string> Files)>(StringComparer.Ordinal);
        foreach (var path in files)
        {
            var match = FileName().Match(Path.GetFileName(path));
            if (!match.Success) continue;
            var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
            var prefix = match.Groups["prefix"].Value;
            if (Capture.ParsePrefix(prefix) is null) continue;
            var name = Path.GetRelativePath(root, dir).Replace('\\', '/') + "/" + prefix;
            if (!groups.TryGetValue(name, out var group)) groups[name] = group = (dir, prefix, []);
            group.Files.Add(path);
        }

        var captures = new List<Capture>(groups.Count);
        foreach (var (name, group) in groups)
        {
            var (venue, instrument) = Capture.ParsePrefix(group.Prefix)!.Value;
            group.Files.Sort(StringComparer.Ordinal);
            captures.Add(new Capture(name, venue, instrument, Symbols.Canonical(instrument), group.Files));
        }

        return captures;
    }
}

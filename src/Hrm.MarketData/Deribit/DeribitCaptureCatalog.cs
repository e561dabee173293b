using System.Text.RegularExpressions;

namespace Hrm.MarketData.Deribit;

/// <summary>Finds Deribit recordings (<c>deribit_&lt;currency&gt;_&lt;yyyymmdd&gt;.gz</c>) under a directory.</summary>
public static partial class DeribitCaptureCatalog
{
    [GeneratedRegex(@"^(?<prefix>deribit_(?<currency>[a-z]+))_(?<date>\d{8})\.gz$")]
    private static partial Regex FileName();

    /// <summary>All recordings below <paramref name="directory"/>, ordered by name (ordinal) so runs are reproducible.</summary>
    public static IReadOnlyList<DeribitCapture> Discover(string directory)
    {
        var groups = new SortedDictionary<string, (string Currency, List<string> Files)>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(directory, DeribitCapture.PrefixStart + "*.gz", SearchOption.AllDirectories))
        {
            var match = FileName().Match(Path.GetFileName(path));
            if (!match.Success) continue;
            var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
            var name = Path.GetRelativePath(directory, dir).Replace('\\', '/') + "/" + match.Groups["prefix"].Value;
            if (!groups.TryGetValue(name, out var group)) groups[name] = group = (match.Groups["currency"].Value, []);
            group.Files.Add(path);
        }

        return groups.Select(g =>
        {
            g.Value.Files.Sort(StringComparer.Ordinal);
            return new DeribitCapture(g.Key, Symbols.Canonical(g.Value.Currency), g.Value.Files);
        }).ToList();
    }
}

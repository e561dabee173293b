using System.Globalization;
using Hrm.Testing;

namespace Hrm.Signals.Tests.Reference;

/// <summary>Reads the published reference cases in ../shared/data/reference (plain CSV with a header row).</summary>
public static class ReferenceCsv
{
    public static string Path(string caseFolder, string file) =>
        System.IO.Path.Combine(SharedData.Root, "reference", caseFolder, file);

    /// <summary>Rows as column name → text.</summary>
    public static List<Dictionary<string, string>> Read(string caseFolder, string file)
    {
        var lines = File.ReadAllLines(Path(caseFolder, file));
        var header = lines[0].Split(',');
        var rows = new List<Dictionary<string, string>>();
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var parts = line.Split(',');
            var row = new Dictionary<string, string>();
            for (var i = 0; i < header.Length; i++)
            {
                row[header[i]] = i < parts.Length ? parts[i] : "";
            }

            rows.Add(row);
        }

        return rows;
    }

    public static double[] Column(string caseFolder, string file, string column) =>
        Read(caseFolder, file).Select(r => Number(r[column])).ToArray();

    public static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}

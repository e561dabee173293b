using System.Text;

namespace Hrm.MarketData.Options;

/// <summary>RFC 4180 field splitting of one line: commas inside double quotes stay, <c>""</c> is a quote.</summary>
internal static class CsvFields
{
    /// <summary>False when a quoted field is not closed.</summary>
    public static bool TrySplit(string line, List<string> fields)
    {
        fields.Clear();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString());
        return !quoted;
    }
}

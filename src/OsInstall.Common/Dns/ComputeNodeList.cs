using System.Text.RegularExpressions;

namespace OsInstall.Common.Dns;

/// <summary>
/// Edits the compute_nodes list of a config file as text, so the operator's comments and layout
/// elsewhere stay as they were: an entry is appended in the style of the existing ones, or its
/// lines are cut out. Only block-style lists ("- name: x" items) are understood.
/// </summary>
public static partial class ComputeNodeList
{
    private const string Key = "compute_nodes";

    public static string Append(string yaml, string name, string address)
    {
        var lines = Split(yaml);
        var (start, end) = Block(lines);
        var items = Items(lines, start, end);
        string dash;
        string keyIndent;
        if (items.Count > 0)
        {
            var first = ItemLine().Match(lines[items[0].Start]);
            dash = first.Groups["indent"].Value;
            keyIndent = dash + new string(' ', first.Groups["dash"].Value.Length);
        }
        else
        {
            dash = "  ";
            keyIndent = "    ";
            // "compute_nodes: []" becomes a block list.
            lines[start] = EmptyFlowList().Replace(lines[start], Key + ":");
        }
        var insertAt = items.Count > 0 ? items[^1].End : start + 1;
        lines.InsertRange(insertAt, [$"{dash}- name: {name}", $"{keyIndent}address: {address}"]);
        return Join(lines, yaml);
    }

    public static string Remove(string yaml, string name)
    {
        var lines = Split(yaml);
        var (start, end) = Block(lines);
        foreach (var (itemStart, itemEnd) in Items(lines, start, end))
        {
            var nameLine = Enumerable.Range(itemStart, itemEnd - itemStart)
                .Select(i => NameValue().Match(lines[i]))
                .FirstOrDefault(m => m.Success);
            if (nameLine is not null && Unquote(nameLine.Groups["value"].Value) == name)
            {
                lines.RemoveRange(itemStart, itemEnd - itemStart);
                return Join(lines, yaml);
            }
        }
        return yaml;
    }

    private static List<string> Split(string yaml) => yaml.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();

    private static string Join(List<string> lines, string original) =>
        string.Join(original.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n", lines);

    /// <summary>The key line and the end (exclusive) of its block: up to the next top-level content line.</summary>
    private static (int Start, int End) Block(List<string> lines)
    {
        var start = lines.FindIndex(l => TopLevelKey().Match(l) is { Success: true } m && m.Groups["key"].Value == Key);
        if (start < 0)
        {
            throw new InvalidOperationException($"the config has no top-level {Key}: list");
        }
        var end = start + 1;
        while (end < lines.Count && !IsTopLevelContent(lines[end]))
        {
            end++;
        }
        return (start, end);
    }

    /// <summary>Each item from its "- " line to the line after its last own content line (trailing blanks and comments stay outside).</summary>
    private static List<(int Start, int End)> Items(List<string> lines, int start, int end)
    {
        var starts = Enumerable.Range(start + 1, end - start - 1).Where(i => ItemLine().IsMatch(lines[i])).ToList();
        var items = new List<(int, int)>();
        for (var k = 0; k < starts.Count; k++)
        {
            var limit = k + 1 < starts.Count ? starts[k + 1] : end;
            var last = starts[k];
            for (var i = starts[k] + 1; i < limit; i++)
            {
                var t = lines[i].TrimStart();
                if (t.Length > 0 && !t.StartsWith('#'))
                {
                    last = i;
                }
            }
            items.Add((starts[k], last + 1));
        }
        return items;
    }

    // "- name: x" at column 0 is an item of the key above (the compact style YAML writers emit), not a new key.
    private static bool IsTopLevelContent(string line) =>
        line.Length > 0 && !char.IsWhiteSpace(line[0]) && line[0] is not ('#' or '-');

    private static string Unquote(string value)
    {
        var v = value.Trim();
        var hash = v.IndexOf(" #", StringComparison.Ordinal);
        if (hash >= 0)
        {
            v = v[..hash].TrimEnd();
        }
        return v.Length >= 2 && (v[0] == '"' || v[0] == '\'') && v[^1] == v[0] ? v[1..^1] : v;
    }

    [GeneratedRegex(@"^(?<key>[A-Za-z_][A-Za-z0-9_]*)\s*:")]
    private static partial Regex TopLevelKey();

    [GeneratedRegex(@"^(?<indent>\s*)(?<dash>-\s+)")]
    private static partial Regex ItemLine();

    [GeneratedRegex(@"^\s*(-\s+)?name\s*:\s*(?<value>.+)$")]
    private static partial Regex NameValue();

    [GeneratedRegex(@"^compute_nodes\s*:\s*\[\s*\]")]
    private static partial Regex EmptyFlowList();
}

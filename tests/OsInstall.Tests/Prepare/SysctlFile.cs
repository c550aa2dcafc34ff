using System.Text.RegularExpressions;

namespace OsInstall.Tests.Prepare;

/// <summary>The sysctl.d format: "key = value" lines, '#' or ';' comments; a key at most once.</summary>
internal static partial class SysctlFile
{
    public static Dictionary<string, string> Parse(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }
            var m = Setting().Match(line);
            if (!m.Success)
            {
                throw new FormatException($"line {number}: not 'key = value': {raw}");
            }
            if (!values.TryAdd(m.Groups["key"].Value, m.Groups["value"].Value))
            {
                throw new FormatException($"line {number}: {m.Groups["key"].Value} set twice");
            }
        }
        return values;
    }

    [GeneratedRegex(@"^(?<key>[a-z0-9_]+(\.[a-z0-9_-]+)+)\s*=\s*(?<value>\S(.*\S)?)$")]
    private static partial Regex Setting();
}

namespace OsInstall.Common.Config.Yaml;

/// <summary>YAML forbids tabs for indentation; report every line that uses one, not just the first the parser trips on.</summary>
public static class TabIndentationScanner
{
    public static IEnumerable<ConfigError> Scan(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var content = line.TrimStart(' ', '\t');
            if (content.Length == 0 || content[0] == '#')
            {
                continue;
            }
            for (var c = 0; c < line.Length && (line[c] == ' ' || line[c] == '\t'); c++)
            {
                if (line[c] == '\t')
                {
                    yield return new ConfigError("(indentation)", i + 1, c + 1, "a tab is used for indentation; YAML allows only spaces");
                    break;
                }
            }
        }
    }
}

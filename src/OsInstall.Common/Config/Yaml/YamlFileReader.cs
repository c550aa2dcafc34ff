namespace OsInstall.Common.Config.Yaml;

/// <summary>
/// The checks every osinstall YAML file gets before its content is looked at: it exists, is not
/// huge, is UTF-8, is not empty, uses no tabs for indentation, parses, and has a map at its root.
/// </summary>
public static class YamlFileReader
{
    /// <summary>Far beyond any real config or secrets file; refuses to parse a mistaken multi-megabyte file.</summary>
    public const int MaxFileBytes = 1024 * 1024;

    public static YamlMapping? ReadFile(string path, List<ConfigError> errors, bool allowEmpty = false)
    {
        if (Directory.Exists(path))
        {
            errors.Add(new ConfigError("(file)", 0, 0, $"'{path}' is a directory, not a YAML file"));
            return null;
        }
        if (!File.Exists(path))
        {
            errors.Add(new ConfigError("(file)", 0, 0, $"file '{path}' does not exist"));
            return null;
        }
        byte[] bytes;
        try
        {
            var length = new FileInfo(path).Length;
            if (length > MaxFileBytes)
            {
                errors.Add(new ConfigError("(file)", 0, 0, $"file '{path}' is {length} bytes; at most {MaxFileBytes} are accepted"));
                return null;
            }
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            errors.Add(new ConfigError("(file)", 0, 0, $"cannot read '{path}': {ex.Message}"));
            return null;
        }
        return ReadBytes(bytes, errors, allowEmpty);
    }

    public static YamlMapping? ReadBytes(byte[] bytes, List<ConfigError> errors, bool allowEmpty = false)
    {
        if (bytes.Length > MaxFileBytes)
        {
            errors.Add(new ConfigError("(file)", 0, 0, $"the file is {bytes.Length} bytes; at most {MaxFileBytes} are accepted"));
            return null;
        }
        var text = StrictUtf8Decoder.Decode(bytes, out var decodeError);
        if (text is null)
        {
            errors.Add(decodeError!);
            return null;
        }
        return ReadText(text, errors, allowEmpty);
    }

    /// <param name="allowEmpty">An empty file (or only comments) reads as an empty map instead of an error.</param>
    public static YamlMapping? ReadText(string text, List<ConfigError> errors, bool allowEmpty = false)
    {
        if (text.Length > MaxFileBytes)
        {
            errors.Add(new ConfigError("(file)", 0, 0, $"the text is {text.Length} characters; at most {MaxFileBytes} are accepted"));
            return null;
        }
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            var line = text[..text.IndexOf('\0', StringComparison.Ordinal)].Count(c => c == '\n') + 1;
            errors.Add(new ConfigError("(file)", line, 0, "the file contains a NUL byte: it is binary, not YAML"));
            return null;
        }
        var tabs = TabIndentationScanner.Scan(text).ToList();
        errors.AddRange(tabs);
        var parseErrors = new List<ConfigError>();
        var root = YamlTreeReader.Read(text, parseErrors);
        // The parser usually trips over the first tab too; that line is reported once, as a tab.
        errors.AddRange(parseErrors.Where(p => tabs.Count == 0 || !(p.Message.Contains("tab", StringComparison.OrdinalIgnoreCase) || tabs.Any(t => Math.Abs(t.Line - p.Line) <= 1))));
        if (parseErrors.Count > 0 && root is null)
        {
            return null;
        }
        if ((root is null || root is YamlScalar { IsNull: true }) && allowEmpty)
        {
            return new YamlMapping("", 1, 1);
        }
        if (root is null || root is YamlScalar { IsNull: true })
        {
            errors.Add(new ConfigError("(file)", 1, 1, "the file is empty: expected a map of keys (key: value)"));
            return null;
        }
        if (root is not YamlMapping map)
        {
            errors.Add(new ConfigError("(root)", root.Line, root.Column, $"the top level must be a map of keys (key: value), not {(root is YamlScalar ? "a single value" : root.Describe())}"));
            return null;
        }
        return map;
    }
}

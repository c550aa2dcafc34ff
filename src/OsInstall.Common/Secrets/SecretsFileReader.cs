using OsInstall.Common.Config;
using OsInstall.Common.Config.Yaml;

namespace OsInstall.Common.Secrets;

/// <summary>
/// Reads and checks the secrets file: the YAML checks every osinstall file gets (UTF-8, tabs,
/// syntax, duplicate keys), then a flat map of name to text, names known to the catalog, values
/// without line breaks and long enough to be masked in logs, and each in its spec's format if it has one.
/// </summary>
public static class SecretsFileReader
{
    /// <summary>Reads <paramref name="path"/>; a file that does not exist reads as an empty store. Unknown names are checked only when <paramref name="specs"/> is given.</summary>
    public static SecretsLoadResult Read(string path, IEnumerable<SecretSpec>? specs)
    {
        var read = ReadAll(path, specs);
        return new SecretsLoadResult(read.Errors.Count == 0 ? read.Store : null, read.Errors);
    }

    /// <summary>
    /// Everything that could be read, even when there are errors: the well-formed values, the
    /// line of each name, and the problems. Lets a caller add its own checks without repeating
    /// an error for a value that is merely unreadable.
    /// </summary>
    public static SecretsFileContent ReadAll(string path, IEnumerable<SecretSpec>? specs)
    {
        var content = new SecretsFileContent();
        try
        {
            ReadInto(content, path, specs);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Bad input ends in an error list, never a stack trace.
            content.Errors.Add(new ConfigError("(file)", 0, 0, $"the secrets file could not be read: {ex.Message}"));
        }
        return content;
    }

    private static void ReadInto(SecretsFileContent content, string path, IEnumerable<SecretSpec>? specs)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            return;
        }
        var errors = content.Errors;
        var root = YamlFileReader.ReadFile(path, errors, allowEmpty: true);
        if (root is null)
        {
            return;
        }
        var byName = specs?.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var known = byName?.Keys.ToHashSet(StringComparer.Ordinal);
        foreach (var entry in root.UniqueEntries)
        {
            content.Lines.TryAdd(entry.Key, entry.KeyLine);
            if (known is not null && !known.Contains(entry.Key))
            {
                var hint = KeySuggester.Closest(entry.Key, known.Where(k => !root.Entries.Any(e => e.Key == k))) is { } s
                    ? $"did you mean '{s}'?"
                    : "it is not a secret osinstall uses (see 'osinstall secrets generate')";
                errors.Add(new ConfigError(entry.Key, entry.KeyLine, entry.KeyColumn, $"unknown secret '{entry.Key}'; {hint}"));
                continue;
            }
            var value = CheckValue(entry, byName?.GetValueOrDefault(entry.Key)?.Format, errors);
            if (value is not null)
            {
                content.Store.Set(entry.Key, value);
            }
        }
    }

    private static string? CheckValue(YamlMappingEntry entry, SecretFormat? format, List<ConfigError> errors)
    {
        var node = entry.Value;
        string? problem = null;
        string? value = null;
        if (node is not YamlScalar scalar)
        {
            problem = $"secret '{entry.Key}' must be a single text value, not {node.Describe()}";
        }
        else
        {
            value = scalar.IsNull ? "" : scalar.Value;
            if (value.Length > ConfigBinder.MaxValueLength)
            {
                problem = $"secret '{entry.Key}' is {value.Length} characters long; at most {ConfigBinder.MaxValueLength} are allowed";
            }
            else if (PrintableText.FindForbidden(value) is var at and >= 0)
            {
                // Which character and where, never the value: secrets stay off the console.
                problem = $"secret '{entry.Key}' contains {PrintableText.Describe(value[at])} at character {at + 1}; secrets must be one line of printable text";
            }
            else if (value.Length is > 0 and < SecretMasker.MinLength)
            {
                problem = $"secret '{entry.Key}' is shorter than {SecretMasker.MinLength} characters: too weak, and too short to be masked in logs";
            }
            else if (value.Length > 0 && format is not null && !format.Accepts(value))
            {
                problem = $"secret '{entry.Key}' must be {format.Requirement}";
            }
        }
        if (problem is null)
        {
            return value;
        }
        errors.Add(new ConfigError(entry.Key, node.Line, node.Column, problem));
        return null;
    }
}

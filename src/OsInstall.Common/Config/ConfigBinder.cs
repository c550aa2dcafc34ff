using System.Collections;
using System.Globalization;
using System.Reflection;
using OsInstall.Common.Config.Yaml;

namespace OsInstall.Common.Config;

/// <summary>
/// Binds a YAML tree onto the config model by reflection (snake_case key to PascalCase property),
/// recording where every value came from. Never stops at a problem: every wrong type, unknown
/// key, missing required key and oversized value is reported, and binding goes on around it.
/// A value that fails keeps the model's default and its path is marked failed, so the semantic
/// rules do not pile a second error onto it.
/// </summary>
public sealed class ConfigBinder
{
    /// <summary>No config value is legitimately this long; longer ones are pasted by mistake.</summary>
    public const int MaxValueLength = 4096;

    private readonly List<ConfigError> errors;
    private readonly ConfigLocations locations;

    private ConfigBinder(List<ConfigError> errors, ConfigLocations locations)
    {
        this.errors = errors;
        this.locations = locations;
    }

    public static T Bind<T>(YamlMapping root, List<ConfigError> errors, ConfigLocations locations) where T : new()
    {
        var target = new T();
        new ConfigBinder(errors, locations).BindObject(root, target, "");
        return target;
    }

    private void BindObject(YamlMapping map, object target, string path)
    {
        var properties = target.GetType()
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true })
            .ToDictionary(p => SnakeCaseNames.FromPascal(p.Name), StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var suggested = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in map.UniqueEntries)
        {
            var childPath = Join(path, entry.Key);
            if (!properties.TryGetValue(entry.Key, out var property))
            {
                var suggestion = KeySuggester.Closest(entry.Key, properties.Keys.Where(k => !map.Entries.Any(e => e.Key == k)));
                if (suggestion is not null)
                {
                    suggested.Add(suggestion);
                }
                errors.Add(new ConfigError(childPath, entry.KeyLine, entry.KeyColumn, UnknownKeyMessage(entry.Key, suggestion, properties.Keys, path)));
                continue;
            }
            seen.Add(entry.Key);
            RecordEntry(childPath, entry);
            if (entry.Value is YamlScalar { IsNull: true })
            {
                if (property.GetCustomAttribute<ConfigRequiredAttribute>() is not null)
                {
                    Fail(childPath, entry.Value, $"required key '{entry.Key}' has no value");
                }
                continue;
            }
            var value = BindValue(entry.Value, property.PropertyType, childPath);
            if (value is not null)
            {
                property.SetValue(target, value);
            }
        }
        foreach (var (key, property) in properties)
        {
            if (seen.Contains(key) || suggested.Contains(key) || property.GetCustomAttribute<ConfigRequiredAttribute>() is null)
            {
                continue;
            }
            var childPath = Join(path, key);
            var (line, column) = path.Length == 0 ? (map.Line, map.Column) : locations.Find(path);
            errors.Add(new ConfigError(childPath, line, column,
                path.Length == 0 ? $"required key '{key}' is missing at the top level" : $"required key '{key}' is missing under '{path}'"));
            locations.MarkFailed(childPath);
        }
    }

    /// <summary>The bound value, or null when the node does not fit the type (the error is recorded).</summary>
    private object? BindValue(YamlNode node, Type type, string path)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(string))
        {
            return BindString(node, path);
        }
        if (underlying == typeof(int))
        {
            return BindScalar(node, path, "a whole number", s => int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) ? i : null);
        }
        if (underlying == typeof(bool))
        {
            return BindScalar(node, path, "true or false", s => s.ToLowerInvariant() switch { "true" => true, "false" => false, _ => null });
        }
        if (underlying.IsGenericType && underlying.GetGenericTypeDefinition() == typeof(List<>))
        {
            return BindList(node, underlying, path);
        }
        if (underlying.IsGenericType && underlying.GetGenericTypeDefinition() == typeof(Dictionary<,>))
        {
            return BindDictionary(node, underlying, path);
        }
        if (node is not YamlMapping map)
        {
            return Fail(path, node, $"expected a map of keys (key: value), got {node.Describe()}");
        }
        var target = Activator.CreateInstance(underlying)!;
        BindObject(map, target, path);
        return target;
    }

    private string? BindString(YamlNode node, string path)
    {
        if (node is not YamlScalar scalar)
        {
            return (string?)Fail(path, node, $"expected a single value (text), got {node.Describe()}");
        }
        if (scalar.Value.Length > MaxValueLength)
        {
            return (string?)Fail(path, node, $"value is {scalar.Value.Length} characters long; at most {MaxValueLength} are allowed");
        }
        return scalar.Value;
    }

    private object? BindScalar(YamlNode node, string path, string expected, Func<string, object?> parse)
    {
        if (node is not YamlScalar scalar)
        {
            return Fail(path, node, $"expected {expected}, got {node.Describe()}");
        }
        return parse(scalar.Value.Trim()) ?? Fail(path, node, $"expected {expected}, got {node.Describe()}");
    }

    private object? BindList(YamlNode node, Type listType, string path)
    {
        if (node is not YamlSequence seq)
        {
            return Fail(path, node, $"expected a list, got {node.Describe()}");
        }
        var elementType = listType.GetGenericArguments()[0];
        var list = (IList)Activator.CreateInstance(listType)!;
        for (var i = 0; i < seq.Items.Count; i++)
        {
            var item = seq.Items[i];
            var itemPath = $"{path}[{i}]";
            locations.Record(itemPath, item.Line, item.Column);
            var value = item is YamlScalar { IsNull: true }
                ? Fail(itemPath, item, "list entry has no value")
                : BindValue(item, elementType, itemPath);
            // A failed entry keeps its place, so later entries keep their index in messages.
            list.Add(value ?? DefaultOf(elementType));
        }
        return list;
    }

    private object? BindDictionary(YamlNode node, Type dictType, string path)
    {
        if (node is not YamlMapping map)
        {
            return Fail(path, node, $"expected a map of keys (key: value), got {node.Describe()}");
        }
        var valueType = dictType.GetGenericArguments()[1];
        var dict = (IDictionary)Activator.CreateInstance(dictType)!;
        foreach (var entry in map.UniqueEntries)
        {
            var entryPath = Join(path, entry.Key);
            RecordEntry(entryPath, entry);
            if (entry.Key.Length > MaxValueLength)
            {
                Fail(entryPath, entry.Value, $"key is {entry.Key.Length} characters long; at most {MaxValueLength} are allowed");
                continue;
            }
            var value = entry.Value is YamlScalar { IsNull: true }
                ? Fail(entryPath, entry.Value, $"'{entry.Key}' has no value")
                : BindValue(entry.Value, valueType, entryPath);
            if (value is not null)
            {
                dict[entry.Key] = value;
            }
        }
        return dict;
    }

    // A scalar is found at its value; a list or map at its key (the line that names it).
    private void RecordEntry(string path, YamlMappingEntry entry)
    {
        if (entry.Value is YamlScalar)
        {
            locations.Record(path, entry.Value.Line, entry.Value.Column);
        }
        else
        {
            locations.Record(path, entry.KeyLine, entry.KeyColumn);
        }
    }

    private object? Fail(string path, YamlNode node, string message)
    {
        errors.Add(new ConfigError(path, node.Line, node.Column, message));
        locations.MarkFailed(path);
        return null;
    }

    private static object DefaultOf(Type type) =>
        type == typeof(string) ? "" : Activator.CreateInstance(Nullable.GetUnderlyingType(type) ?? type)!;

    private static string UnknownKeyMessage(string key, string? suggestion, IEnumerable<string> known, string parent)
    {
        var where = parent.Length == 0 ? "at the top level" : $"under '{parent}'";
        return suggestion is not null
            ? $"unknown key '{key}' {where}; did you mean '{suggestion}'?"
            : $"unknown key '{key}' {where}; known keys: {string.Join(", ", known.Order(StringComparer.Ordinal))}";
    }

    private static string Join(string parent, string key) => parent.Length == 0 ? key : $"{parent}.{key}";
}

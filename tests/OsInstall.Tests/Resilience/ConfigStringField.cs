using System.Collections;
using System.Reflection;
using OsInstall.Common.Config;

namespace OsInstall.Tests.Resilience;

/// <summary>
/// One string of a bound config object graph, with its C# path (Controllers[0].Name) and its YAML key
/// (controllers[0].name): a string property (also one left null, such as an optional MAC), an element
/// of a string list, or a value or a key of a string map (rsyslog.facilities, lxc.rootfs_sizes).
/// </summary>
/// <param name="MapKeyOf">For a map's key: the map's YAML key (an error about the key names "map.key").</param>
internal sealed record ConfigStringField(string Path, string YamlKey, string? Value, Action<string> Set, string? MapKeyOf = null)
{
    /// <summary>A value or key of a map, rather than a property or list element of its own.</summary>
    public bool InMap => Path.EndsWith(']') && Path.Contains("[\"", StringComparison.Ordinal);

    /// <summary>The YAML key an error about this field names once it holds <paramref name="value"/>.</summary>
    public string YamlKeyHolding(string value) => MapKeyOf is null ? YamlKey : $"{MapKeyOf}.{value}";

    /// <summary>Every writable string property, string-list element and string-map entry under <paramref name="root"/>, depth first.</summary>
    public static IReadOnlyList<ConfigStringField> All(object root)
    {
        var found = new List<ConfigStringField>();
        Walk(root, "", "", found);
        return found;
    }

    private static void Walk(object node, string path, string yaml, List<ConfigStringField> found)
    {
        foreach (var p in node.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!p.CanRead || !p.CanWrite || p.GetIndexParameters().Length > 0)
            {
                continue;
            }
            var here = path.Length == 0 ? p.Name : $"{path}.{p.Name}";
            var key = SnakeCaseNames.FromPascal(p.Name);
            var hereYaml = yaml.Length == 0 ? key : $"{yaml}.{key}";
            var value = p.GetValue(node);
            if (p.PropertyType == typeof(string))
            {
                found.Add(new ConfigStringField(here, hereYaml, (string?)value, v => p.SetValue(node, v)));
                continue;
            }
            switch (value)
            {
                case List<string> list:
                    for (var i = 0; i < list.Count; i++)
                    {
                        var index = i;
                        found.Add(new ConfigStringField($"{here}[{i}]", $"{hereYaml}[{i}]", list[i], v => list[index] = v));
                    }
                    break;
                case Dictionary<string, string> map:
                    foreach (var (k, v) in map.ToList())
                    {
                        found.Add(new ConfigStringField($"{here}[\"{k}\"]", $"{hereYaml}.{k}", v, nv => map[k] = nv));
                        found.Add(new ConfigStringField($"{here}.Keys[\"{k}\"]", $"{hereYaml}.{k}", k, nk =>
                        {
                            map.Remove(k);
                            map[nk] = v;
                        }, MapKeyOf: hereYaml));
                    }
                    break;
                case IEnumerable items when value.GetType().IsGenericType:
                    var n = 0;
                    foreach (var item in items)
                    {
                        if (item is not null && IsConfigType(item.GetType()))
                        {
                            Walk(item, $"{here}[{n}]", $"{hereYaml}[{n}]", found);
                        }
                        n++;
                    }
                    break;
                case not null when IsConfigType(value.GetType()):
                    Walk(value, here, hereYaml, found);
                    break;
            }
        }
    }

    private static bool IsConfigType(Type t) => t.IsClass && t.Namespace?.StartsWith("OsInstall", StringComparison.Ordinal) == true;
}

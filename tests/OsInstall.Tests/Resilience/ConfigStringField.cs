using System.Collections;
using System.Reflection;

namespace OsInstall.Tests.Resilience;

/// <summary>One string of a bound config object graph (a property or an element of a string list), with its YAML-ish path.</summary>
internal sealed record ConfigStringField(string Path, string Value, Action<string> Set)
{
    /// <summary>Every writable string property and string-list element under <paramref name="root"/>, depth first.</summary>
    public static IReadOnlyList<ConfigStringField> All(object root)
    {
        var found = new List<ConfigStringField>();
        Walk(root, "", found);
        return found;
    }

    private static void Walk(object node, string path, List<ConfigStringField> found)
    {
        foreach (var p in node.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!p.CanRead || !p.CanWrite || p.GetIndexParameters().Length > 0)
            {
                continue;
            }
            var here = path.Length == 0 ? p.Name : $"{path}.{p.Name}";
            var value = p.GetValue(node);
            switch (value)
            {
                case string s:
                    found.Add(new ConfigStringField(here, s, v => p.SetValue(node, v)));
                    break;
                case List<string> list:
                    for (var i = 0; i < list.Count; i++)
                    {
                        var index = i;
                        found.Add(new ConfigStringField($"{here}[{i}]", list[i], v => list[index] = v));
                    }
                    break;
                case IEnumerable items when value.GetType().IsGenericType:
                    var n = 0;
                    foreach (var item in items)
                    {
                        if (item is not null && IsConfigType(item.GetType()))
                        {
                            Walk(item, $"{here}[{n}]", found);
                        }
                        n++;
                    }
                    break;
                case not null when IsConfigType(value.GetType()):
                    Walk(value, here, found);
                    break;
            }
        }
    }

    private static bool IsConfigType(Type t) => t.IsClass && t.Namespace?.StartsWith("OsInstall", StringComparison.Ordinal) == true;
}

using System.Collections;
using System.Reflection;

namespace OsInstall.Common.Config.Rules;

/// <summary>
/// Every string of the config, whatever its field, is one line of printable text: each value lands
/// in a one-line directive of some file (oslo configs, keepalived.conf, zone files, SQL, shell
/// lines), where a newline starts a second directive and a control character is at best garbage.
/// One rule over the whole model, found by reflection as the binder finds keys, so a field added
/// later is covered too. It runs first and marks what it reports, so no format rule repeats it.
/// </summary>
public static class TextRules
{
    public static void Check(ValidationContext ctx) => Walk(ctx, ctx.Config, "");

    private static void Walk(ValidationContext ctx, object node, string path)
    {
        foreach (var p in node.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetMethod is not { IsPublic: true } || p.SetMethod is not { IsPublic: true } || p.GetIndexParameters().Length > 0)
            {
                continue;
            }
            var key = SnakeCaseNames.FromPascal(p.Name);
            Value(ctx, p.GetValue(node), path.Length == 0 ? key : $"{path}.{key}");
        }
    }

    private static void Value(ValidationContext ctx, object? value, string path)
    {
        switch (value)
        {
            case null:
                return;
            case string s:
                Text(ctx, path, s, "");
                return;
            case IDictionary dict:
                foreach (DictionaryEntry entry in dict)
                {
                    var key = entry.Key.ToString() ?? "";
                    if (!Text(ctx, $"{path}.{key}", key, $"key '{key}' "))
                    {
                        Value(ctx, entry.Value, $"{path}.{key}");
                    }
                }
                return;
            case IList list:
                for (var i = 0; i < list.Count; i++)
                {
                    Value(ctx, list[i], $"{path}[{i}]");
                }
                return;
            default:
                if (value.GetType() is { IsClass: true } t && t.Namespace?.StartsWith("OsInstall", StringComparison.Ordinal) == true)
                {
                    Walk(ctx, value, path);
                }
                return;
        }
    }

    /// <summary>Reports <paramref name="text"/> when it holds a forbidden character; true when it did.</summary>
    private static bool Text(ValidationContext ctx, string path, string text, string what)
    {
        var at = PrintableText.FindForbidden(text);
        if (at < 0 || ctx.Locations.HasFailed(path))
        {
            return false;
        }
        var shown = what.Length > 0 ? what : $"'{text}' ";
        ctx.Report(path, $"{shown}contains {PrintableText.Describe(text[at])} at character {at + 1}: config values must be one line of printable text (each lands in a one-line directive of a config file)");
        ctx.Locations.MarkFailed(path);
        return true;
    }
}

using System.Text;
using OsInstall.Common.Config;

namespace OsInstall.Components.OpenStack;

/// <summary>Values written into an oslo.config file.</summary>
public static class OsloValue
{
    /// <summary>
    /// The text that oslo.config reads back as exactly <paramref name="value"/> after "key = ".
    /// oslo.config substitutes "$name" and "${name}" with other options' values, so a literal '$'
    /// is written "$$"; it first turns every "\$" into "$$", so a '$' right after a backslash is
    /// written "\$" instead (the backslash before it then survives). Its parser strips the value's
    /// surrounding whitespace and then one pair of matching quotes, so a value with leading or
    /// trailing whitespace, or that starts and ends with the same quote, is wrapped in double quotes.
    /// Line breaks and other control characters cannot be expressed at all.
    /// </summary>
    public static string Escape(string value)
    {
        var at = PrintableText.FindForbidden(value);
        if (at >= 0)
        {
            throw new ArgumentException($"an oslo.config value cannot hold {PrintableText.Describe(value[at])}", nameof(value));
        }
        var sb = new StringBuilder(value.Length + 8);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            sb.Append(c != '$' ? c.ToString() : i > 0 && value[i - 1] == '\\' ? "\\$" : "$$");
        }
        var escaped = sb.ToString();
        return NeedsQuotes(value) ? $"\"{escaped}\"" : escaped;
    }

    private static bool NeedsQuotes(string value) =>
        value.Length > 0
        && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]) || (value[0] is '"' or '\'' && value[^1] == value[0]));
}

using System.Globalization;
using System.Text;

namespace OsInstall.Components.Horizon;

/// <summary>Values as Python source literals, for the dashboard's local_settings.py.</summary>
public static class PythonLiteral
{
    /// <summary>A single-quoted str literal that evaluates to exactly <paramref name="value"/>.</summary>
    public static string Str(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('\'');
        foreach (var ch in value)
        {
            switch (ch)
            {
                case '\\': sb.Append(@"\\"); break;
                case '\'': sb.Append(@"\'"); break;
                case '\n': sb.Append(@"\n"); break;
                case '\r': sb.Append(@"\r"); break;
                case '\t': sb.Append(@"\t"); break;
                default:
                    if (ch < ' ' || ch == '\x7f' || char.IsSurrogate(ch) || ch > '\x7e')
                    {
                        sb.Append(@"\u").Append(((int)ch).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(ch);
                    }
                    break;
            }
        }
        return sb.Append('\'').ToString();
    }

    /// <summary>A list literal of str literals.</summary>
    public static string StrList(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(Str)) + "]";
}

using System.Text;

namespace OsInstall.Common.Shell;

/// <summary>
/// The one place that quotes values for a POSIX shell. Every value that goes into a command
/// passes through <see cref="Quote"/> (or <see cref="Join"/>); no component quotes by hand.
/// </summary>
public static class Sh
{
    /// <summary>Single-quotes <paramref name="value"/> so the shell sees it as one literal word.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > 0 && value.All(IsSafe))
        {
            return value;
        }
        var sb = new StringBuilder(value.Length + 2);
        sb.Append('\'');
        foreach (var c in value)
        {
            if (c == '\'')
            {
                sb.Append("'\\''");
            }
            else
            {
                sb.Append(c);
            }
        }
        sb.Append('\'');
        return sb.ToString();
    }

    /// <summary>A command line of literal words: each word quoted, joined by spaces.</summary>
    public static string Join(params IEnumerable<string> words) => string.Join(' ', words.Select(Quote));

    /// <summary>
    /// Several commands as one command line (one round trip): each braced, joined by &amp;&amp;, so
    /// the first that fails stops the rest and its status is the line's, whatever mix of || and
    /// &amp;&amp; each one holds.
    /// </summary>
    public static string AllOf(params IEnumerable<string> commands) =>
        string.Join(" && ", commands.Select(c => $"{{ {c}; }}"));

    private static bool IsSafe(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
            or '-' or '_' or '.' or '/' or ':' or '=' or '@' or ',' or '+' or '%';
}

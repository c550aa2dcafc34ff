using System.Text;

namespace OsInstall.Common.Config;

/// <summary>
/// One-line printable text: what every config value and secret must be (each lands in a one-line
/// directive of some file), and how a value is shown in a one-line message (control characters
/// such as newlines and escapes become \n, \t, \x1b).
/// </summary>
public static class PrintableText
{
    /// <summary>
    /// A character no config value or secret may hold: C0 controls (U+0000-U+001F: newline, tab,
    /// ESC...), DEL (U+007F), C1 controls (U+0080-U+009F, among them NEL) and the Unicode line and
    /// paragraph separators (U+2028, U+2029), which some parsers (Python's splitlines) break lines at.
    /// </summary>
    public static bool IsForbidden(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';

    /// <summary>The index of the first forbidden character of <paramref name="text"/>, or -1.</summary>
    public static int FindForbidden(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsForbidden(text[i]))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>Names a forbidden character for a message: "a line break (\n)", "a tab (\t)", "control character U+001B".</summary>
    public static string Describe(char c) => c switch
    {
        '\n' => "a line break (\\n)",
        '\r' => "a carriage return (\\r)",
        '\t' => "a tab (\\t)",
        '\0' => "a NUL character (\\x00)",
        '\u2028' => "a Unicode line separator (U+2028)",
        '\u2029' => "a Unicode paragraph separator (U+2029)",
        _ => $"control character U+{(int)c:X4}",
    };

    public static string Escape(string text)
    {
        if (FindForbidden(text) < 0)
        {
            return text;
        }
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\u2028' or '\u2029' => $"\\u{(int)c:x4}",
                _ when char.IsControl(c) => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            });
        }
        return sb.ToString();
    }
}

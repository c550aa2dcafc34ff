namespace OsInstall.Common.Config.Yaml;

/// <summary>A scalar: its text exactly as written (3.22 stays "3.22"), and whether it was quoted.</summary>
public sealed class YamlScalar(string path, int line, int column, string value, bool quoted) : YamlNode(path, line, column)
{
    public string Value { get; } = value;
    public bool Quoted { get; } = quoted;

    /// <summary>An unquoted empty value, ~ or null: YAML's "no value".</summary>
    public bool IsNull => !Quoted && Value is "" or "~" or "null" or "Null" or "NULL";

    public override string Describe() => IsNull ? "no value" : Quoted ? $"the string '{Shorten(Value)}'" : $"'{Shorten(Value)}'";

    private static string Shorten(string s) => PrintableText.Escape(s.Length <= 40 ? s : s[..40] + "…");
}

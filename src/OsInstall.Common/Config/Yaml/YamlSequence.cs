namespace OsInstall.Common.Config.Yaml;

/// <summary>A YAML list.</summary>
public sealed class YamlSequence(string path, int line, int column) : YamlNode(path, line, column)
{
    public List<YamlNode> Items { get; } = [];

    public override string Describe() => "a list";
}

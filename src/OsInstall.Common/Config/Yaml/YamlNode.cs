namespace OsInstall.Common.Config.Yaml;

/// <summary>
/// A node of a YAML document as osinstall reads it: the value and where it starts. Unlike
/// YamlDotNet's representation model it keeps duplicate keys (so every one can be reported)
/// and never throws on them.
/// </summary>
public abstract class YamlNode(string path, int line, int column)
{
    /// <summary>The YAML path of this node: networks.internal.cidr, controllers[1].address.</summary>
    public string Path { get; } = path;
    public int Line { get; } = line;
    public int Column { get; } = column;

    /// <summary>What the node is, in words for messages: "a string", "a list", "a map".</summary>
    public abstract string Describe();
}

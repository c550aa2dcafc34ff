namespace OsInstall.Common.Config.Yaml;

/// <summary>A YAML map, in document order, duplicates kept (and flagged).</summary>
public sealed class YamlMapping(string path, int line, int column) : YamlNode(path, line, column)
{
    public List<YamlMappingEntry> Entries { get; } = [];

    /// <summary>The first entry of each key; later duplicates are errors already reported by the reader.</summary>
    public IEnumerable<YamlMappingEntry> UniqueEntries => Entries.Where(e => !e.IsDuplicate);

    public override string Describe() => "a map";
}

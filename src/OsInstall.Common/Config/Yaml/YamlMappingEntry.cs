namespace OsInstall.Common.Config.Yaml;

/// <summary>One key: value pair of a map, with the key's own position.</summary>
public sealed record YamlMappingEntry(string Key, int KeyLine, int KeyColumn, YamlNode Value, bool IsDuplicate);

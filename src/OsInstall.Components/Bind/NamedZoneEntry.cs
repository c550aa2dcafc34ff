namespace OsInstall.Components.Bind;

/// <summary>A zone statement: its name and its file relative to the data directory.</summary>
public sealed record NamedZoneEntry(string Name, string File);

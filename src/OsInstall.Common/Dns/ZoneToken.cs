namespace OsInstall.Common.Dns;

/// <summary>A word of a zone file entry and where it starts in the entry's text.</summary>
internal readonly record struct ZoneToken(string Value, int Start);

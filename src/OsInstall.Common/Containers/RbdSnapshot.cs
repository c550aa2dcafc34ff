namespace OsInstall.Common.Containers;

public sealed record RbdSnapshot(string Name, bool Protected);

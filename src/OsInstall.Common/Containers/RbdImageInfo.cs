namespace OsInstall.Common.Containers;

/// <summary>An RBD image as `rbd info` reports it; Parent is null for an image that is not (or no longer) a clone.</summary>
public sealed record RbdImageInfo(string Name, long SizeBytes, RbdParent? Parent);

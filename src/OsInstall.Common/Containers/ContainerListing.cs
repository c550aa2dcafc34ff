namespace OsInstall.Common.Containers;

/// <summary>One container as `osinstall container list` shows it.</summary>
public sealed record ContainerListing(string Host, string Container, string State, long? SizeBytes, string? Parent);

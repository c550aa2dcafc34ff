namespace OsInstall.Components.Bind;

/// <summary>An address and port another named is reached on (primaries, also-notify).</summary>
public sealed record NamedEndpoint(string Address, int Port);

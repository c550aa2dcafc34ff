namespace OsInstall.Components.Bind;

/// <summary>A named key statement (hmac-sha256).</summary>
public sealed record KeyModel(string Name, string Secret);

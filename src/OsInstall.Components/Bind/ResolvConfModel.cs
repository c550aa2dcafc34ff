namespace OsInstall.Components.Bind;

/// <summary>The values of resolv.conf.sbn.</summary>
public sealed record ResolvConfModel(string Domain, IReadOnlyList<string> Nameservers);

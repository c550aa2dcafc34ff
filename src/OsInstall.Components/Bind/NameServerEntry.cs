namespace OsInstall.Components.Bind;

/// <summary>A name server of the zones: ns, ns-2, ... in the cluster domain, one per controller.</summary>
public sealed record NameServerEntry(string Label, string Fqdn, string Address);

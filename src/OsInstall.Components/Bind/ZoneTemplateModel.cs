namespace OsInstall.Components.Bind;

/// <summary>The values of the zone templates: SOA, NS and the name servers' addresses.</summary>
public sealed record ZoneTemplateModel(
    string Zone,
    int Ttl,
    long Serial,
    string PrimaryNs,
    string Mailbox,
    IReadOnlyList<NameServerEntry> NameServers);
